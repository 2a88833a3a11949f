package dev.perbench.web.accounts;

/**
 * Who is asking: a user, through a browser session or an API token.
 *
 * @param scope the token's scope, or null (a session, or a token without a scope)
 * @param csrfToken the session's CSRF token, or null for a token (bearer requests need none)
 */
public record Principal(User user, Scope scope, String csrfToken) {
  /** Whether this principal may act within {@code needed}. */
  public boolean allows(Scope needed) {
    return scope == null || scope == needed;
  }
}

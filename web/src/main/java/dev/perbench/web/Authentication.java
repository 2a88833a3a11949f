package dev.perbench.web;

import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Principal;
import dev.perbench.web.accounts.Scope;
import dev.perbench.web.accounts.Secrets;
import dev.perbench.web.accounts.User;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;

/**
 * Who a request comes from, and the checks that go with it. A request carries either an API token
 * ({@code Authorization: Bearer pbt_...}, for scripts and CI; no CSRF check, since a browser never
 * adds that header by itself) or a session cookie (browsers; {@code HttpOnly}, {@code
 * SameSite=Lax}, {@code Secure} over TLS). Every form POST is checked against a CSRF token: the
 * session's own, or before login a random cookie the form must repeat (double submit).
 */
public final class Authentication {
  public static final String SESSION_COOKIE = "perbench_session";
  public static final String CSRF_COOKIE = "perbench_csrf";
  public static final String CSRF_FIELD = "_csrf";
  private static final String PRINCIPAL = "perbench.principal";

  private final Accounts accounts;

  public Authentication(Accounts accounts) {
    this.accounts = accounts;
  }

  public Accounts accounts() {
    return accounts;
  }

  /** Finds the request's principal, if any (a before-handler for every route). */
  public void resolve(Context ctx) {
    String header = ctx.header("Authorization");
    Optional<Principal> p = Optional.empty();
    if (header != null && header.startsWith("Bearer ")) {
      p = accounts.token(header.substring("Bearer ".length()).trim());
      if (p.isEmpty()) {
        throw new UnauthorizedResponse("the API token is unknown or revoked");
      }
    } else {
      String cookie = ctx.cookie(SESSION_COOKIE);
      if (cookie != null) {
        p = accounts.session(cookie);
      }
    }
    p.ifPresent(principal -> ctx.attribute(PRINCIPAL, principal));
  }

  /** The request's principal, if it has one. */
  public static Optional<Principal> principal(Context ctx) {
    return Optional.ofNullable(ctx.attribute(PRINCIPAL));
  }

  /** The request's user, or 401 (the pages turn that into the login page). */
  public static User user(Context ctx) {
    return principal(ctx)
        .map(Principal::user)
        .orElseThrow(() -> new UnauthorizedResponse("log in first, or send an API token"));
  }

  /** The request's user, when its principal may act within {@code scope}; else 401 or 403. */
  public static User user(Context ctx, Scope scope) {
    User u = user(ctx);
    if (!principal(ctx).orElseThrow().allows(scope)) {
      throw new ForbiddenResponse("this API token is not allowed to " + scope.id());
    }
    return u;
  }

  /** The request's user when an admin (a session or an unscoped token); else 401 or 403. */
  public static User admin(Context ctx) {
    User u = user(ctx);
    if (!u.admin() || principal(ctx).orElseThrow().scope() != null) {
      throw new ForbiddenResponse("for admins only");
    }
    return u;
  }

  /**
   * Checks a state-changing request: a bearer request needs nothing more; a browser's must carry
   * the CSRF token (header {@code X-CSRF-Token}, or form field {@value #CSRF_FIELD} of a
   * URL-encoded form) of its session, or before login the value of the {@value #CSRF_COOKIE}
   * cookie. A multipart upload, read as a stream, checks its first field with {@link
   * #checkCsrf(Context, String)} instead.
   */
  public static void checkCsrf(Context ctx) {
    String sent = ctx.header("X-CSRF-Token");
    String type = ctx.contentType();
    if (sent == null && type != null && type.startsWith("application/x-www-form-urlencoded")) {
      sent = ctx.formParam(CSRF_FIELD);
    }
    checkCsrf(ctx, sent);
  }

  /** Checks {@code sent} as the request's CSRF token (nothing to check for a bearer request). */
  public static void checkCsrf(Context ctx, String sent) {
    Optional<Principal> p = principal(ctx);
    if (p.isPresent() && p.get().csrfToken() == null) {
      return; // an API token: not something a browser sends on its own
    }
    String expected = p.isPresent() ? p.get().csrfToken() : ctx.cookie(CSRF_COOKIE);
    if (!Secrets.same(sent, expected)) {
      throw new ForbiddenResponse("the form's security token is missing or stale; reload the page");
    }
  }

  /** The CSRF token a page's forms must carry: the session's, else a new pre-login cookie's. */
  public static String csrfToken(Context ctx) {
    Optional<Principal> p = principal(ctx);
    if (p.isPresent() && p.get().csrfToken() != null) {
      return p.get().csrfToken();
    }
    String existing = ctx.cookie(CSRF_COOKIE);
    if (existing != null && existing.length() == 43) {
      return existing;
    }
    String token = Secrets.random("");
    ctx.cookie(cookie(ctx, CSRF_COOKIE, token, -1));
    return token;
  }

  /** Starts a browser session for {@code user}. */
  public void login(Context ctx, User user) {
    Accounts.NewSession s = accounts.startSession(user);
    ctx.cookie(cookie(ctx, SESSION_COOKIE, s.cookie(), (int) Accounts.SESSION.toSeconds()));
    ctx.removeCookie(CSRF_COOKIE, "/");
  }

  /** Ends the browser session. */
  public void logout(Context ctx) {
    accounts.endSession(ctx.cookie(SESSION_COOKIE));
    ctx.cookie(cookie(ctx, SESSION_COOKIE, "", 0));
  }

  /**
   * The client's address for throttling: the peer, or when the peer is this machine (a reverse
   * proxy in front, as docs/hosting.md sets up) the last address the proxy appended to
   * X-Forwarded-For.
   */
  public static String clientAddress(Context ctx) {
    String peer = ctx.req().getRemoteAddr();
    String forwarded = ctx.header("X-Forwarded-For");
    if (forwarded != null && (peer.equals("127.0.0.1") || peer.equals("0:0:0:0:0:0:0:1"))) {
      String[] hops = forwarded.split(",");
      return hops[hops.length - 1].trim();
    }
    return peer;
  }

  /** Whether the request came over TLS (directly, or through the proxy). */
  static boolean secure(Context ctx) {
    return "https".equals(ctx.scheme()) || "https".equals(ctx.header("X-Forwarded-Proto"));
  }

  private static Cookie cookie(Context ctx, String name, String value, int maxAge) {
    Cookie c = new Cookie(name, value);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSameSite(SameSite.LAX);
    c.setSecure(secure(ctx));
    c.setMaxAge(maxAge);
    return c;
  }
}

package dev.perbench.web;

import dev.perbench.web.accounts.Principal;
import io.javalin.http.Context;

/**
 * Who is looking, for what an entry shows: anyone sees published public entries; an entry's owner
 * also sees their own private ones (and their per-sample results); an admin sees every entry and
 * the per-sample results of hidden benchmarks.
 *
 * @param userId the signed-in user's id, or null
 */
public record Viewer(Long userId, boolean admin) {
  /** Someone not signed in. */
  public static final Viewer ANYONE = new Viewer(null, false);

  /** The viewer of a request. A token limited to submitting does not read private results. */
  public static Viewer of(Context ctx) {
    return Authentication.principal(ctx)
        .filter(p -> p.allows(dev.perbench.web.accounts.Scope.READ_PRIVATE))
        .map(Viewer::of)
        .orElse(ANYONE);
  }

  static Viewer of(Principal p) {
    return new Viewer(p.user().id(), p.user().admin() && p.scope() == null);
  }

  /**
   * The SQL condition under which entry table {@code alias} is visible to this viewer. The owner id
   * is a number from the database, written as digits, so nothing of a request reaches the SQL.
   */
  public String condition(String alias) {
    if (admin) {
      return "1 = 1";
    }
    String shown = Leaderboards.shown(alias);
    return userId == null ? shown : "((" + shown + ") OR " + alias + ".owner = '" + userId + "')";
  }
}

package dev.perbench.web;

import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.Rescores;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/**
 * The forms that change a hosted entry: its owner publishes or withdraws it; an admin hides or
 * shows, flags or clears the flag, verifies or unverifies, hides a benchmark's ground truth or
 * re-scores its hosted entries. Each checks its CSRF token and the actor's right first, then goes
 * back to the entry's page.
 */
final class ModerationRoutes {
  private final Moderation moderation;
  private final Rescores rescores;

  private ModerationRoutes(Moderation moderation, Rescores rescores) {
    this.moderation = moderation;
    this.rescores = rescores;
  }

  static void register(Javalin app, Moderation moderation, Rescores rescores) {
    ModerationRoutes r = new ModerationRoutes(moderation, rescores);
    app.post("/entries/{id}/publish", ctx -> r.owner(ctx, true));
    app.post("/entries/{id}/withdraw", ctx -> r.owner(ctx, false));
    app.post("/admin/entries/{id}/hide", ctx -> r.hide(ctx, true));
    app.post("/admin/entries/{id}/show", ctx -> r.hide(ctx, false));
    app.post("/admin/entries/{id}/flag", r::flag);
    app.post("/admin/entries/{id}/verify", ctx -> r.verify(ctx, true));
    app.post("/admin/entries/{id}/unverify", ctx -> r.verify(ctx, false));
    app.post("/admin/benchmarks/{id}/hide-ground-truth", ctx -> r.groundTruth(ctx, true));
    app.post("/admin/benchmarks/{id}/show-ground-truth", ctx -> r.groundTruth(ctx, false));
    app.post("/admin/benchmarks/{id}/rescore", r::rescore);
  }

  private void owner(Context ctx, boolean publish) {
    Authentication.checkCsrf(ctx);
    User u = Authentication.user(ctx);
    String id = ctx.pathParam("id");
    if (publish) {
      moderation.publish(u, id);
    } else {
      moderation.withdraw(u, id);
    }
    ctx.redirect("/entries/" + id);
  }

  private void hide(Context ctx, boolean hidden) {
    Authentication.checkCsrf(ctx);
    User admin = Authentication.admin(ctx);
    moderation.hide(admin, ctx.pathParam("id"), hidden, ctx.formParam("reason"));
    ctx.redirect("/entries/" + ctx.pathParam("id"));
  }

  private void flag(Context ctx) {
    Authentication.checkCsrf(ctx);
    User admin = Authentication.admin(ctx);
    moderation.flag(admin, ctx.pathParam("id"), ctx.formParam("reason"));
    ctx.redirect("/entries/" + ctx.pathParam("id"));
  }

  private void groundTruth(Context ctx, boolean hidden) {
    Authentication.checkCsrf(ctx);
    User admin = Authentication.admin(ctx);
    moderation.hideGroundTruth(admin, ctx.pathParam("id"), hidden);
    ctx.redirect("/admin");
  }

  /** Asks the scoring workers to re-score every hosted entry of the benchmark. */
  private void rescore(Context ctx) {
    Authentication.checkCsrf(ctx);
    User admin = Authentication.admin(ctx);
    String benchmark = ctx.pathParam("id");
    if (!Leaderboards.known(benchmark)) {
      throw new NotFoundResponse("No benchmark with the id " + benchmark);
    }
    rescores.request(admin, benchmark);
    ctx.redirect("/admin");
  }

  private void verify(Context ctx, boolean verified) {
    Authentication.checkCsrf(ctx);
    User admin = Authentication.admin(ctx);
    moderation.verify(admin, ctx.pathParam("id"), verified);
    ctx.redirect("/entries/" + ctx.pathParam("id"));
  }
}

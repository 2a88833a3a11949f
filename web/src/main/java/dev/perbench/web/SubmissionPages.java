package dev.perbench.web;

import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.Submission;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Optional;

/**
 * The owner's pages of their submissions: the list, and each one's status page (queue position, the
 * time of each transition, the scoring log, the error when it failed, its private result when
 * finished), with a cancel button while it is queued. Another user's submission is a 404, the same
 * as an unknown id, so ids cannot be probed.
 */
final class SubmissionPages {
  private final Site site;
  private final Pages pages;

  private SubmissionPages(Site site, Pages pages) {
    this.site = site;
    this.pages = pages;
  }

  static void register(Javalin app, Site site, Pages pages) {
    SubmissionPages p = new SubmissionPages(site, pages);
    app.get("/submit", p::form);
    app.get("/submissions", p::list);
    app.get("/submissions/{id}", p::status);
    app.post("/submissions/{id}/cancel", p::cancel);
  }

  private void form(Context ctx) {
    Authentication.user(ctx);
    if (!site.hosting().open()) {
      throw new io.javalin.http.ServiceUnavailableResponse("This site takes no submissions.");
    }
    java.util.List<String> benchmarks =
        dev.perbench.data.catalog.BenchmarkCatalog.all().stream()
            .map(b -> b.id())
            .filter(id -> site.data().split(id).isPresent())
            .toList();
    pages.send(
        ctx,
        200,
        "submit",
        Map.of(
            "benchmarks", benchmarks,
            "profiles",
                java.util.Arrays.stream(dev.perbench.harness.score.EvalProfile.values())
                    .map(p -> p.id())
                    .toList(),
            "limits", site.hosting().limits()));
  }

  private void list(Context ctx) {
    User u = Authentication.user(ctx);
    pages.send(ctx, 200, "submissions", Map.of("submissions", site.queue().byUser(u.id())));
  }

  private Submission mine(Context ctx, User u) {
    String id = ctx.pathParam("id");
    Optional<Submission> s = site.queue().get(id).filter(x -> x.userId() == u.id());
    return s.orElseThrow(() -> new NotFoundResponse("No submission " + id + " of yours"));
  }

  private void status(Context ctx) {
    User u = Authentication.user(ctx);
    Submission s = mine(ctx, u);
    pages.send(ctx, 200, "submission", Map.of("s", s, "position", site.queue().position(s)));
  }

  private void cancel(Context ctx) {
    Authentication.checkCsrf(ctx);
    User u = Authentication.user(ctx);
    Submission s = mine(ctx, u);
    if (!site.queue().cancel(u, s.id())) {
      throw new dev.perbench.errors.InputException(
          "submission "
              + s.id()
              + ": only a queued submission can be cancelled; it is "
              + s.status().id());
    }
    ctx.redirect("/submissions/" + s.id());
  }
}

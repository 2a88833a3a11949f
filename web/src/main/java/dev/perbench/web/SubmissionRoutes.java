package dev.perbench.web;

import dev.perbench.errors.InputException;
import dev.perbench.web.accounts.Scope;
import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionQueue;
import dev.perbench.web.submit.SubmissionStatus;
import dev.perbench.web.submit.UploadReceiver;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The submission API: upload a prediction file ({@code POST /api/v1/submissions}), follow it
 * ({@code GET /api/v1/submissions/{id}}), list one's own ({@code GET /api/v1/submissions?mine=1})
 * and cancel a queued one ({@code POST /api/v1/submissions/{id}/cancel}). Every route needs a user
 * (an API token, or a browser session with its CSRF token); a submission is its owner's alone, and
 * anyone else gets the same 404 as for an id that does not exist, so ids cannot be probed. A site
 * that takes no submissions answers 503.
 */
public final class SubmissionRoutes {
  /** The paths, as {@link WebApp#API_PATHS} lists them. */
  static final List<String> PATHS =
      List.of("/api/v1/submissions", "/api/v1/submissions/{id}", "/api/v1/submissions/{id}/cancel");

  /** How much of a refused upload's body is read and dropped so that the client sees the answer. */
  static final int SWALLOW = 1 << 20;

  private final Site site;
  private final SubmissionQueue queue;
  private final UploadReceiver receiver;

  private SubmissionRoutes(Site site) {
    this.site = site;
    this.queue = site.queue();
    Hosting h = site.hosting();
    this.receiver =
        h.open() ? new UploadReceiver(queue, h.uploads(), h.limits(), site.data()::split) : null;
  }

  /** Adds the routes to {@code app}. */
  public static void register(Javalin app, Site site) {
    SubmissionRoutes r = new SubmissionRoutes(site);
    app.post(PATHS.get(0), r::submit);
    app.get(PATHS.get(0), r::mine);
    app.get(PATHS.get(1), r::status);
    app.post(PATHS.get(2), r::cancel);
    // the browser's form: the same upload, answered with the submission's page
    app.post("/submit", ctx -> r.upload(ctx, true));
  }

  private void submit(Context ctx) {
    upload(ctx, false);
  }

  /** Receives an upload; answers 202 with its id (API) or sends the browser to its page. */
  private void upload(Context ctx, boolean page) {
    User user;
    try {
      open();
      user = Authentication.user(ctx, Scope.SUBMIT);
      receiver.preflight(user, ctx.req().getContentLengthLong());
    } catch (RuntimeException e) {
      refused(ctx, !"100-continue".equalsIgnoreCase(ctx.header("Expect")));
      throw e;
    }
    Submission s;
    try {
      s = receiver.receive(user, ctx.req(), sent -> Authentication.checkCsrf(ctx, sent));
    } catch (RuntimeException e) {
      refused(ctx, true);
      throw e;
    }
    if (page) {
      ctx.redirect("/submissions/" + s.id(), io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    ctx.status(202)
        .header("Location", "/api/v1/submissions/" + s.id())
        .json(Map.of("id", s.id(), "status", s.status().id()));
  }

  /**
   * Prepares the answer to a refused upload. The client is likely still sending its file, and many
   * clients (and TCP, when a socket is closed with data unread) lose an answer that comes before
   * they are done: up to {@link #SWALLOW} bytes more are read and dropped (never stored), and past
   * that the connection is closed after the answer. A client that waits for {@code 100 Continue}
   * has sent nothing yet, and reading would ask it to: nothing is read then.
   */
  private static void refused(Context ctx, boolean swallow) {
    boolean ended = false;
    if (swallow) {
      try {
        InputStream in = ctx.req().getInputStream();
        byte[] buf = new byte[8192];
        long left = SWALLOW;
        int n = 0;
        while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
          left -= n;
        }
        ended = n < 0;
      } catch (IOException | RuntimeException e) {
        // the client is gone or the body is broken: the connection is closed either way
      }
    }
    if (!ended) {
      ctx.header("Connection", "close");
    }
  }

  private void status(Context ctx) {
    open();
    User user = reader(ctx);
    ctx.json(SubmissionView.of(owned(user, ctx.pathParam("id")), queue));
  }

  private void mine(Context ctx) {
    open();
    User user = reader(ctx);
    String mine = ctx.queryParam("mine");
    if (!"1".equals(mine)) {
      throw new InputException(
          "parameter mine: "
              + (mine == null ? "required" : "'" + mine + "' is not 1")
              + " (only your own submissions are listed: ?mine=1)");
    }
    ctx.json(queue.byUser(user.id()).stream().map(s -> SubmissionView.of(s, queue)).toList());
  }

  private void cancel(Context ctx) {
    open();
    User user = Authentication.user(ctx, Scope.SUBMIT);
    Authentication.checkCsrf(ctx);
    Submission s = owned(user, ctx.pathParam("id"));
    if (!queue.cancel(user, s.id())) {
      Submission now = queue.get(s.id()).orElseThrow();
      ctx.status(409)
          .json(
              Map.of(
                  "error",
                  "submission "
                      + s.id()
                      + " is "
                      + now.status().id()
                      + "; only a queued ("
                      + SubmissionStatus.SUBMITTED.id()
                      + ") submission can be cancelled"));
      return;
    }
    ctx.json(SubmissionView.of(queue.get(s.id()).orElseThrow(), queue));
  }

  /**
   * The request's user, to read their submissions: a session, or a token of either scope ({@code
   * submit} follows its uploads, {@code read-private} reads them).
   */
  private static User reader(Context ctx) {
    return Authentication.user(ctx);
  }

  /** The user's submission; the same 404 when it is someone else's as when there is none. */
  private Submission owned(User user, String id) {
    return queue
        .get(id)
        .filter(s -> s.userId() == user.id())
        .orElseThrow(() -> new NotFoundResponse("No submission with the id " + id));
  }

  private void open() {
    if (!site.hosting().open()) {
      throw new ServiceUnavailableResponse(
          "this site takes no submissions (it is a read-only copy of the leaderboard)");
    }
  }
}

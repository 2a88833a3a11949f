package dev.perbench.web;

import dev.perbench.errors.InputException;
import dev.perbench.harness.submissions.SubmissionCard;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The leaderboard website: every route in one place, each a small handler over {@link
 * Leaderboards}. Pages are Thymeleaf templates (which escape every value), the API is JSON.
 * Responses carry a Content-Security-Policy and the other basic security headers; an error shows a
 * short message and a request id, never a stack trace (the trace goes to the log).
 */
public final class WebApp {
  private static final Logger LOG = Logger.getLogger(WebApp.class.getName());
  private static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private final Leaderboards boards;
  private final TemplateEngine templates = templates();

  private WebApp(Leaderboards boards) {
    this.boards = boards;
  }

  /** The application, not yet started. */
  public static Javalin create(Leaderboards boards) {
    WebApp web = new WebApp(boards);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.staticFiles.add(
                  s -> {
                    s.hostedPath = "/static";
                    s.directory = "/static";
                    s.location = Location.CLASSPATH;
                  });
            });
    app.before(WebApp::securityHeaders);
    app.get("/", web::home);
    app.get("/benchmarks/{id}", web::leaderboard);
    app.get("/benchmarks/{id}/leaderboard.csv", web::leaderboardCsv);
    app.get("/entries/{id}", web::entry);
    app.get("/entries/{id}/results/{bench}/metrics.json", web::metricsDownload);
    app.get("/api/v1/benchmarks", ctx -> ctx.json(boards.benchmarks()));
    app.get("/api/v1/benchmarks/{id}/leaderboard", web::leaderboardJson);
    app.exception(NotFoundResponse.class, web::notFound);
    app.exception(InputException.class, web::badRequest);
    app.exception(Exception.class, web::failure);
    app.error(
        404,
        ctx -> {
          if (ctx.result() == null) {
            web.page(ctx, 404, "error", Map.of("message", "No such page: " + ctx.path()));
          }
        });
    return app;
  }

  private void home(Context ctx) {
    page(ctx, 200, "home", Map.of("benchmarks", boards.benchmarks()));
  }

  private void leaderboard(Context ctx) {
    String id = knownBenchmark(ctx);
    LeaderboardQuery query = query(ctx);
    page(
        ctx,
        200,
        "leaderboard",
        Map.of(
            "benchmark",
            id,
            "rows",
            boards.rows(id, query),
            "query",
            query,
            "kinds",
            SubmissionCard.KINDS,
            "sizes",
            LeaderboardQuery.SIZES));
  }

  private void leaderboardJson(Context ctx) {
    ctx.json(boards.rows(knownBenchmark(ctx), query(ctx)));
  }

  private void leaderboardCsv(Context ctx) throws IOException {
    String id = knownBenchmark(ctx);
    StringWriter out = new StringWriter();
    try (CSVPrinter csv =
        new CSVPrinter(
            out,
            CSVFormat.DEFAULT
                .builder()
                .setHeader(
                    "entry",
                    "name",
                    "organisation",
                    "size",
                    "kind",
                    "profile",
                    "metric",
                    "value",
                    "ci_lower",
                    "ci_upper",
                    "rank_best",
                    "rank_worst")
                .get())) {
      for (LeaderboardRow r : boards.rows(id, query(ctx))) {
        csv.printRecord(
            r.entryId(),
            r.name(),
            r.organisation(),
            r.size(),
            r.kind(),
            r.profile(),
            r.mainMetric(),
            r.value(),
            r.lower(),
            r.upper(),
            r.rankBest(),
            r.rankWorst());
      }
    }
    ctx.contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"leaderboard.csv\"")
        .result(out.toString());
  }

  private static LeaderboardQuery query(Context ctx) {
    return new LeaderboardQuery(
        ctx.queryParam("sort"),
        ctx.queryParam("kind"),
        ctx.queryParam("size"),
        ctx.queryParam("org"));
  }

  private void entry(Context ctx) {
    String id = ctx.pathParam("id");
    EntryView entry =
        boards.entry(id).orElseThrow(() -> new NotFoundResponse("No entry with the id " + id));
    page(ctx, 200, "entry", Map.of("entry", entry));
  }

  private void metricsDownload(Context ctx) {
    String id = ctx.pathParam("id");
    String bench = ctx.pathParam("bench");
    String json =
        boards
            .metricsJson(id, bench)
            .orElseThrow(() -> new NotFoundResponse("No result of " + id + " on " + bench));
    ctx.contentType("application/json").result(json);
  }

  private static String knownBenchmark(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Leaderboards.known(id)) {
      throw new NotFoundResponse("No benchmark with the id " + id);
    }
    return id;
  }

  private void notFound(NotFoundResponse e, Context ctx) {
    if (ctx.path().startsWith("/api/")) {
      ctx.status(404).json(Map.of("error", e.getMessage()));
    } else {
      page(ctx, 404, "error", Map.of("message", e.getMessage()));
    }
  }

  private void badRequest(InputException e, Context ctx) {
    if (ctx.path().startsWith("/api/")) {
      ctx.status(400).json(Map.of("error", e.getMessage()));
    } else {
      page(ctx, 400, "error", Map.of("message", e.getMessage()));
    }
  }

  private void failure(Exception e, Context ctx) {
    String requestId = UUID.randomUUID().toString().substring(0, 8);
    LOG.log(Level.SEVERE, "request " + requestId + " " + ctx.path() + " failed", e);
    String message = "Something went wrong on our side (request " + requestId + ").";
    if (ctx.path().startsWith("/api/")) {
      ctx.status(500).json(Map.of("error", message));
    } else {
      page(ctx, 500, "error", Map.of("message", message));
    }
  }

  private void page(Context ctx, int status, String template, Map<String, Object> model) {
    org.thymeleaf.context.Context values = new org.thymeleaf.context.Context(Locale.ROOT);
    values.setVariables(model);
    ctx.status(status).html(templates.process(template, values));
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
  }

  private static TemplateEngine templates() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    TemplateEngine engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }
}

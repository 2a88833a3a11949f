package dev.perbench.web;

import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.harness.submissions.SubmissionCard;
import dev.perbench.web.submit.LimitExceededException;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.logging.Level;
import java.util.logging.Logger;
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

  /**
   * Every path of the JSON API, as {@code openapi.yaml} describes them (with their methods: GET,
   * and POST for the submissions); {@link #create} fails when the paths of the routes it registers
   * under {@code /api/} are not exactly these.
   */
  static final List<String> API_PATHS =
      List.of(
          "/api/v1/benchmarks",
          "/api/v1/benchmarks/{id}/leaderboard",
          "/api/v1/entries/{id}",
          "/api/v1/entries/{id}/samples",
          "/api/v1/compare",
          "/api/v1/openapi.yaml",
          "/api/v1/submissions",
          "/api/v1/submissions/{id}",
          "/api/v1/submissions/{id}/cancel");

  /** The API's OpenAPI description (a classpath resource), served at /api/v1/openapi.yaml. */
  static final String OPENAPI = "openapi.yaml";

  private static final byte[] OPENAPI_BYTES = resource(OPENAPI);

  private static final String CSV = "text/csv; charset=utf-8";

  private final Site site;
  private final Leaderboards boards;
  private final TemplateEngine templates = templates();

  /** The leaderboard pages and JSON, rendered once per read of their rows. */
  private final RenderedAnswers rendered = new RenderedAnswers(ForkJoinPool.commonPool());

  private WebApp(Site site) {
    this.site = site;
    this.boards = site.boards();
    boards.onInvalidate(rendered::clear);
  }

  /** The application, not yet started. */
  public static Javalin create(Site site) {
    WebApp web = new WebApp(site);
    List<String> apiRoutes = new ArrayList<>();
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              // a task is its id ("vres"), as everywhere else in the API, not its enum name
              config.jsonMapper(
                  new JavalinJackson()
                      .updateMapper(
                          m ->
                              m.registerModule(
                                  new SimpleModule()
                                      .addSerializer(Task.class, ToStringSerializer.instance))));
              config.events.handlerAdded(
                  h -> {
                    if (h.getPath().startsWith("/api/") && !apiRoutes.contains(h.getPath())) {
                      apiRoutes.add(h.getPath());
                    }
                  });
              config.staticFiles.add(
                  s -> {
                    s.hostedPath = "/static";
                    s.directory = "/static";
                    s.location = Location.CLASSPATH;
                  });
            });
    app.before(WebApp::securityHeaders);
    app.before(site.auth()::resolve);
    Pages pages = new Pages(site.hosting().signup());
    AccountRoutes.register(app, site, pages);
    SubmissionPages.register(app, site, pages);
    ModerationRoutes.register(app, site.moderation(), site.rescores());
    app.get("/", ctx -> web.home(ctx, pages));
    app.get("/benchmarks.csv", web::benchmarksCsv);
    app.get("/benchmarks/{id}", web::leaderboard);
    app.get("/benchmarks/{id}/leaderboard.csv", web::leaderboardCsv);
    app.get("/benchmarks/{id}/chart.svg", web::leaderboardChart);
    app.get("/entries/{id}", ctx -> web.entry(ctx, pages));
    app.get("/entries/{id}/results/{bench}/metrics.json", web::metricsDownload);
    app.get("/entries/{id}/results/{bench}/metrics.csv", web::metricsCsv);
    app.get("/entries/{id}/results/{bench}/predictions.jsonl", web::predictionsDownload);
    app.get("/entries/{id}/results/{bench}/samples.csv", web::samplesCsv);
    app.get("/entries/{id}/samples", web::samples);
    app.get("/entries/{id}/overlay.png", web::overlay);
    app.get("/compare", web::compare);
    app.get("/compare.csv", web::compareCsv);
    app.get("/compare/scatter.svg", web::scatter);
    app.get("/api/v1/benchmarks", ctx -> ctx.json(site.boards().benchmarks()));
    app.get("/api/v1/benchmarks/{id}/leaderboard", web::leaderboardJson);
    app.get("/api/v1/entries/{id}", web::entryJson);
    app.get("/api/v1/entries/{id}/samples", web::samplesJson);
    app.get("/api/v1/compare", web::compareJson);
    app.get("/api/v1/openapi.yaml", WebApp::openApi);
    SubmissionRoutes.register(app, site);
    if (!apiRoutes.equals(API_PATHS)) {
      throw new IllegalStateException(
          "the API routes " + apiRoutes + " are not WebApp.API_PATHS (and openapi.yaml's)");
    }
    app.exception(NotFoundResponse.class, web::notFound);
    app.exception(InputException.class, web::badRequest);
    app.exception(HttpResponseException.class, web::refused);
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

  private static void openApi(Context ctx) {
    ctx.contentType("application/yaml").result(OPENAPI_BYTES);
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + name + " on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resource " + name, e);
    }
  }

  /** The home page, with the navigation: who is signed in, else the log-in and sign-up links. */
  private void home(Context ctx, Pages pages) {
    pages.send(ctx, 200, "home", Map.of("benchmarks", boards.benchmarks()));
  }

  private void leaderboard(Context ctx) {
    String id = knownBenchmark(ctx);
    LeaderboardQuery query = query(ctx);
    ctx.status(200).contentType(ContentType.TEXT_HTML);
    Charset charset = ctx.responseCharset();
    rendered
        .get(
            new RenderedAnswers.Key(id, query, false),
            boards.version(id),
            () ->
                render(
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
                            LeaderboardQuery.SIZES,
                            "columns",
                            boards.columns(id)))
                    .getBytes(charset))
        .send(ctx);
  }

  private void leaderboardJson(Context ctx) {
    String id = knownBenchmark(ctx);
    LeaderboardQuery query = query(ctx);
    ctx.contentType(ContentType.APPLICATION_JSON);
    Charset charset = ctx.responseCharset();
    JsonMapper json = ctx.jsonMapper();
    rendered
        .get(
            new RenderedAnswers.Key(id, query, true),
            boards.version(id),
            () -> {
              List<LeaderboardRow> rows = boards.rows(id, query);
              return json.toJsonString(rows, rows.getClass()).getBytes(charset);
            })
        .send(ctx);
  }

  private void benchmarksCsv(Context ctx) {
    download(ctx, CSV, "benchmarks.csv", CsvTables.benchmarks(boards.benchmarks()));
  }

  private void leaderboardCsv(Context ctx) {
    String id = knownBenchmark(ctx);
    download(
        ctx,
        CSV,
        "leaderboard.csv",
        CsvTables.leaderboard(boards.rows(id, query(ctx)), boards.columns(id)));
  }

  private static LeaderboardQuery query(Context ctx) {
    return LeaderboardQuery.of(
        ctx.queryParam("sort"),
        ctx.queryParam("task"),
        ctx.queryParam("metric"),
        ctx.queryParam("kind"),
        ctx.queryParam("size"),
        ctx.queryParam("org"));
  }

  private void leaderboardChart(Context ctx) {
    String id = knownBenchmark(ctx);
    svg(ctx, SvgCharts.whiskers(boards.rows(id, query(ctx)), id + ": main metric, 95% CI"));
  }

  private EntryView knownEntry(Context ctx) {
    String id = ctx.pathParam("id");
    return boards
        .entry(id, Viewer.of(ctx))
        .orElseThrow(() -> new NotFoundResponse("No entry with the id " + id));
  }

  private void entry(Context ctx, Pages pages) {
    Viewer viewer = Viewer.of(ctx);
    EntryView entry = knownEntry(ctx);
    Map<String, Object> model = new java.util.HashMap<>();
    model.put("entry", entry);
    model.put("hidden", viewer.admin() ? java.util.Set.of() : boards.hidden());
    model.put("mine", entry.state().ownedBy(viewer.userId()));
    model.put("admin", viewer.admin());
    pages.send(ctx, 200, "entry", model);
  }

  private void entryJson(Context ctx) {
    ctx.json(knownEntry(ctx));
  }

  private EntryResult knownResult(Context ctx) {
    EntryView entry = knownEntry(ctx);
    String bench = ctx.pathParam("bench");
    return entry.results().stream()
        .filter(r -> r.benchmark().equals(bench))
        .findFirst()
        .orElseThrow(() -> new NotFoundResponse("No result of " + entry.id() + " on " + bench));
  }

  private void metricsCsv(Context ctx) {
    EntryResult r = knownResult(ctx);
    download(ctx, CSV, "metrics.csv", MetricsFiles.csvText(r.metrics()));
  }

  private void predictionsDownload(Context ctx) {
    String id = ctx.pathParam("id");
    EntryResult r = knownResult(ctx);
    if (!r.samplesScored()) {
      throw new NotFoundResponse("No predictions of " + id + " on " + r.benchmark() + " here");
    }
    String lines = site.samples().predictionLines(id, r.benchmark(), Viewer.of(ctx));
    if (lines.isEmpty()) {
      throw new NotFoundResponse("No predictions of " + id + " on " + r.benchmark() + " to show");
    }
    download(ctx, "application/x-ndjson; charset=utf-8", "predictions.jsonl", lines);
  }

  private void samplesCsv(Context ctx) {
    String id = ctx.pathParam("id");
    EntryResult r = knownResult(ctx);
    List<SampleScore> scores = site.samples().scores(id, r.benchmark(), Viewer.of(ctx));
    if (scores.isEmpty()) {
      throw new NotFoundResponse("No per-sample results of " + id + " on " + r.benchmark());
    }
    download(ctx, CSV, "samples.csv", CsvTables.samples(scores));
  }

  private SamplePage samplePage(Context ctx) {
    EntryView entry = knownEntry(ctx);
    SampleQuery q =
        SampleQuery.of(
            ctx.queryParam("bench"),
            ctx.queryParam("task"),
            ctx.queryParam("sort"),
            ctx.queryParam("page"),
            ctx.queryParam("vs"),
            ctx.queryParam("filter"));
    if (q.vs() != null && boards.entry(q.vs(), Viewer.of(ctx)).isEmpty()) {
      throw new NotFoundResponse("No entry with the id " + q.vs());
    }
    return site.browser()
        .page(entry.id(), q, Viewer.of(ctx))
        .orElseThrow(
            () ->
                new NotFoundResponse(
                    "No per-sample results of "
                        + entry.id()
                        + " on "
                        + q.bench()
                        + (q.task() == null ? "" : " task " + q.task())));
  }

  private void samples(Context ctx) {
    SamplePage page = samplePage(ctx);
    page(ctx, 200, "samples", Map.of("p", page, "entry", knownEntry(ctx)));
  }

  private void samplesJson(Context ctx) {
    ctx.json(samplePage(ctx));
  }

  private void overlay(Context ctx) {
    EntryView entry = knownEntry(ctx);
    String bench = required(ctx, "bench");
    String sample = required(ctx, "sample");
    String view = ctx.queryParam("view") == null ? "overlay" : ctx.queryParam("view");
    if (!OverlayImages.VIEWS.contains(view)) {
      throw new InputException(
          "parameter view: '" + view + "' is not one of " + String.join(", ", OverlayImages.VIEWS));
    }
    byte[] png =
        site.overlays()
            .png(entry.id(), bench, sample, view, Viewer.of(ctx))
            .orElseThrow(
                () ->
                    new NotFoundResponse(
                        "No sample " + sample + " of " + entry.id() + " on " + bench));
    ctx.header("Cache-Control", "public, max-age=3600").contentType("image/png").result(png);
  }

  private CompareView comparison(Context ctx) {
    String a = required(ctx, "a");
    String b = required(ctx, "b");
    String bench = ctx.queryParam("bench");
    if (bench != null && !bench.isEmpty() && !Leaderboards.known(bench)) {
      throw new NotFoundResponse("No benchmark with the id " + bench);
    }
    return site.comparisons()
        .compare(a, b, bench == null || bench.isEmpty() ? null : bench, Viewer.of(ctx))
        .orElseThrow(
            () ->
                new NotFoundResponse(
                    "No entry with the id " + (boards.entry(a, Viewer.of(ctx)).isEmpty() ? a : b)));
  }

  private void compare(Context ctx) {
    List<String> chosen = ctx.queryParams("e");
    if (ctx.queryParam("a") == null && !chosen.isEmpty()) {
      // the leaderboard's checkboxes: exactly two entries
      if (chosen.size() != 2) {
        throw new InputException(
            "parameter e: choose exactly two entries to compare, not " + chosen.size());
      }
      ctx.redirect(
          "/compare?a="
              + URLEncoder.encode(chosen.get(0), StandardCharsets.UTF_8)
              + "&b="
              + URLEncoder.encode(chosen.get(1), StandardCharsets.UTF_8));
      return;
    }
    page(
        ctx,
        200,
        "compare",
        Map.of(
            "c",
            comparison(ctx),
            "hidden",
            Viewer.of(ctx).admin() ? java.util.Set.of() : boards.hidden()));
  }

  private void compareJson(Context ctx) {
    ctx.json(comparison(ctx));
  }

  private void compareCsv(Context ctx) {
    download(ctx, CSV, "compare.csv", CsvTables.comparison(comparison(ctx)));
  }

  private void scatter(Context ctx) {
    CompareView c = comparison(ctx);
    String bench = required(ctx, "bench");
    String task = required(ctx, "task");
    List<double[]> points =
        site.comparisons().scatter(c.a().id(), c.b().id(), bench, task, Viewer.of(ctx));
    if (points.isEmpty()) {
      throw new NotFoundResponse("No shared per-sample results on " + bench + " task " + task);
    }
    String what = "mcq".equals(task) ? "correct" : "caption".equals(task) ? "METEOR" : "IoU";
    svg(
        ctx,
        SvgCharts.scatter(
            points,
            "A: " + c.a().card().name() + " (" + what + ")",
            "B: " + c.b().card().name(),
            bench + " " + task + ": per-sample " + what + ", " + points.size() + " samples"));
  }

  private static String required(Context ctx, String parameter) {
    String v = ctx.queryParam(parameter);
    if (v == null || v.isEmpty()) {
      throw new InputException("parameter " + parameter + ": required");
    }
    return v;
  }

  private static void svg(Context ctx, String svg) {
    ctx.header("Cache-Control", "no-cache").contentType("image/svg+xml; charset=utf-8").result(svg);
  }

  private static void download(Context ctx, String type, String name, String body) {
    ctx.contentType(type)
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .result(body);
  }

  private void metricsDownload(Context ctx) {
    String id = ctx.pathParam("id");
    String bench = ctx.pathParam("bench");
    String json =
        boards
            .metricsJson(id, bench, Viewer.of(ctx))
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

  /**
   * 401, 403, 429, 503 and the like: JSON for the API (401 with {@code WWW-Authenticate: Bearer});
   * for pages, the login page when signing in would help, else a short message.
   */
  private void refused(HttpResponseException e, Context ctx) {
    if (ctx.path().startsWith("/api/")) {
      if (e.getStatus() == 401) {
        ctx.header("WWW-Authenticate", "Bearer");
      }
      ctx.status(e.getStatus()).json(Map.of("error", e.getMessage()));
    } else if (e.getStatus() == 401 && "GET".equals(ctx.method().name())) {
      ctx.redirect(
          "/login?next="
              + URLEncoder.encode(
                  ctx.fullUrl().substring(ctx.fullUrl().indexOf(ctx.path())),
                  StandardCharsets.UTF_8));
    } else {
      page(ctx, e.getStatus(), "error", Map.of("message", e.getMessage()));
    }
  }

  private void badRequest(InputException e, Context ctx) {
    int status = e instanceof LimitExceededException limit ? limit.httpStatus() : 400;
    if (ctx.path().startsWith("/api/")) {
      ctx.status(status).json(Map.of("error", e.getMessage()));
    } else {
      page(ctx, status, "error", Map.of("message", e.getMessage()));
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
    ctx.status(status).html(render(template, model));
  }

  private String render(String template, Map<String, Object> model) {
    org.thymeleaf.context.Context values = new org.thymeleaf.context.Context(Locale.ROOT);
    values.setVariables(model);
    return templates.process(template, values);
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

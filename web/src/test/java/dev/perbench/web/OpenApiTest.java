package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.data.model.Task;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.harness.submissions.SubmissionCard;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.Scope;
import dev.perbench.web.accounts.User;
import dev.perbench.web.client.MultipartBody;
import dev.perbench.web.submit.SubmissionLimits;
import dev.perbench.web.submit.SubmissionQueue;
import io.javalin.router.ParsedEndpoint;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * openapi.yaml against the running site: its paths are the API's routes, its enums are the site's
 * constants, its schemas are valid JSON Schema, and every answer of the API (200, 400, 404, over
 * the committed submissions imported into a database) validates against the schema it documents for
 * that path and status, with a real JSON Schema validator (networknt, the OpenAPI 3.1 dialect; the
 * referenced metrics, manifest and model-card schemas from docs/ and submissions/ by their $id).
 * Every test runs on both databases, H2 and PostgreSQL ({@link TestDatabase}): the committed
 * submissions are imported once into a new database of each.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OpenApiTest {
  @Parameter TestDatabase database;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Where the document is loaded from in the validator (its $refs resolve against it). */
  private static final String OPENAPI_IRI = "https://perbench.dev/api/v1/openapi.yaml";

  private static final String MINI = "perbench-mini";
  private static final String PIXEL = "pixel-mini-reproduced";
  private static final String ORACLE = "baseline-oracle";
  private static final String REPORTED = "pixel-sail-3b-reported";

  static JsonNode openApi;
  static SchemaRegistry registry;
  static HikariDataSource db;
  static Site site;

  @BeforeAll
  static void load() throws IOException {
    String text = new String(resource(), StandardCharsets.UTF_8);
    openApi = YAML.readTree(text);
    Path repository = TestData.REPOSITORY;
    Map<String, String> documents =
        Map.of(
            OPENAPI_IRI,
            JSON.writeValueAsString(openApi),
            "https://perbench.dev/schemas/metrics.json",
            Files.readString(repository.resolve("docs/metrics.schema.json")),
            "https://perbench.dev/schemas/manifest.json",
            Files.readString(repository.resolve("docs/manifest.schema.json")),
            "https://perbench.dev/schemas/model-card.json",
            Files.readString(repository.resolve("submissions/model.schema.json")));
    registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(),
            b ->
                b.schemas(documents)
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().locale(Locale.ROOT).build()));
  }

  @BeforeParameterizedClassInvocation
  static void importOnce(TestDatabase database) {
    db = database.open();
    SubmissionsImport.Report r = SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
    assertEquals(List.of(), r.skipped());
    site = Site.of(db, TestData.DATA);
  }

  @AfterParameterizedClassInvocation
  static void close() {
    db.close();
  }

  private static byte[] resource() throws IOException {
    try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(WebApp.OPENAPI)) {
      assertNotNull(in, WebApp.OPENAPI);
      return in.readAllBytes();
    }
  }

  // ---- the document and the site's routes and constants ----

  @Test
  void itsPathsAndMethodsAreExactlyTheApiRoutesOfTheSite() {
    Set<String> documented = new TreeSet<>();
    openApi.get("paths").fieldNames().forEachRemaining(documented::add);
    assertEquals(new TreeSet<>(WebApp.API_PATHS), documented);
    Set<String> operations = new TreeSet<>(operations());
    Set<String> routes = new TreeSet<>();
    for (ParsedEndpoint e :
        WebApp.create(site).unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
      if (e.getEndpoint().getPath().startsWith("/api/")) {
        routes.add(
            e.getEndpoint().getMethod().name().toLowerCase(Locale.ROOT)
                + " "
                + e.getEndpoint().getPath());
      }
    }
    assertEquals(routes, operations);
    assertTrue(operations.contains("post /api/v1/submissions"), operations.toString());
    assertEquals("3.1.0", openApi.get("openapi").asText());
  }

  /** Every operation of the document, as "method path". */
  private static List<String> operations() {
    List<String> out = new ArrayList<>();
    for (String path : WebApp.API_PATHS) {
      openApi
          .at("/paths/" + escape(path))
          .fieldNames()
          .forEachRemaining(m -> out.add(m + " " + path));
    }
    return out;
  }

  @Test
  void theSiteServesTheDocumentAsYaml() throws IOException {
    byte[] expected = resource();
    JavalinTest.test(
        WebApp.create(site),
        (server, client) -> {
          Response r = client.get("/api/v1/openapi.yaml");
          assertEquals(200, r.code());
          assertEquals("application/yaml", r.header("Content-Type"));
          assertArrayEquals(expected, r.body().bytes());
        });
  }

  @Test
  void itsEnumsAndPatternsAreTheSitesOwn() {
    List<String> tasks = Arrays.stream(Task.values()).map(Task::id).toList();
    JsonNode schemas = openApi.get("components").get("schemas");
    assertEquals(tasks, strings(schemas.at("/Task/enum")));
    assertEquals(SubmissionCard.KINDS, strings(schemas.at("/Kind/enum")));
    List<String> profiles = new ArrayList<>();
    Arrays.stream(EvalProfile.values()).forEach(p -> profiles.add(p.id()));
    profiles.add(Evaluation.REPORTED);
    assertEquals(profiles, strings(schemas.at("/Profile/enum")));
    assertEquals(
        List.of(SampleScore.OK, SampleScore.MISSING, SampleScore.FAILED),
        strings(schemas.at("/SampleScore/properties/status/enum")));
    assertEquals(SampleQuery.SORTS, strings(schemas.at("/SampleQuery/properties/sort/enum")));
    List<String> filters = new ArrayList<>(SampleQuery.FILTERS);
    filters.add(null);
    assertEquals(filters, strings(schemas.at("/SampleQuery/properties/filter/enum")));
    assertEquals(
        SampleQuery.PAGE_SIZE, schemas.at("/SamplePage/properties/samples/maxItems").asInt());

    String board = "/api/v1/benchmarks/{id}/leaderboard";
    JsonNode sort = parameter(board, "sort").get("schema");
    assertEquals(LeaderboardQuery.SORTS, strings(sort.at("/anyOf/0/enum")));
    assertEquals(
        "^" + LeaderboardQuery.COLUMN.pattern() + "$", sort.at("/anyOf/1/pattern").asText());
    assertEquals(SubmissionCard.KINDS, strings(parameter(board, "kind").at("/schema/enum")));
    assertEquals(LeaderboardQuery.SIZES, strings(parameter(board, "size").at("/schema/enum")));
    List<String> columnTasks = new ArrayList<>(tasks);
    columnTasks.add("perbench"); // the task of the overall score's column
    assertEquals(columnTasks, strings(parameter(board, "task").at("/schema/enum")));
    // every cell key is a column the sort parameter accepts
    Pattern cells =
        Pattern.compile(
            schemas.at("/LeaderboardRow/properties/cells/propertyNames/pattern").asText());
    for (String metric : strings(parameter(board, "metric").at("/schema/enum"))) {
      for (String task : columnTasks) {
        if (cells.matcher(task + "." + metric).find()) {
          assertTrue(LeaderboardQuery.COLUMN.matcher(task + "." + metric).matches());
        }
      }
    }

    String samples = "/api/v1/entries/{id}/samples";
    assertEquals(SampleQuery.SORTS, strings(parameter(samples, "sort").at("/schema/enum")));
    assertEquals(SampleQuery.FILTERS, strings(parameter(samples, "filter").at("/schema/enum")));
    assertEquals(
        "#/components/schemas/Task", parameter(samples, "task").at("/schema/$ref").asText());
  }

  @Test
  void everySchemaInItIsValidJsonSchemaAndEveryExampleFitsItsSchema() {
    Schema meta =
        registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    JsonNode schemas = openApi.get("components").get("schemas");
    schemas
        .fields()
        .forEachRemaining(e -> assertEquals(List.of(), meta.validate(e.getValue()), e.getKey()));
    int examples = 0;
    for (JsonNode p : parameters()) {
      assertEquals(List.of(), meta.validate(p.get("schema")), p.get("name").asText());
      Schema schema = schemaAt(pointer(p) + "/schema");
      if (p.has("example")) {
        assertEquals(List.of(), schema.validate(p.get("example")), p.toString());
        examples++;
      }
      for (JsonNode ex : iterable(p.path("examples").elements())) {
        assertEquals(List.of(), schema.validate(ex.get("value")), p.toString());
        examples++;
      }
    }
    for (Map.Entry<String, JsonNode> r : iterable(openApi.at("/components/responses").fields())) {
      String at = "/components/responses/" + r.getKey() + "/content/application~1json";
      assertEquals(List.of(), schemaAt(at + "/schema").validate(openApi.at(at + "/example")));
      examples++;
    }
    assertTrue(examples >= 8, "examples checked: " + examples);
  }

  // ---- real answers against the document ----

  /** One request, the status it must get, and its body. */
  record Answer(String method, String url, int status, String contentType, String body) {
    Answer(String url, int status, String contentType, String body) {
      this("get", url, status, contentType, body);
    }
  }

  @Test
  void everyAnswerOfTheApiFitsTheSchemaItsPathAndStatusDocument() throws IOException {
    List<String> urls = new ArrayList<>();
    urls.add("/api/v1/benchmarks");
    // every leaderboard, every entry
    for (BenchmarkSummary b : site.boards().benchmarks()) {
      urls.add("/api/v1/benchmarks/" + b.id() + "/leaderboard");
    }
    try (Stream<Path> s = Files.list(TestData.SUBMISSIONS)) {
      s.filter(p -> Files.isRegularFile(p.resolve("model.json")))
          .map(p -> "/api/v1/entries/" + p.getFileName())
          .sorted()
          .forEach(urls::add);
    }
    String board = "/api/v1/benchmarks/" + MINI + "/leaderboard";
    urls.addAll(
        List.of(
            board + "?sort=name",
            board + "?sort=size&kind=baseline",
            board + "?sort=vres.giou",
            board + "?task=res&metric=precision@0.5",
            board + "?task=perbench&metric=overall&sort=perbench.overall",
            board + "?kind=reproduced&size=unknown",
            board + "?size=" + encode("<4B"),
            "/api/v1/benchmarks/perbench/leaderboard?org=ByteDance&sort=size",
            "/api/v1/benchmarks/refcoco:val/leaderboard?kind=reported&size=4-10B",
            board + "?sort=best",
            board + "?kind=paper",
            board + "?size=7B",
            board + "?task=vres",
            board + "?metric=giou",
            board + "?sort=res.ciou&task=vres&metric=giou",
            board + "?sort=mcq.nope",
            "/api/v1/benchmarks/no-such-benchmark/leaderboard",
            "/api/v1/entries/no-such-entry"));
    String samples = "/api/v1/entries/" + PIXEL + "/samples?bench=" + MINI;
    urls.addAll(
        List.of(
            samples,
            samples + "&task=mcq&sort=worst&page=2",
            samples + "&task=vres&vs=" + ORACLE + "&filter=b-better",
            samples + "&task=res&sort=best&vs=baseline-empty&filter=a-right-b-wrong",
            samples + "&task=caption&vs=" + ORACLE,
            samples + "&page=9999",
            "/api/v1/entries/" + ORACLE + "/samples?bench=" + MINI + "&task=vres&sort=worst",
            "/api/v1/entries/" + PIXEL + "/samples",
            samples + "&page=0",
            samples + "&page=two",
            samples + "&sort=random",
            samples + "&task=segmentation",
            samples + "&filter=a-better",
            samples + "&vs=" + ORACLE + "&filter=nope",
            "/api/v1/entries/no-such-entry/samples?bench=" + MINI,
            "/api/v1/entries/" + REPORTED + "/samples?bench=perbench",
            "/api/v1/entries/" + PIXEL + "/samples?bench=refcoco:val",
            samples + "&vs=no-such-entry"));
    urls.addAll(
        List.of(
            "/api/v1/compare?a=" + PIXEL + "&b=" + ORACLE,
            "/api/v1/compare?a=" + PIXEL + "&b=" + ORACLE + "&bench=" + MINI,
            "/api/v1/compare?a=" + REPORTED + "&b=" + PIXEL,
            "/api/v1/compare?a=" + REPORTED + "&b=sa2va-4b-reported&bench=perbench",
            "/api/v1/compare?a=" + PIXEL + "&b=" + PIXEL + "&bench=refcoco:val",
            "/api/v1/compare?a=" + PIXEL,
            "/api/v1/compare?b=" + PIXEL,
            "/api/v1/compare?a=&b=" + PIXEL,
            "/api/v1/compare?a=no-such-entry&b=" + PIXEL,
            "/api/v1/compare?a=" + PIXEL + "&b=no-such-entry",
            "/api/v1/compare?a=" + PIXEL + "&b=" + ORACLE + "&bench=no-such-benchmark",
            "/api/v1/openapi.yaml"));

    List<Answer> answers = new ArrayList<>();
    JavalinTest.test(
        WebApp.create(site),
        (server, client) -> {
          for (String url : urls) {
            try (Response r = client.get(url)) {
              answers.add(new Answer(url, r.code(), r.header("Content-Type"), r.body().string()));
            }
          }
          try (Response r = client.get("/api/v1/no-such-route")) {
            answers.add(
                new Answer(
                    "/api/v1/no-such-route",
                    r.code(),
                    r.header("Content-Type"),
                    r.body().string()));
          }
        });

    Set<String> covered = new LinkedHashSet<>();
    List<String> problems = check(answers, covered);
    assertTrue(
        problems.isEmpty(),
        problems.size()
            + " answers differ from the document, e.g.:\n"
            + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));

    // every documented answer but a server failure was seen (the submissions: their own test)
    assertEquals(documented(false), new TreeSet<>(covered));
  }

  /**
   * The documented answers, but a server failure (500), as "method path status": of the submission
   * API's operations, or of the others.
   */
  private static Set<String> documented(boolean submissions) {
    Set<String> documented = new TreeSet<>();
    for (String operation : operations()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1);
      if (SubmissionRoutes.PATHS.contains(path) != submissions) {
        continue;
      }
      openApi
          .at("/paths/" + escape(path) + "/" + method + "/responses")
          .fieldNames()
          .forEachRemaining(
              s -> {
                if (!s.equals("500")) {
                  documented.add(operation + " " + s);
                }
              });
    }
    return documented;
  }

  /** Each answer against the schema its operation and status document; what was covered. */
  private List<String> check(List<Answer> answers, Set<String> covered) {
    List<String> problems = new ArrayList<>();
    for (Answer a : answers) {
      String path = a.url().replaceFirst("\\?.*", "");
      String template = template(path);
      if (template == null) {
        // not a route: the site's 404, of the documented error form
        assertEquals(404, a.status(), a.url());
        problems.addAll(violations(a, "/components/schemas/Error"));
        continue;
      }
      String status = Integer.toString(a.status());
      JsonNode response = response(a.method(), template, status);
      if (response == null) {
        problems.add(
            a.method() + " " + a.url() + ": status " + status + " is not documented: " + a.body());
        continue;
      }
      covered.add(a.method() + " " + template + " " + status);
      String type = a.contentType().replaceFirst(";.*", "").strip();
      if (!response.path("content").has(type)) {
        problems.add(a.url() + ": content type " + type + " is not documented");
        continue;
      }
      if (type.equals("application/json")) {
        problems.addAll(
            violations(a, responsePointer(a.method(), template, status, type) + "/schema"));
      }
    }
    return problems;
  }

  @Test
  void everyAnswerOfTheSubmissionApiFitsTheSchemaItsOperationAndStatusDocument(@TempDir Path tmp)
      throws Exception {
    List<Answer> answers = new ArrayList<>();
    try (HikariDataSource sdb = database.open()) {
      SubmissionsImport.run(TestData.SUBMISSIONS, sdb, TestData.DATA);
      Accounts accounts = new Accounts(sdb, Clock.systemUTC());
      User ada = accounts.create("ada@example.org", Role.PARTICIPANT, null, "test");
      User bob = accounts.create("bob@example.org", Role.PARTICIPANT, null, "test");
      String token = accounts.createToken(ada, "ci", Scope.SUBMIT, "test");
      String readOnly = accounts.createToken(ada, "read", Scope.READ_PRIVATE, "test");
      String bobs = accounts.createToken(bob, "ci", null, "test");
      Site hosted =
          Site.of(
              sdb,
              TestData.DATA,
              new Hosting(tmp, new SubmissionLimits(64 << 10, 8 << 20, 50, 4096, 2, 10, 5), false),
              Clock.systemUTC());
      String valid;
      try (Stream<String> lines =
          Files.lines(
              TestData.SUBMISSIONS.resolve(ORACLE + "/results/" + MINI + "/predictions.jsonl"))) {
        valid = lines.limit(10).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
      }
      String card =
          "{\"name\": \"M\", \"organisation\": null, \"size\": null, \"link\": null,"
              + " \"source\": \"a test\", \"date\": \"2025-06\"}";
      JavalinTest.test(
          WebApp.create(hosted),
          (server, client) -> {
            Api api = new Api(server.port(), answers);
            String cancelled = api.submit(token, MINI, card, valid).path("id").asText();
            api.call("get", "/api/v1/submissions/" + cancelled, token, null);
            api.call("post", "/api/v1/submissions/" + cancelled + "/cancel", token, null);
            api.call("post", "/api/v1/submissions/" + cancelled + "/cancel", token, null);
            String failed = api.submit(token, MINI, card, valid).path("id").asText();
            String finished = api.submit(token, MINI, card, valid).path("id").asText();
            api.call("get", "/api/v1/submissions/" + finished, readOnly, null); // queued
            api.submit(token, MINI, card, valid); // a third a day: 429
            // a worker's work, by hand: one fails, one finishes under an imported entry
            SubmissionQueue q = hosted.queue();
            assertEquals(failed, q.claim("w", Duration.ofMinutes(1)).orElseThrow().id());
            assertTrue(q.fail(failed, "w", "line 1: unknown sample_id", "log"));
            assertEquals(finished, q.claim("w", Duration.ofMinutes(1)).orElseThrow().id());
            assertTrue(q.scoring(finished, "w"));
            try (java.sql.Connection c = sdb.getConnection()) {
              assertTrue(q.finish(c, finished, "w", PIXEL, "scored"));
            }
            api.call("get", "/api/v1/submissions/" + failed, token, null);
            JsonNode done = api.call("get", "/api/v1/submissions/" + finished, token, null);
            assertTrue(done.path("metrics").has("tasks"), done.toString());
            api.call("get", "/api/v1/submissions?mine=1", token, null);
            api.call("get", "/api/v1/submissions?mine=yes", token, null);
            api.call("get", "/api/v1/submissions?mine=1", null, null);
            api.call("get", "/api/v1/submissions/" + finished, bobs, null);
            api.call("get", "/api/v1/submissions/" + UUID.randomUUID(), token, null);
            api.call("get", "/api/v1/submissions/" + finished, null, null);
            api.call("post", "/api/v1/submissions/" + finished + "/cancel", readOnly, null);
            api.call("post", "/api/v1/submissions/" + finished + "/cancel", bobs, null);
            api.call("post", "/api/v1/submissions/" + finished + "/cancel", null, null);
            api.submit(bobs, "nope", card, valid);
            api.submit(null, MINI, card, valid);
            api.submit(readOnly, MINI, card, valid);
            api.submit(bobs, MINI, card, valid.repeat(100));
          });
      JavalinTest.test(
          WebApp.create(Site.of(sdb, TestData.DATA)),
          (server, client) -> {
            Api api = new Api(server.port(), answers);
            api.submit(token, MINI, card, valid);
            api.call("get", "/api/v1/submissions?mine=1", token, null);
            api.call("get", "/api/v1/submissions/x", token, null);
            api.call("post", "/api/v1/submissions/x/cancel", token, null);
          });
    }
    Set<String> covered = new TreeSet<>();
    List<String> problems = check(answers, covered);
    assertEquals(List.of(), problems);
    assertEquals(documented(true), covered);
  }

  /** Calls the API over HTTP, keeping each answer. */
  private record Api(int port, List<Answer> answers) {
    JsonNode submit(String token, String bench, String card, String file) throws Exception {
      MultipartBody body =
          new MultipartBody()
              .field("bench", bench, null)
              .field("card", card, "application/json")
              .file(
                  "predictions",
                  "p.jsonl",
                  null,
                  () -> new java.io.ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                  -1);
      return call("post", "/api/v1/submissions", token, body);
    }

    JsonNode call(String method, String url, String token, MultipartBody body) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + url));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      if (body != null) {
        b.header("Content-Type", body.contentType()).POST(body.publisher());
      } else if (method.equals("post")) {
        b.POST(HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
      answers.add(
          new Answer(
              method,
              url,
              r.statusCode(),
              r.headers().firstValue("Content-Type").orElse(""),
              r.body()));
      return JSON.readTree(r.body());
    }
  }

  @Test
  void theSchemasRejectAnExtraAMissingOrAMistypedField() throws IOException {
    JsonNode rows = get("/api/v1/benchmarks/" + MINI + "/leaderboard");
    Schema board = responseSchema("/api/v1/benchmarks/{id}/leaderboard", "200");
    assertEquals(List.of(), board.validate(rows));

    ObjectNode extra = (ObjectNode) rows.get(0);
    extra.put("rank", 1);
    assertFalse(board.validate(rows).isEmpty(), "an extra field in a row");
    extra.remove("rank");
    assertEquals(List.of(), board.validate(rows));

    extra.remove("samplesScored");
    assertFalse(board.validate(rows).isEmpty(), "a row without samplesScored");
    rows = get("/api/v1/benchmarks/" + MINI + "/leaderboard");

    ObjectNode cell = (ObjectNode) rows.get(0).get("cells").elements().next();
    cell.put("ci", "95%");
    assertFalse(board.validate(rows).isEmpty(), "an extra field in a cell");
    rows = get("/api/v1/benchmarks/" + MINI + "/leaderboard");
    ((ObjectNode) rows.get(0)).put("kind", "paper");
    assertFalse(board.validate(rows).isEmpty(), "a kind the site does not have");

    // the referenced metrics.json schema is strict too
    JsonNode entry = get("/api/v1/entries/" + PIXEL);
    Schema entries = responseSchema("/api/v1/entries/{id}", "200");
    assertEquals(List.of(), entries.validate(entry));
    ((ObjectNode) entry.at("/results/0/metrics")).put("mean", 0.5);
    assertFalse(entries.validate(entry).isEmpty(), "an extra field in metrics.json");
    entry = get("/api/v1/entries/" + PIXEL);
    ((ObjectNode) entry.at("/results/0/manifest")).remove("seed");
    assertFalse(entries.validate(entry).isEmpty(), "a manifest without its seed");

    // a result a re-score replaced, as RescoreTest reads it from the API
    entry = get("/api/v1/entries/" + PIXEL);
    ObjectNode earlier = ((ArrayNode) entry.at("/results/0/earlierResults")).addObject();
    earlier.put("replacedAt", "2026-11-27T12:00:02Z");
    earlier.put("harnessVersion", "0.0.9-old-metrics");
    earlier.put("profile", "standard");
    earlier.put("mainMetric", "res ciou");
    earlier.put("mainValue", 61.25);
    earlier.putNull("mainLower");
    earlier.putNull("mainUpper");
    assertEquals(List.of(), entries.validate(entry));
    earlier.put("mainValue", "61.25");
    assertFalse(entries.validate(entry).isEmpty(), "an earlier value as a string");

    // a sample's task is a task id, not the enum name
    JsonNode page = get("/api/v1/entries/" + PIXEL + "/samples?bench=" + MINI);
    Schema pages = responseSchema("/api/v1/entries/{id}/samples", "200");
    assertEquals(List.of(), pages.validate(page));
    ((ObjectNode) page.at("/samples/0/score")).put("task", "CAPTION");
    assertFalse(pages.validate(page).isEmpty(), "a task as its enum name");

    Schema error = schemaAt("/components/schemas/Error");
    assertEquals(List.of(), error.validate(JSON.readTree("{\"error\": \"x\"}")));
    assertFalse(error.validate(JSON.readTree("{\"error\": \"x\", \"status\": 400}")).isEmpty());
    assertFalse(error.validate(JSON.readTree("{}")).isEmpty());
  }

  // ---- helpers ----

  private static JsonNode get(String url) {
    JsonNode[] out = new JsonNode[1];
    JavalinTest.test(
        WebApp.create(site),
        (server, client) -> {
          try (Response r = client.get(url)) {
            assertEquals(200, r.code(), url);
            out[0] = JSON.readTree(r.body().string());
          }
        });
    return out[0];
  }

  private List<String> violations(Answer a, String schemaPointer) {
    List<String> out = new ArrayList<>();
    JsonNode body;
    try {
      body = JSON.readTree(a.body());
    } catch (IOException e) {
      return List.of(a.url() + ": not JSON: " + a.body());
    }
    for (Error e : schemaAt(schemaPointer).validate(body)) {
      out.add(a.url() + " (" + a.status() + "): " + e);
    }
    return out;
  }

  /** The route template that {@code path} matches, or null. */
  private static String template(String path) {
    for (String t : WebApp.API_PATHS) {
      if (path.matches(t.replace(".", "\\.").replaceAll("\\{[^}]+}", "[^/]+"))) {
        return t;
      }
    }
    return null;
  }

  /** The documented response of an operation and status, with a response $ref followed. */
  private static JsonNode response(String method, String template, String status) {
    JsonNode r = openApi.at("/paths/" + escape(template) + "/" + method + "/responses/" + status);
    if (r.isMissingNode()) {
      return null;
    }
    return r.has("$ref") ? openApi.at(r.get("$ref").asText().substring(1)) : r;
  }

  /** The JSON pointer of a response's media type in the document, with a $ref followed. */
  private static String responsePointer(
      String method, String template, String status, String type) {
    String at = "/paths/" + escape(template) + "/" + method + "/responses/" + status;
    JsonNode r = openApi.at(at);
    if (r.has("$ref")) {
      at = r.get("$ref").asText().substring(1);
    }
    return at + "/content/" + escape(type);
  }

  private static Schema responseSchema(String template, String status) {
    return schemaAt(responsePointer("get", template, status, "application/json") + "/schema");
  }

  /** The schema at a JSON pointer of the document, its $refs resolved in the document. */
  private static Schema schemaAt(String pointer) {
    StringBuilder fragment = new StringBuilder();
    for (char c : pointer.toCharArray()) {
      if (c == '{' || c == '}') {
        fragment.append(String.format(Locale.ROOT, "%%%02X", (int) c));
      } else {
        fragment.append(c);
      }
    }
    return registry.getSchema(SchemaLocation.of(OPENAPI_IRI + "#" + fragment));
  }

  /** A JSON pointer token. */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static JsonNode parameter(String path, String name) {
    for (JsonNode p : openApi.at("/paths/" + escape(path) + "/get/parameters")) {
      if (name.equals(p.path("name").asText())) {
        return p;
      }
    }
    throw new AssertionError("no parameter " + name + " of " + path);
  }

  /** Every parameter object, inline or under components, each with its pointer. */
  private static List<JsonNode> parameters() {
    List<JsonNode> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> c : iterable(openApi.at("/components/parameters").fields())) {
      ObjectNode p = c.getValue().deepCopy();
      p.put("x-pointer", "/components/parameters/" + c.getKey());
      out.add(p);
    }
    for (String operation : operations()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = escape(operation.substring(operation.indexOf(' ') + 1));
      JsonNode ps = openApi.at("/paths/" + path + "/" + method + "/parameters");
      for (int i = 0; i < ps.size(); i++) {
        if (!ps.get(i).has("$ref")) {
          ObjectNode p = ps.get(i).deepCopy();
          p.put("x-pointer", "/paths/" + path + "/" + method + "/parameters/" + i);
          out.add(p);
        }
      }
    }
    return out;
  }

  private static String pointer(JsonNode parameter) {
    return parameter.get("x-pointer").asText();
  }

  private static List<String> strings(JsonNode array) {
    assertTrue(array.isArray(), array.toString());
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isNull() ? null : n.asText()));
    return out;
  }

  private static <T> Iterable<T> iterable(Iterator<T> it) {
    return () -> it;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

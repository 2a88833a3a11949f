package dev.perbench.harness.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkLoader;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Task;
import dev.perbench.data.model.VisualPrompt;
import dev.perbench.data.testing.Prerequisites;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.prompt.PromptTemplates;
import dev.perbench.metrics.mask.Mask;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python model server of {@code harness/servers/sa2va} ({@code --backend echo}: no weights)
 * against the real {@link HttpModel}: the protocol of docs/model-server.md, end to end, with a real
 * Python process. Also runs the server's own Python unit tests (the RLE codec against the
 * pycocotools golden vectors, the HTTP layer, the sa2va backend against stand-in models, which
 * needs numpy and Pillow). Python is found by {@link Prerequisites#python}: without Python 3, or
 * without numpy and Pillow for the backend's tests, these tests fail in CI and are skipped
 * elsewhere.
 */
class Sa2vaServerConformanceTest {
  /** The echo backend's caption (backends/echo.py, CAPTION). */
  static final String CAPTION =
      "A region of the picture, described by the echo backend without looking at it.";

  private static Path serverDir;
  private static String python;
  private static Process server;
  private static final StringBuffer serverErr = new StringBuffer();
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    python = Prerequisites.python();
    serverDir = locateServerDir();
    server = start(serverErr);
    url = serverUrl;
  }

  private static String serverUrl;

  /**
   * Starts {@code server.py --backend echo --port 0} with {@code extraArgs}; sets {@link
   * #serverUrl} from its first line.
   */
  private static Process start(StringBuffer err, String... extraArgs) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                python, "server.py", "--backend", "echo", "--port", "0", "--host", "127.0.0.1"));
    command.addAll(List.of(extraArgs));
    ProcessBuilder pb = new ProcessBuilder(command).directory(serverDir.toFile());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    pb.environment().put("PYTHONUNBUFFERED", "1");
    Process process = pb.start();
    drain(process.getErrorStream(), err);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                return null;
              }
            });
    String line;
    try {
      line = first.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError("server printed nothing within 60 s; stderr: " + err);
    }
    if (line == null || !line.startsWith("listening on http://")) {
      process.destroyForcibly();
      throw new AssertionError("unexpected first line " + line + "; stderr: " + err);
    }
    serverUrl = line.substring("listening on ".length()).strip();
    drain(out, new StringBuffer()); // keep reading so that the pipe never fills
    return process;
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      stop(server);
    }
  }

  @Test
  void infoNamesTheServerAndAllFourTasks() throws Exception {
    try (HttpModel model = HttpModel.create(url, TestSamples.options(0))) {
      ModelInfo info = model.info();
      assertEquals("echo", info.name());
      assertEquals("1", info.version());
      assertEquals(List.of(Task.RES, Task.VRES, Task.MCQ, Task.CAPTION), info.tasks());
      assertEquals("echo", info.details().get("backend"));
      assertEquals(url, info.details().get("url"));
    }
  }

  @Test
  void everyTaskGetsTheEchoBackendsAnswer() throws Exception {
    ImageRef image = TestSamples.image(dir);
    try (HttpModel model = HttpModel.create(url, TestSamples.options(0))) {
      List<Prediction> got =
          model.predict(
              List.of(
                  TestSamples.res(image, "res:0"),
                  TestSamples.vres(image, "vres:0"),
                  TestSamples.mcq(image, "mcq:0:0"),
                  TestSamples.caption(image, "caption:0:0")));
      assertEquals(
          List.of(
              new Prediction(
                  "res:0",
                  "Sure, it is [SEG].",
                  List.of(centredBox(TestSamples.H, TestSamples.W)),
                  false,
                  null),
              new Prediction("vres:0", "It is [SEG].", List.of(TestSamples.region()), null, null),
              Prediction.text("mcq:0:0", "A"),
              Prediction.text("caption:0:0", CAPTION)),
          got,
          () -> "server stderr: " + serverErr);
      assertEquals(0, model.retriedRequests());
    }
  }

  /**
   * A "no target" answer keeps its mask (as the sa2va backend does): the scoring profile decides,
   * {@code pixel-sail} scoring the mask as the authors do, {@code grefcoco} taking no_target as an
   * empty prediction.
   */
  @Test
  void theNoTargetAnswerAlsoCarriesItsMask() throws Exception {
    ImageRef image = TestSamples.image(dir);
    try (HttpModel model = HttpModel.create(url + "?no_target=1", TestSamples.options(0))) {
      Prediction p = model.predict(TestSamples.res(image, "res:1"));
      assertEquals(
          new Prediction(
              "res:1",
              "No target [SEG].",
              List.of(centredBox(TestSamples.H, TestSamples.W)),
              true,
              null),
          p);
    }
  }

  /** Every perbench-mini test sample, 8 requests in flight, with the authors' prompts. */
  @Test
  void perbenchMiniRunsWithoutAFailureAndMasksOfTheImagesSize() throws Exception {
    Path home = Path.of("").toAbsolutePath().getParent(); // surefire runs in harness/
    DataRoots roots = new DataRoots(home.resolve("target/no-data-root"), home);
    List<Sample> samples =
        BenchmarkLoader.load(BenchmarkCatalog.resolve("perbench-mini").get(0), roots).samples();
    assertFalse(samples.isEmpty());
    ModelOptions options = new ModelOptions("cpu", 1, 8, Duration.ofSeconds(30), 0, false, 0);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    Map<Task, Integer> perTask = new EnumMap<>(Task.class);
    try (HttpModel model = HttpModel.create(url, options)) {
      List<Future<Prediction>> futures = new ArrayList<>();
      for (Sample s : samples) {
        ModelInput input = new ModelInput(s, PromptTemplates.forTask(s.task()).render(s));
        futures.add(threads.submit(() -> model.predict(input)));
      }
      for (int i = 0; i < samples.size(); i++) {
        Sample s = samples.get(i);
        Prediction p = futures.get(i).get(60, TimeUnit.SECONDS);
        assertFalse(p.failed(), () -> s.id() + ": " + p.error() + "; server stderr: " + serverErr);
        assertEquals(s.id(), p.sampleId());
        perTask.merge(s.task(), 1, Integer::sum);
        int h = s.image().height();
        int w = s.image().width();
        switch (s.task()) {
          case RES -> {
            assertEquals(List.of(centredBox(h, w)), p.masks(), s.id());
            assertEquals(Boolean.FALSE, p.noTarget(), s.id());
          }
          case VRES -> {
            assertNotNull(p.masks(), s.id());
            assertEquals(1, p.masks().size(), s.id());
            Mask m = p.masks().get(0);
            assertEquals(h, m.height(), s.id());
            assertEquals(w, m.width(), s.id());
            List<VisualPrompt> vps = s.visualPrompts();
            assertEquals(vps.isEmpty() ? centredBox(h, w) : vps.get(0).mask(), m, s.id());
          }
          case MCQ -> assertEquals("A", p.text(), s.id());
          case CAPTION -> assertEquals(CAPTION, p.text(), s.id());
          default -> fail("unexpected task " + s.task());
        }
      }
      assertEquals(0, model.retriedRequests());
    } finally {
      threads.shutdownNow();
    }
    assertEquals(4, perTask.size(), perTask::toString);
  }

  @Test
  void malformedRequestsGetA4xxWithAJsonError() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url + "/v1/predict"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"task\": \"res\", \"image_size\": [2, 2"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, r.statusCode());
    JsonNode error = new ObjectMapper().readTree(r.body());
    assertTrue(error.path("error").asText().startsWith("request body is not valid JSON"), r.body());

    r =
        client.send(
            HttpRequest.newBuilder(URI.create(url + "/v1/predict"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"task\": \"res\", \"image_size\": [2, 2]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, r.statusCode());
    assertEquals(
        "missing field(s): sample_id, prompt, image, visual_prompts, options",
        new ObjectMapper().readTree(r.body()).path("error").asText());

    r =
        client.send(
            HttpRequest.newBuilder(URI.create(url + "/v2/predict")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, r.statusCode());
    r =
        client.send(
            HttpRequest.newBuilder(URI.create(url + "/v1/predict")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, r.statusCode());
  }

  /** A body nested 100,000 deep was an uncaught RecursionError: no answer, then retries. */
  @Test
  void aDeeplyNestedBodyGetsA400NotADroppedConnection() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url + "/v1/predict"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[".repeat(100_000)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, r.statusCode(), () -> r.body() + "; server stderr: " + serverErr);
    assertTrue(
        new ObjectMapper()
            .readTree(r.body())
            .path("error")
            .asText()
            .startsWith("request body is nested too deeply"),
        r.body());
  }

  /** {@code --shared-fs} against a server without {@code --image-root}: refused, not retried. */
  @Test
  void imagePathsAreRefusedWithoutImageRoot() throws Exception {
    ImageRef image = TestSamples.image(dir);
    ModelOptions sharedFs = new ModelOptions("cpu", 1, 4, Duration.ofSeconds(10), 3, true, 7);
    try (HttpModel model = HttpModel.create(url, sharedFs)) {
      Prediction p = model.predict(TestSamples.mcq(image, "mcq:1:0"));
      assertTrue(p.failed(), p::toString);
      assertTrue(
          p.error().startsWith("http 400 (not retried): image.path is refused")
              && p.error().contains("--image-root"),
          p.error());
      assertEquals(0, model.retriedRequests());
    }
  }

  /**
   * The documented use: {@code server.py --image-root DATA} and {@code perbench run --shared-fs}
   * with the images under DATA; a path outside it is refused without saying whether it exists.
   */
  @Test
  void sharedFsPathsUnderImageRootAreRead(@TempDir Path outside) throws Exception {
    StringBuffer err = new StringBuffer();
    Process withRoot = start(err, "--image-root", dir.toString());
    try {
      String rootUrl = serverUrl;
      ModelOptions sharedFs = new ModelOptions("cpu", 1, 4, Duration.ofSeconds(10), 0, true, 7);
      try (HttpModel model = HttpModel.create(rootUrl, sharedFs)) {
        Prediction p = model.predict(TestSamples.mcq(TestSamples.image(dir), "mcq:2:0"));
        assertEquals(Prediction.text("mcq:2:0", "A"), p, () -> "server stderr: " + err);
        ImageRef elsewhere = TestSamples.image(outside);
        Prediction refused = model.predict(TestSamples.mcq(elsewhere, "mcq:3:0"));
        assertEquals(
            "http 400 (not retried): image path "
                + elsewhere.file().toAbsolutePath()
                + " is not a readable image file under the server's --image-root",
            refused.error());
      }
    } finally {
      stop(withRoot);
    }
  }

  @Test
  void aSampleTheServerRefusesIsRecordedAsFailedAndNotRetried() throws Exception {
    ImageRef image = TestSamples.image(dir);
    ModelInput bad =
        new ModelInput(
            TestSamples.mcq(image, "mcq:9:0").sample(),
            "<image>\nPlease answer the question according to the <Prompt5>.");
    try (HttpModel model = HttpModel.create(url, TestSamples.options(3))) {
      Prediction p = model.predict(bad);
      assertEquals(
          "http 400 (not retried): prompt has <Prompt5> but no visual prompt has slot 5"
              + " (1 visual prompt sent)",
          p.error());
      assertEquals(0, model.retriedRequests());
    }
  }

  /**
   * {@code python -m unittest} in the server's folder, with a Python that has numpy and Pillow
   * where there is one: then nothing may be skipped. Where there is none, the tests that need them
   * are the only ones Python may skip, and this test then fails in CI and is skipped elsewhere.
   */
  @Test
  void theServersPythonUnitTestsPass() throws Exception {
    Optional<String> withNumpy = Prerequisites.findPython("numpy", "PIL");
    ProcessBuilder pb =
        new ProcessBuilder(withNumpy.orElse(python), "-m", "unittest", "-v")
            .directory(serverDir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process p = pb.start();
    StringBuffer out = new StringBuffer();
    Thread reader = drain(p.getInputStream(), out);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("python -m unittest did not finish in 120 s: " + out);
    }
    reader.join(5000);
    String log = out.toString();
    assertEquals(0, p.exitValue(), log);
    assertTrue(log.contains("GoldenVectorsTest"), log);
    assertTrue(log.contains("Sa2vaBackendTest"), log);
    Matcher ran = Pattern.compile("(?m)^Ran (\\d+) tests? in ").matcher(log);
    assertTrue(ran.find() && Integer.parseInt(ran.group(1)) > 0, log);
    Matcher ok = Pattern.compile("(?m)^OK(?: \\(skipped=(\\d+)\\))?$").matcher(log);
    assertTrue(ok.find(), log);
    List<String> skips =
        log.lines().filter(l -> l.contains(" ... skipped ")).collect(Collectors.toList());
    assertEquals(ok.group(1) == null ? 0 : Integer.parseInt(ok.group(1)), skips.size(), log);
    if (withNumpy.isPresent()) {
      assertEquals(List.of(), skips, "nothing may be skipped with numpy and Pillow there");
      return;
    }
    for (String skip : skips) {
      assertTrue(
          skip.contains("Sa2vaBackendTest")
              && skip.endsWith("'numpy and Pillow are not installed'"),
          "only the sa2va backend's tests may skip, for want of numpy and Pillow: " + skip);
    }
    Prerequisites.missing(
        "the sa2va backend's Python tests (test_sa2va_backend.py) need numpy and Pillow, which no"
            + " Python here has",
        "python3-numpy python3-pil");
  }

  /** The echo backend's res mask: rows [h/4, h - h/4), columns [w/4, w - w/4). */
  static Mask centredBox(int h, int w) {
    byte[] bits = new byte[h * w];
    for (int y = h / 4; y < h - h / 4; y++) {
      for (int x = w / 4; x < w - w / 4; x++) {
        bits[y * w + x] = 1;
      }
    }
    return Mask.fromBitmap(h, w, bits);
  }

  /** {@code servers/sa2va} of the harness module (surefire runs in {@code harness/}). */
  private static Path locateServerDir() {
    for (Path p : List.of(Path.of("servers", "sa2va"), Path.of("harness", "servers", "sa2va"))) {
      if (Files.isRegularFile(p.resolve("server.py"))) {
        return p.toAbsolutePath();
      }
    }
    throw new AssertionError(
        "servers/sa2va/server.py not found from " + Path.of("").toAbsolutePath());
  }

  private static Thread drain(InputStream in, StringBuffer sink) {
    return drain(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), sink);
  }

  private static Thread drain(BufferedReader reader, StringBuffer sink) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r = reader) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (sink.length() < 200_000) {
                    sink.append(line).append('\n');
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "python-server-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}

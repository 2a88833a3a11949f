package dev.perbench.harness.http;

import static dev.perbench.harness.http.TestSamples.H;
import static dev.perbench.harness.http.TestSamples.W;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Task;
import dev.perbench.harness.http.ScriptedServer.Reply;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelUnavailableException;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private ImageRef image;

  @BeforeEach
  void image() throws IOException {
    image = TestSamples.image(dir);
  }

  private static String rle(Mask m) {
    return "{\"size\": ["
        + m.height()
        + ", "
        + m.width()
        + "], \"counts\": \""
        + RleCodec.encode(m)
        + "\"}";
  }

  private static Prediction one(HttpModel model, ModelInput input) throws Exception {
    List<Prediction> out = model.predict(List.of(input));
    assertEquals(1, out.size());
    return out.get(0);
  }

  @Test
  void aWellBehavedServerGetsTheSampleAndItsTextAndMasksComeBack() throws Exception {
    // The server answers vres with the visual prompt it was sent, mcq with a letter.
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) -> {
                  JsonNode req = JSON.readTree(body);
                  return switch (req.get("task").asText()) {
                    case "vres" ->
                        Reply.ok(
                            "{\"text\": \"It is [SEG].\", \"masks\": ["
                                + req.get("visual_prompts").get(0).get("mask")
                                + "], \"no_target\": false}");
                    case "mcq" ->
                        Reply.ok(
                            "{\"text\": \"A\", \"sample_id\": \""
                                + req.get("sample_id").asText()
                                + "\"}");
                    default -> Reply.json(400, "{\"error\": \"unexpected\"}");
                  };
                });
        HttpModel model =
            HttpModel.create(
                server.url() + "/?max_new_tokens=64&mode=fast%20path", TestSamples.options(0))) {
      List<Prediction> out =
          model.predict(
              List.of(TestSamples.vres(image, "vres:0"), TestSamples.mcq(image, "mcq:0:1")));

      assertEquals(
          new Prediction("vres:0", "It is [SEG].", List.of(TestSamples.region()), false, null),
          out.get(0));
      assertEquals(Prediction.text("mcq:0:1", "A"), out.get(1));

      JsonNode req = JSON.readTree(server.body(0));
      assertEquals("vres", req.get("task").asText());
      assertEquals("vres:0", req.get("sample_id").asText());
      assertEquals("<image>\nwhat is left of <Prompt2>", req.get("prompt").asText());
      assertEquals(
          List.of("png_base64"),
          List.copyOf(
              JSON.convertValue(
                      req.get("image"),
                      new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {})
                  .keySet()));
      assertTrue(
          java.util.Arrays.equals(
              Files.readAllBytes(image.file()),
              Base64.getDecoder().decode(req.get("image").get("png_base64").asText())));
      assertEquals(JSON.readTree("[" + H + ", " + W + "]"), req.get("image_size"));
      assertEquals(
          JSON.readTree("[{\"slot\": 2, \"mask\": " + rle(TestSamples.region()) + "}]"),
          req.get("visual_prompts"));
      assertEquals(
          JSON.readTree("{\"max_new_tokens\": \"64\", \"mode\": \"fast path\"}"),
          req.get("options"));
    }
  }

  @Test
  void aResAnswerOfOneMaskAndACaptionAnswerOfTextRoundTrip() throws Exception {
    Mask dot =
        Mask.fromBitmap(
            H,
            W,
            new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) ->
                    JSON.readTree(body).get("task").asText().equals("res")
                        ? Reply.ok("{\"masks\": [" + rle(dot) + "]}")
                        : Reply.ok("{\"text\": \"A red dot on black.\", \"meta\": {\"ms\": 3}}"));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(0))) {
      assertEquals(
          Prediction.masks("res:1", List.of(dot)), one(model, TestSamples.res(image, "res:1")));
      assertEquals(
          Prediction.text("caption:0:0", "A red dot on black."),
          one(model, TestSamples.caption(image, "caption:0:0")));
      JsonNode caption = JSON.readTree(server.body(1));
      assertEquals(JSON.readTree("{}"), caption.get("options"));
    }
  }

  @Test
  void infoReportsNameVersionTasksAndEverythingElseTheServerSaid() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) -> {
                  assertEquals("/v1/info", path);
                  return Reply.ok(
                      "{\"name\": \"pixel-sail-3b\", \"version\": \"2025-04\", \"tasks\": [\"res\","
                          + " \"vres\", \"grounded_chat\"], \"dtype\": \"bf16\", \"max_side\":"
                          + " 1024}");
                });
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(0))) {
      ModelInfo info = model.info();
      assertEquals("pixel-sail-3b", info.name());
      assertEquals("2025-04", info.version());
      assertEquals(List.of(Task.RES, Task.VRES), info.tasks());
      assertEquals(
          Map.of(
              "url",
              server.url(),
              "dtype",
              "bf16",
              "max_side",
              "1024",
              "other_tasks",
              "grounded_chat"),
          info.details());
    }
  }

  @Test
  void aServerThatAnswers500TwiceIsRetriedAndTheThirdAnswerCounts() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) ->
                    n <= 2
                        ? Reply.json(500, "{\"error\": \"CUDA out of memory\"}")
                        : Reply.ok("{\"text\": \"B\"}"));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(3), Backoff.none())) {
      assertEquals(Prediction.text("mcq:1:0", "B"), one(model, TestSamples.mcq(image, "mcq:1:0")));
      assertEquals(3, server.requests());
      assertEquals(2, model.retriedRequests());
    }
  }

  @Test
  void aServerThatAlwaysFailsGivesAFailedSampleNamingStatusAttemptsAndMessage() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) -> Reply.json(503, "{\"error\": \"loading weights\"}"));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(3), Backoff.none())) {
      List<Prediction> out =
          model.predict(List.of(TestSamples.res(image, "res:9"), TestSamples.res(image, "res:10")));
      assertEquals(
          Prediction.failed("res:9", "http 503 after 4 attempts: loading weights"), out.get(0));
      assertEquals(
          Prediction.failed("res:10", "http 503 after 4 attempts: loading weights"), out.get(1));
      assertEquals(8, server.requests());
      assertEquals(6, model.retriedRequests());
    }
  }

  @Test
  void retriesWaitAsTheBackoffSaysAndHonourRetryAfter() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) ->
                    n == 1 ? new Reply(503, "busy", 0, "1") : Reply.ok("{\"text\": \"A\"}"));
        HttpModel model =
            HttpModel.create(
                server.url(),
                TestSamples.options(1),
                new Backoff(Duration.ofMillis(10), Duration.ofSeconds(5), 0))) {
      long t0 = System.nanoTime();
      assertFalse(one(model, TestSamples.mcq(image, "mcq:2:0")).failed());
      assertTrue(System.nanoTime() - t0 >= 1_000_000_000L, "waited for Retry-After: 1");
    }
  }

  @Test
  void tooManyRequestsIsRetriedLikeA5xx() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) ->
                    n == 1 ? Reply.json(429, "slow down") : Reply.ok("{\"text\": \"A\"}"));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(1), Backoff.none())) {
      assertEquals(Prediction.text("mcq:3:0", "A"), one(model, TestSamples.mcq(image, "mcq:3:0")));
      assertEquals(2, server.requests());
    }
  }

  @Test
  void aServerThatDoesNotAnswerInTimeTimesOutAndIsRetried() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) -> new Reply(200, "{\"text\": \"late\"}", 5_000, null));
        HttpModel model =
            HttpModel.create(
                server.url(), TestSamples.options(1, Duration.ofMillis(200)), Backoff.none())) {
      long t0 = System.nanoTime();
      Prediction p = one(model, TestSamples.caption(image, "caption:1:0"));
      assertEquals("timeout after 2 attempts: no answer within 200 ms", p.error());
      assertEquals(2, server.requests());
      assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "did not wait for the late answer");
    }
  }

  /** A valid answer of 100 bytes that, at 100 ms a byte, takes 10 s to arrive. */
  private static final String SLOW_BODY = String.format("%-100s", "{\"text\": \"late\"}");

  private static final long TRICKLE_MILLIS = 100;

  /** Waits up to 5 s for the server to see {@code n} answers' connections closed by the client. */
  private static void assertAbandoned(ScriptedServer server, int n) throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (server.abandoned() < n && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertEquals(n, server.abandoned(), "the client closed the timed-out exchange's connection");
  }

  @Test
  void aBodyThatTricklesInSlowerThanTheTimeoutTimesOut() throws Exception {
    // Headers at once, then the body one byte at a time: --timeout bounds the whole exchange, not
    // only the wait for the headers (defect 8).
    try (ScriptedServer server =
            ScriptedServer.start((n, path, body) -> Reply.trickle(SLOW_BODY, TRICKLE_MILLIS));
        HttpModel model =
            HttpModel.create(
                server.url(), TestSamples.options(0, Duration.ofSeconds(1)), Backoff.none())) {
      long t0 = System.nanoTime();
      Prediction p = one(model, TestSamples.caption(image, "caption:2:0"));
      long elapsed = System.nanoTime() - t0;
      assertEquals(
          Prediction.failed("caption:2:0", "timeout after 1 attempt: no answer within 1 s"), p);
      assertTrue(elapsed >= 900_000_000L, "waited for the timeout: " + elapsed / 1_000_000 + " ms");
      assertTrue(elapsed < 5_000_000_000L, "not the 10 s trickle: " + elapsed / 1_000_000 + " ms");
      assertEquals(1, server.requests());
      assertAbandoned(server, 1);
    }
  }

  @Test
  void aTrickledAnswerThatTimedOutIsRetriedOnAFreshConnection() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) ->
                    n == 1
                        ? Reply.trickle(SLOW_BODY, TRICKLE_MILLIS)
                        : Reply.ok("{\"text\": \"B\"}"));
        HttpModel model =
            HttpModel.create(
                server.url(), TestSamples.options(1, Duration.ofMillis(300)), Backoff.none())) {
      long t0 = System.nanoTime();
      assertEquals(Prediction.text("mcq:4:0", "B"), one(model, TestSamples.mcq(image, "mcq:4:0")));
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "did not wait for the trickle");
      assertEquals(2, server.requests());
      assertEquals(1, model.retriedRequests());
      assertAbandoned(server, 1);
    }
  }

  @Test
  void infoWhoseBodyTricklesInSlowerThanTheTimeoutIsUnavailable() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) ->
                    Reply.trickle(
                        String.format(
                            "%-100s",
                            "{\"name\": \"m\", \"version\": \"1\", \"tasks\": [\"res\"]}"),
                        TRICKLE_MILLIS));
        HttpModel model =
            HttpModel.create(server.url(), TestSamples.options(0, Duration.ofSeconds(1)))) {
      long t0 = System.nanoTime();
      ModelUnavailableException e = assertThrows(ModelUnavailableException.class, model::info);
      long elapsed = System.nanoTime() - t0;
      assertEquals(
          "model server at " + server.url() + " did not answer GET /v1/info within 1 s",
          e.getMessage());
      assertTrue(elapsed < 5_000_000_000L, "not the 10 s trickle: " + elapsed / 1_000_000 + " ms");
      assertAbandoned(server, 1);
    }
  }

  @Test
  void aBadRequestIsNotRetriedAndItsMessageIsKept() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) ->
                    Reply.json(
                        400, "{\"error\": \"prompt has <Prompt3> but only 1 visual prompt\"}"));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(3), Backoff.none())) {
      assertEquals(
          Prediction.failed(
              "vres:5", "http 400 (not retried): prompt has <Prompt3> but only 1 visual prompt"),
          one(model, TestSamples.vres(image, "vres:5")));
      assertEquals(1, server.requests());
    }
  }

  @Test
  void anErrorBodyThatIsNotJsonIsQuotedShortened() throws Exception {
    String html = "<html>\n<body>" + "x".repeat(1000) + "</body></html>";
    try (ScriptedServer server = ScriptedServer.start((n, path, body) -> Reply.json(502, html));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(0), Backoff.none())) {
      String error = one(model, TestSamples.res(image, "res:2")).error();
      assertTrue(error.startsWith("http 502 after 1 attempt: <html> <body>xxx"), error);
      assertTrue(error.length() < 400, error);
    }
  }

  /** An answer that cannot be used fails its sample, saying why; the run goes on. */
  private void assertInvalidAnswer(String answer, String expectedError) throws Exception {
    try (ScriptedServer server = ScriptedServer.start((n, path, body) -> Reply.ok(answer));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(3), Backoff.none())) {
      Prediction p = one(model, TestSamples.res(image, "res:7"));
      assertEquals("res:7", p.sampleId());
      assertNull(p.masks());
      assertTrue(
          p.error() != null && p.error().startsWith("invalid answer from the model server: "),
          String.valueOf(p.error()));
      assertTrue(p.error().contains(expectedError), p.error());
      assertEquals(1, server.requests(), "an invalid answer is not retried");
    }
  }

  @Test
  void garbageThatIsNotJsonFailsTheSample() throws Exception {
    assertInvalidAnswer("<html>oops</html>", "not valid JSON");
    assertInvalidAnswer("{\"text\": \"A\"} trailing", "not valid JSON");
    assertInvalidAnswer("", "empty body, expected JSON");
    assertInvalidAnswer("[1, 2]", "expected a JSON object");
  }

  @Test
  void invalidRleFailsTheSampleNamingTheMask() throws Exception {
    assertInvalidAnswer("{\"masks\": [{\"size\": [4, 6], \"counts\": \"~~~\"}]}", "masks[0]: ");
    assertInvalidAnswer("{\"masks\": [{\"size\": [4, 6], \"counts\": \"3\"}]}", "masks[0]: ");
    assertInvalidAnswer(
        "{\"masks\": [{\"counts\": \"3\"}]}", "masks[0]: RLE \"size\" must be [height, width]");
    assertInvalidAnswer(
        "{\"masks\": {\"size\": [4, 6]}}", "\"masks\" must be a list of RLE objects");
  }

  @Test
  void masksOfAnotherSizeThanTheImageFailTheSample() throws Exception {
    assertInvalidAnswer(
        "{\"masks\": [" + rle(Mask.empty(H, W)) + ", " + rle(Mask.empty(W, H)) + "]}",
        "masks[1] is 6x4 but the image is 4x6");
  }

  @Test
  void unknownFieldsWrongTypesAndAnotherSamplesAnswerFailTheSample() throws Exception {
    assertInvalidAnswer("{\"mask\": []}", "unknown field \"mask\"");
    assertInvalidAnswer("{\"text\": 3}", "\"text\" must be a string");
    assertInvalidAnswer("{\"no_target\": \"yes\"}", "\"no_target\" must be true or false");
    assertInvalidAnswer(
        "{\"sample_id\": \"res:8\", \"text\": \"A\"}", "answer is for sample \"res:8\"");
  }

  @Test
  void metaWarningsAreKeptWithThePredictionAndTheRestOfMetaIsIgnored() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start(
                (n, path, body) ->
                    Reply.ok(
                        "{\"text\": \"A\", \"meta\": {\"retries\": 1, \"prompt_pixels\":"
                            + " [0, 12], \"warnings\": [\"empty_visual_prompt:1\"]}}"));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(0))) {
      assertEquals(
          Prediction.text("caption:0:0", "A").withWarnings(List.of("empty_visual_prompt:1")),
          one(model, TestSamples.caption(image, "caption:0:0")));
    }
  }

  @Test
  void malformedMetaWarningsFailTheSample() throws Exception {
    assertInvalidAnswer(
        "{\"text\": \"A\", \"meta\": {\"warnings\": \"empty\"}}",
        "\"meta.warnings\" must be a list of strings");
    assertInvalidAnswer(
        "{\"text\": \"A\", \"meta\": {\"warnings\": [3]}}",
        "\"meta.warnings[0]\" must be a string");
    assertInvalidAnswer(
        "{\"text\": \"A\", \"meta\": {\"warnings\": [\"Empty Prompt\"]}}",
        "must be CODE or CODE:DETAIL");
  }

  @Test
  void aServerThatIsDownFailsInfoWithAClearMessage() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (HttpModel model = HttpModel.create("http://127.0.0.1:" + port, TestSamples.options(0))) {
      ModelUnavailableException e = assertThrows(ModelUnavailableException.class, model::info);
      assertEquals(
          "cannot reach model server at http://127.0.0.1:"
              + port
              + ": connection refused — is it running?",
          e.getMessage());
      assertEquals(
          Prediction.failed("res:0", "connection refused after 2 attempts: connection refused"),
          HttpModel.create("http://127.0.0.1:" + port, TestSamples.options(1), Backoff.none())
              .predict(TestSamples.res(image, "res:0")));
    }
  }

  @Test
  void infoFromSomethingElseSaysSo() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start((n, path, body) -> Reply.json(404, "Not Found"));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(0))) {
      ModelUnavailableException e = assertThrows(ModelUnavailableException.class, model::info);
      assertEquals(
          "model server at "
              + server.url()
              + " answered GET /v1/info with http 404: Not Found"
              + " (is it a PerBench model server? the protocol's paths start /v1/)",
          e.getMessage());
    }
    try (ScriptedServer server =
            ScriptedServer.start((n, path, body) -> Reply.ok("{\"name\": \"x\"}"));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(0))) {
      ModelUnavailableException e = assertThrows(ModelUnavailableException.class, model::info);
      assertEquals(
          "model server at "
              + server.url()
              + " sent an invalid GET /v1/info answer: "
              + "\"version\" must be a string",
          e.getMessage());
    }
  }

  @Test
  void withASharedFileSystemThePathIsSentInsteadOfTheBytes() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start((n, path, body) -> Reply.ok("{\"text\": \"A\"}"));
        HttpModel model =
            HttpModel.create(
                server.url(), new ModelOptions("cpu", 1, 1, Duration.ofSeconds(10), 0, true, 0))) {
      assertFalse(one(model, TestSamples.mcq(image, "mcq:0:0")).failed());
      assertEquals(
          JSON.readTree(
              "{\"path\": "
                  + JSON.writeValueAsString(image.file().toAbsolutePath().toString())
                  + "}"),
          JSON.readTree(server.body(0)).get("image"));
    }
  }

  @Test
  void anImageThatCannotBeReadOrIsNoPngOrJpegFailsTheSampleWithoutARequest() throws Exception {
    try (ScriptedServer server =
            ScriptedServer.start((n, path, body) -> Reply.ok("{\"text\": \"A\"}"));
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(0))) {
      ImageRef missing = new ImageRef("gone.png", dir.resolve("gone.png"), H, W);
      String error = one(model, TestSamples.mcq(missing, "mcq:1:1")).error();
      assertTrue(error.startsWith("cannot read image " + dir.resolve("gone.png")), error);

      Path gif = dir.resolve("a.gif");
      Files.write(gif, "GIF89a....".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      error = one(model, TestSamples.mcq(new ImageRef("a.gif", gif, H, W), "mcq:1:2")).error();
      assertTrue(error.startsWith("image " + gif + " is neither PNG nor JPEG"), error);
      assertEquals(0, server.requests());
    }
  }

  @Test
  void specsThatAreNotHttpUrlsAreRefused() {
    for (String spec :
        List.of("localhost:8000", "ftp://host/", "http://", "http://h:1/#x", "http://a b")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> HttpModel.create(spec, TestSamples.options(0)),
              spec);
      assertTrue(e.getMessage().startsWith("model spec '" + spec + "'"), e.getMessage());
    }
    assertEquals(
        "http://h:8000/pixel-sail",
        HttpModel.create("http://h:8000/pixel-sail/?t=0", TestSamples.options(0))
            .baseUri()
            .toString());
  }

  @Test
  void aClosedModelRefusesWork() {
    HttpModel model = HttpModel.create("http://127.0.0.1:9", TestSamples.options(0));
    model.close();
    assertThrows(IllegalStateException.class, () -> model.predict(TestSamples.res(image, "res:0")));
  }
}

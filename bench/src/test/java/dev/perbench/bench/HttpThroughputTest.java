package dev.perbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.harness.http.Backoff;
import dev.perbench.harness.http.HttpModel;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.Prediction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * That the measurement runs and every sample succeeds, and that its retry figure is exact; its
 * timings are not asserted. Self-contained: the second case brings its own server.
 */
class HttpThroughputTest {
  @Test
  void aSmallRunCompletesEverySampleWithoutARetryAndReportsItsFigures(@TempDir Path dir)
      throws Exception {
    HttpThroughput.Result r = HttpThroughput.measure(400, 4, dir);
    assertEquals(0, r.failed());
    assertNull(r.firstError());
    assertEquals(400, r.samples());
    assertEquals(4, r.concurrency());
    assertEquals(40, r.warmupSamples());
    assertTrue(r.imageBytes() > 500 && r.imageBytes() < 2000, String.valueOf(r.imageBytes()));
    assertEquals(Files.size(dir.resolve("throughput.png")), r.imageBytes());
    // The in-process echo server answers every request at once: a retry would mean the client
    // lost a loopback connection or a request, which would also spoil the timing.
    assertEquals(0, r.retried(), "retries against a healthy in-process server");
    assertTrue(r.seconds() > 0 && r.samplesPerSecond() > 0, r.toString());
    assertTrue(r.peakHeapBytes() > 0 && r.maxHeapBytes() > 0, r.toString());
  }

  /**
   * The counter {@link HttpThroughput.Result#retried()} is taken from, {@link
   * HttpModel#retriedRequests()}, against a server that refuses a known number of first attempts
   * with a 503 while 4 threads send requests: it must come out exactly that number.
   */
  @Test
  void theRetryCounterCountsEveryRefusedAttemptExactlyUnderConcurrency(@TempDir Path dir)
      throws Exception {
    int samples = 200;
    ObjectMapper json = new ObjectMapper();
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    server.setExecutor(serverThreads);
    server.createContext(
        "/v1/predict",
        ex -> {
          String id = json.readTree(ex.getRequestBody().readAllBytes()).get("sample_id").asText();
          int k = Integer.parseInt(id.split(":")[1]); // mcq:K:0
          int attempt = attempts.computeIfAbsent(id, x -> new AtomicInteger()).incrementAndGet();
          // Every 5th sample is refused once, every 25th twice: 40 + 8 = 48 retries in all.
          int refusals = k % 25 == 0 ? 2 : k % 5 == 0 ? 1 : 0;
          if (attempt <= refusals) {
            refused.incrementAndGet();
            reply(ex, 503, "{\"error\": \"busy\"}");
          } else {
            reply(ex, 200, "{\"text\": \"A\"}");
          }
        });
    server.start();
    Path png = dir.resolve("tiny.png");
    Files.write(png, HttpThroughput.image());
    ImageRef image = new ImageRef("tiny.png", png, HttpThroughput.HEIGHT, HttpThroughput.WIDTH);
    ModelOptions options = new ModelOptions("cpu", 1, 4, Duration.ofSeconds(30), 3, false, 0);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try (HttpModel model =
        HttpModel.create(
            "http://127.0.0.1:" + server.getAddress().getPort(), options, Backoff.none())) {
      List<Future<Prediction>> futures = new ArrayList<>();
      for (int k = 0; k < samples; k++) {
        ModelInput input = mcq(image, "mcq:" + k + ":0");
        futures.add(clients.submit(() -> model.predict(input)));
      }
      for (int k = 0; k < samples; k++) {
        Prediction p = futures.get(k).get();
        assertFalse(p.failed(), p::toString);
        assertEquals(Prediction.text("mcq:" + k + ":0", "A"), p);
      }
      assertEquals(48, refused.get(), "503 answers sent");
      assertEquals(48, model.retriedRequests());
      assertEquals(
          samples + 48, attempts.values().stream().mapToInt(AtomicInteger::get).sum(), "requests");
    } finally {
      clients.shutdownNow();
      server.stop(0);
      serverThreads.shutdownNow();
    }
  }

  private static ModelInput mcq(ImageRef image, String id) {
    return new ModelInput(
        new Sample(
            id,
            Task.MCQ,
            image,
            "Colour? A. red B. blue",
            List.of(),
            new Target.Choice("A. red", Map.of("A", "red", "B", "blue"), "A")),
        "<image>\nColour? A. red B. blue Select a correct choice.");
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    try (ex) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }
}

package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perbench.bench.EchoModelServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perbench run --model http://...} against servers started inside the test on loopback. */
class HttpRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aWellBehavedServerIsRunOverTheWholeBenchmark() throws IOException {
    try (EchoModelServer server = EchoModelServer.start(0)) {
      Path out = dir.resolve("echo");
      CommandRun run =
          CommandRun.of(
              "run",
              "--model",
              server.url(),
              "--bench",
              "perbench-mini",
              "--concurrency",
              "8",
              "--out",
              out.toString());
      assertEquals(0, run.exitCode(), run.err());
      JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
      assertEquals(1186, m.get("n").asInt());
      assertEquals(0, m.get("failed").asInt());
      assertEquals(0.0, m.at("/tasks/res/ciou").asDouble(), "the echo server answers empty masks");
      assertEquals(1186, server.predictions());
      JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
      assertEquals(server.url(), manifest.at("/model/spec").asText());
      assertEquals(4, manifest.path("prompts").size());
    }
  }

  @Test
  void failingTimingOutAndGarbageAnswersAreRecordedAndTheRunGoesOn() throws Exception {
    Map<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/v1/info",
        ex -> reply(ex, 200, "{\"name\":\"flaky\",\"version\":\"0\",\"tasks\":[\"mcq\"]}"));
    server.createContext(
        "/v1/predict",
        ex -> {
          JsonNode req = JSON.readTree(ex.getRequestBody());
          // Each sample keeps its behaviour across retries: by the order it was first seen in.
          int ordinal = seen.computeIfAbsent(req.get("sample_id").asText(), k -> seen.size());
          switch (ordinal % 4) {
            case 0 -> reply(ex, 500, "{\"error\":\"out of memory\"}");
            case 1 -> {
              sleep(1500);
              reply(ex, 200, "{\"text\":\"A\"}");
            }
            case 2 -> reply(ex, 200, "this is not json");
            default -> reply(ex, 200, "{\"text\":\"A\"}");
          }
        });
    server.start();
    try {
      String model = "http://127.0.0.1:" + server.getAddress().getPort();
      Path out = dir.resolve("flaky");
      CommandRun run =
          CommandRun.of(
              "run",
              "--model",
              model,
              "--bench",
              "perbench-mini",
              "--limit",
              "24",
              "--shard",
              "1/4",
              "--concurrency",
              "8",
              "--timeout",
              "1",
              "--retries",
              "1",
              "--out",
              out.toString());
      assertEquals(1, run.exitCode(), run.err());
      Map<String, String> errors = new HashMap<>();
      List<String> lines = Files.readAllLines(out.resolve("predictions.jsonl"));
      assertEquals(24, lines.size(), "every sample is recorded, failed or not");
      for (String line : lines) {
        JsonNode p = JSON.readTree(line);
        if (p.has("error")) {
          errors.put(p.get("sample_id").asText(), p.get("error").asText());
        }
      }
      assertTrue(
          errors.values().stream()
              .anyMatch(
                  e -> e.contains("http 500 after 2 attempts") && e.contains("out of memory")),
          errors.toString());
      assertTrue(
          errors.values().stream().anyMatch(e -> e.contains("timeout after 2 attempts")),
          errors.toString());
      assertTrue(
          errors.values().stream()
              .anyMatch(e -> e.contains("invalid answer from the model server")),
          errors.toString());
      JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
      assertEquals(errors.size(), m.get("failed").asInt());
      assertTrue(
          run.err().contains(errors.size() + " samples failed (--max-failures 0)"), run.err());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aServerThatIsDownIsAClearFailure() {
    CommandRun run =
        CommandRun.of(
            "run",
            "--model",
            "http://127.0.0.1:9",
            "--bench",
            "perbench-mini",
            "--out",
            dir.resolve("down").toString());
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().startsWith("error: cannot reach model server at http://127.0.0.1:9"), run.err());
    assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}

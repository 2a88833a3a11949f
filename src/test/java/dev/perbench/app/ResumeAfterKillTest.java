package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed mid-way (SIGKILL of a separate JVM) resumes: nothing is predicted twice and the
 * final metrics equal an uninterrupted run's. The model is an HTTP server inside this test that
 * answers after a short delay, deterministically per sample.
 */
class ResumeAfterKillTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK server otherwise waits on Nagle's algorithm (~40 ms per small response).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  @TempDir Path dir;
  private HttpServer server;
  private volatile int delayMillis = 4;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/v1/info",
        ex ->
            reply(
                ex,
                "{\"name\":\"slow-test-model\",\"version\":\"1\","
                    + "\"tasks\":[\"res\",\"vres\",\"mcq\",\"caption\"]}"));
    server.createContext("/v1/predict", this::predict);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void predict(HttpExchange ex) throws IOException {
    JsonNode req = JSON.readTree(ex.getRequestBody());
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String id = req.get("sample_id").asText();
    int h = req.get("image_size").get(0).asInt();
    int w = req.get("image_size").get(1).asInt();
    Mask mask = id.hashCode() % 2 == 0 ? Mask.full(h, w) : Mask.empty(h, w);
    String rle = "{\"size\":[" + h + "," + w + "],\"counts\":\"" + RleCodec.encode(mask) + "\"}";
    reply(
        ex,
        "{\"text\":\""
            + (id.hashCode() % 3 == 0 ? "A" : "B")
            + "\",\"masks\":["
            + rle
            + ","
            + rle
            + "]}");
  }

  private static void reply(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Test
  void aKilledRunResumesWithoutDuplicatesToTheUninterruptedMetrics() throws Exception {
    String model = "http://127.0.0.1:" + server.getAddress().getPort();
    Path killed = dir.resolve("killed");
    Process p =
        PerbenchProcess.builder(
                "run",
                "--model",
                model,
                "--bench",
                "perbench-mini",
                "--concurrency",
                "1",
                "--out",
                killed.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    Path predictions = killed.resolve("predictions.jsonl");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lines(predictions) < 150 && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(20);
    }
    p.destroyForcibly().waitFor();
    int before = lines(predictions);
    assertTrue(
        before >= 150 && before < 1186,
        "killed after " + before + " predictions: " + Files.readString(dir.resolve("child.log")));
    // As if the kill had hit in the middle of a write: a torn last line.
    Files.writeString(predictions, "{\"sample_id\":\"res:", StandardOpenOption.APPEND);

    delayMillis = 0;
    CommandRun resumed =
        CommandRun.of(
            "run", "--model", model, "--bench", "perbench-mini", "--out", killed.toString());
    assertEquals(0, resumed.exitCode(), resumed.err());
    // The torn line is dropped: exactly the complete lines count as predicted.
    assertEquals(List.of(1186L, (long) before, 1186L - before), selection(resumed.err()));
    Path whole = dir.resolve("whole");
    CommandRun uninterrupted =
        CommandRun.of(
            "run", "--model", model, "--bench", "perbench-mini", "--out", whole.toString());
    assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
    assertEquals(List.of(1186L, 0L, 1186L), selection(uninterrupted.err()));

    List<String> all = Files.readAllLines(predictions);
    Set<String> ids = new HashSet<>();
    for (String line : all) {
      assertTrue(
          ids.add(JSON.readTree(line).get("sample_id").asText()), "predicted twice: " + line);
    }
    assertEquals(1186, ids.size());
    assertEquals(
        Files.readString(whole.resolve("metrics.json")),
        Files.readString(killed.resolve("metrics.json")));
  }

  /**
   * The numbers of the runner's one line "BENCH: N samples selected, N already predicted, N to go;
   * model NAME", printed with {@code %,d} (grouping separators of the default locale, "1,186" in
   * English), checked to add up: selected = already predicted + to go.
   */
  static List<Long> selection(String err) {
    String group = Pattern.quote(String.valueOf(groupingSeparator()));
    String number = "(\\d{1,3}(?:" + group + "\\d{3})*)";
    Pattern line =
        Pattern.compile(
            "(?m)^perbench-mini: "
                + number
                + " samples selected, "
                + number
                + " already predicted, "
                + number
                + " to go; model slow-test-model$");
    Matcher m = line.matcher(err);
    assertTrue(m.find(), () -> "no selection line in: " + err);
    List<Long> n = new ArrayList<>();
    for (int g = 1; g <= 3; g++) {
      n.add(Long.parseLong(m.group(g).replace(String.valueOf(groupingSeparator()), "")));
    }
    assertFalse(m.find(), () -> "two selection lines in: " + err);
    assertEquals(n.get(0), n.get(1) + n.get(2), () -> "selected != already + to go: " + err);
    return n;
  }

  private static char groupingSeparator() {
    return DecimalFormatSymbols.getInstance(Locale.getDefault(Locale.Category.FORMAT))
        .getGroupingSeparator();
  }

  private static int lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(file);
    int n = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }
}

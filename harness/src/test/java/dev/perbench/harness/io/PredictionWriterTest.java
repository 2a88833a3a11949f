package dev.perbench.harness.io;

import static dev.perbench.harness.testing.TinySamples.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.model.Sample;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.testing.TinySamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionWriterTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void eachPredictionIsOneWholeLineAndReopeningAppends() throws Exception {
    Path f = dir.resolve("predictions.jsonl");
    try (PredictionWriter w = PredictionWriter.append(f)) {
      w.write(Prediction.text("m1", "A"));
      w.write(Prediction.failed("m2", "HTTP 500: \"busy\"\nretry later"));
    }
    try (PredictionWriter w = PredictionWriter.append(f)) {
      w.write(new Prediction("r1", "it is here", List.of(rect(0, 4, 0, 1)), false, null));
    }
    String text = Files.readString(f, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n"), text);
    List<String> lines = text.lines().toList();
    assertEquals(3, lines.size(), text);
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals(JSON.readTree("{\"sample_id\": \"m1\", \"text\": \"A\"}"), first);
    JsonNode second = JSON.readTree(lines.get(1));
    assertEquals("HTTP 500: \"busy\"\nretry later", second.get("error").asText());
    JsonNode third = JSON.readTree(lines.get(2));
    assertEquals("r1", third.get("sample_id").asText());
    assertEquals(JSON.readTree("[4, 4]"), third.get("masks").get(0).get("size"));
    assertEquals(false, third.get("no_target").booleanValue());
  }

  @Test
  void whatIsWrittenIsReadBackEqual() throws Exception {
    Path f = dir.resolve("predictions.jsonl");
    List<Prediction> written =
        List.of(
            new Prediction(
                "r1", "it is here", List.of(rect(0, 2, 0, 4), rect(2, 4, 1, 3)), false, null),
            new Prediction("r2", null, List.of(), true, null),
            Prediction.failed("r3", "ModelUnavailableException: down"),
            Prediction.text("c1", "caf\u00e9 \u2615"));
    try (PredictionWriter w = PredictionWriter.append(f)) {
      written.forEach(w::write);
    }
    Map<String, Sample> samples = new HashMap<>();
    for (String id : List.of("r1", "r2", "r3")) {
      samples.put(id, TinySamples.res(id, rect(0, 4, 0, 1)));
    }
    samples.put("c1", TinySamples.caption("c1", "x"));
    try (PredictionIndex index = PredictionIndex.open(f, samples)) {
      for (Prediction p : written) {
        assertEquals(p, index.get(p.sampleId()));
      }
      assertEquals(1, index.failed());
    }
  }

  @Test
  void concurrentWritersNeverInterleaveLines() throws Exception {
    Path f = dir.resolve("predictions.jsonl");
    String filler = "x".repeat(3000);
    int threads = 8;
    int each = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (PredictionWriter w = PredictionWriter.append(f)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    w.write(Prediction.text(thread + "-" + i, filler));
                  }
                }));
      }
      for (Future<?> d : done) {
        d.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertEquals(threads * each, lines.size());
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      JsonNode n = JSON.readTree(line);
      assertEquals(filler, n.get("text").asText());
      ids.add(n.get("sample_id").asText());
    }
    assertEquals(threads * each, ids.size());
  }
}

package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published JSON Schema describes exactly what the harness writes and reads. */
class PredictionSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyFieldTheHarnessWritesIsInTheSchemaAndNoOther() throws IOException {
    JsonNode schema = JSON.readTree(Path.of("docs/prediction-file.schema.json").toFile());
    Set<String> declared = new TreeSet<>();
    schema.get("properties").fieldNames().forEachRemaining(declared::add);
    assertEquals(Set.of("sample_id", "text", "masks", "no_target", "error"), declared);
    assertEquals(false, schema.get("additionalProperties").asBoolean());

    Path out = dir.resolve("oracle");
    assertEquals(
        0,
        CommandRun.of(
                "run",
                "--model",
                "baseline:oracle",
                "--bench",
                "perbench-mini",
                "--out",
                out.toString())
            .exitCode());
    Set<String> written = new TreeSet<>();
    for (String line : Files.readAllLines(out.resolve("predictions.jsonl"))) {
      JsonNode p = JSON.readTree(line);
      for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
        written.add(names.next());
      }
      if (p.has("masks")) {
        for (JsonNode m : p.get("masks")) {
          assertEquals(Set.of("size", "counts"), Set.copyOf(iterable(m.fieldNames())));
          assertTrue(m.get("counts").asText().matches("[0-o]*"), m.toString());
        }
      }
    }
    assertTrue(declared.containsAll(written), written.toString());
  }

  private static Set<String> iterable(Iterator<String> it) {
    Set<String> out = new TreeSet<>();
    it.forEachRemaining(out::add);
    return out;
  }
}

package dev.perbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.data.DataFile;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.AtomicFiles;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.testing.TinySamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code manifest.json}: built by start, finish and merged; written and read strictly. */
class RunManifestTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant STARTED = Instant.parse("2026-01-02T03:04:05.123Z");
  static final Instant ENDED = Instant.parse("2026-01-02T03:05:06Z");

  @TempDir Path tmp;
  RunManifest started;

  @BeforeEach
  void start() throws IOException {
    Path data = tmp.resolve("data.json");
    Files.writeString(data, "{}\n");
    LoadedSplit split =
        new LoadedSplit("tiny", TinySamples.split("tiny", 3).samples(), List.of(DataFile.of(data)));
    RunConfig c =
        new RunConfig(
            "tiny",
            "http://127.0.0.1:8000",
            EvalProfile.PIXEL_SAIL,
            new Shard(1, 4),
            7,
            "gpu:1",
            3,
            8,
            2,
            99,
            100);
    ModelInfo info =
        new ModelInfo("server", "1.2", List.of(Task.RES, Task.MCQ), Map.of("b", "2", "a", "1"));
    started = RunManifest.start(c, split, info, tmp, STARTED);
  }

  @Test
  void startRecordsTheConfigTheModelAndTheData() {
    assertEquals(RunManifest.RUNNING, started.status());
    assertFalse(started.finished());
    assertEquals("tiny", started.benchmark());
    assertEquals("http://127.0.0.1:8000", started.model().spec());
    assertEquals("server", started.model().name());
    assertEquals(List.of("res", "mcq"), started.model().tasks());
    assertEquals(List.of("a", "b"), List.copyOf(started.model().details().keySet()));
    assertEquals("gpu:1", started.device());
    assertEquals("pixel-sail", started.profile());
    assertEquals(99, started.seed());
    assertEquals("1/4", started.shard());
    assertEquals(new Shard(1, 4), started.parsedShard());
    assertEquals(7, started.limit().intValue());
    assertEquals(3, started.concurrency());
    assertEquals(8, started.batchSize());
    assertEquals("2026-01-02T03:04:05.123Z", started.started());
    assertEquals(1, started.dataFiles().size());
    // SHA-256 of the three bytes "{}\n"
    assertEquals(
        "ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356",
        started.dataFiles().get(0).sha256());
    assertEquals(3, started.dataFiles().get(0).bytes());
    assertEquals(4, started.prompts().size());
    assertNull(started.ended());
    assertNull(started.samples());
  }

  @Test
  void finishAddsTheOutcomeAndKeepsTheRest() {
    RunManifest f = started.finish(40, 30, 2, 1.5, ENDED);
    assertEquals(RunManifest.FINISHED, f.status());
    assertTrue(f.finished());
    assertEquals("2026-01-02T03:05:06Z", f.ended());
    assertEquals(40, f.samples().intValue());
    assertEquals(30, f.predictedInLastSession().intValue());
    assertEquals(2, f.failed().intValue());
    assertEquals(1.5, f.lastSessionSeconds().doubleValue());
    assertEquals(20.0, f.lastSessionSamplesPerSecond().doubleValue());
    assertEquals(started.started(), f.started());
    assertEquals(started.dataFiles(), f.dataFiles());
    assertEquals(started.model(), f.model());
    assertEquals(started.harness(), f.harness());
    assertEquals(0.0, started.finish(0, 0, 0, 0, ENDED).lastSessionSamplesPerSecond(), 0.0);
  }

  @Test
  void mergedIsTheWholeBenchmarkAndNamesItsShards() {
    RunManifest m = started.finish(40, 30, 2, 1.5, ENDED).merged(List.of("a", "b"), 160, 5);
    assertEquals("0/1", m.shard());
    assertEquals(List.of("a", "b"), m.mergedFrom());
    assertEquals(160, m.samples().intValue());
    assertEquals(5, m.failed().intValue());
    assertTrue(m.finished());
  }

  @Test
  void whatIsWrittenIsReadBackEqual() {
    for (RunManifest m :
        List.of(
            started,
            started.finish(40, 30, 2, 1.5, ENDED),
            started.finish(40, 30, 2, 1.5, ENDED).merged(List.of("x/s0", "x/s1"), 160, 5))) {
      Path file = tmp.resolve("manifest.json");
      AtomicFiles.write(file, m.text());
      assertEquals(m, RunManifest.read(file));
    }
  }

  @Test
  void fieldsAreWrittenInTheDocumentedOrderWithLimitAndGitDirtyEvenWhenNull() throws IOException {
    RunManifest unlimited =
        new RunManifest(
            started.status(),
            new RunManifest.Harness("0.1", "unknown", null),
            started.benchmark(),
            started.dataFiles(),
            started.model(),
            started.device(),
            started.profile(),
            started.prompts(),
            started.seed(),
            started.shard(),
            null,
            started.concurrency(),
            started.batchSize(),
            started.started(),
            started.environment(),
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    String text = unlimited.text();
    assertTrue(text.endsWith("}\n"), text);
    JsonNode tree = JSON.readTree(text);
    List<String> names = new java.util.ArrayList<>();
    tree.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of(
            "status",
            "harness",
            "benchmark",
            "data_files",
            "model",
            "device",
            "profile",
            "prompts",
            "seed",
            "shard",
            "limit",
            "concurrency",
            "batch_size",
            "started",
            "environment"),
        names);
    assertTrue(tree.get("limit").isNull());
    assertTrue(tree.get("harness").has("git_dirty"));
    assertTrue(tree.get("harness").get("git_dirty").isNull());
    Path file = tmp.resolve("manifest.json");
    Files.writeString(file, text);
    assertEquals(unlimited, RunManifest.read(file));
  }

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        broken("an unknown field", "gpu", o -> o.put("gpu", "H100")),
        broken(
            "an unknown nested field",
            "branch",
            o -> ((ObjectNode) o.get("harness")).put("branch", "main")),
        broken("a missing required field", "device", o -> o.remove("device")),
        broken("a missing limit, which is required though null", "limit", o -> o.remove("limit")),
        broken(
            "a missing nested field",
            "sha256",
            o -> ((ObjectNode) o.get("data_files").get(0)).remove("sha256")),
        broken("a string for a number", "seed", o -> o.put("seed", "99")),
        broken(
            "a number for a string",
            "git_commit",
            o -> ((ObjectNode) o.get("harness")).put("git_commit", 5)),
        broken(
            "a string for a count",
            "bytes",
            o -> ((ObjectNode) o.get("data_files").get(0)).put("bytes", "3")),
        broken("a fraction for an integer", "concurrency", o -> o.put("concurrency", 2.5)),
        broken(
            "a string for a list",
            "tasks",
            o -> ((ObjectNode) o.get("model")).put("tasks", "res")));
  }

  static Arguments broken(String what, String field, Consumer<ObjectNode> change) {
    return Arguments.of(what, field, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void strictReadingNamesTheFileAndTheField(String what, String field, Consumer<ObjectNode> change)
      throws IOException {
    ObjectNode tree = (ObjectNode) JSON.readTree(started.text());
    change.accept(tree);
    Path file = tmp.resolve("manifest.json");
    Files.writeString(file, JSON.writeValueAsString(tree));
    InputException e = assertThrows(InputException.class, () -> RunManifest.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage() + " should name " + field);
  }
}

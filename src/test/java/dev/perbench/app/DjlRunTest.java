package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perbench run --model djl:...} with the project's TorchScript fixture, end to end. */
class DjlRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURE = "djl:harness-djl/src/test/resources/djl/fixture.pt";

  @TempDir Path dir;

  @Test
  void theTorchScriptFixtureRunsOverPerbenchMiniAndRecordsItselfInTheManifest() throws IOException {
    Path out = dir.resolve("djl");
    CommandRun run =
        CommandRun.of(
            "run",
            "--model",
            FIXTURE,
            "--bench",
            "perbench-mini",
            "--limit",
            "120",
            "--batch-size",
            "4",
            "--concurrency",
            "2",
            "--out",
            out.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
    assertEquals(120, m.get("n").asInt());
    assertEquals(0, m.get("failed").asInt());
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertEquals(FIXTURE, manifest.at("/model/spec").asText());
    assertEquals(
        64, manifest.at("/model/details/djl.sha256").asText().length(), manifest.toString());
    assertEquals("cpu", manifest.get("device").asText());
  }

  @Test
  void askingForAGpuOnACpuOnlyBuildIsAClearUsageError() {
    CommandRun run =
        CommandRun.of(
            "run",
            "--model",
            FIXTURE,
            "--bench",
            "perbench-mini",
            "--device",
            "gpu",
            "--out",
            dir.resolve("gpu").toString());
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("--device gpu: DJL's PyTorch engine found no CUDA device"), run.err());
  }

  @Test
  void aMissingModelFileIsAClearUsageError() {
    CommandRun run =
        CommandRun.of(
            "run",
            "--model",
            "djl:" + dir.resolve("none.pt"),
            "--bench",
            "perbench-mini",
            "--out",
            dir.resolve("x").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("none.pt"), run.err());
  }
}

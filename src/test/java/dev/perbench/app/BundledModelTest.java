package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled reference model ({@code harness/models/pixel-mini}, trained by its {@code train.py})
 * over the whole committed perbench-mini test split, through the {@code djl:} adapter, end to end:
 * its quality floors hold under the {@code standard} profile.
 */
class BundledModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "djl:harness/models/pixel-mini/model.pt";

  @TempDir Path dir;

  @Test
  void theBundledModelMeetsItsFloorsOnPerbenchMini() throws IOException {
    Path out = dir.resolve("pixel-mini");
    CommandRun run =
        CommandRun.of("run", "--model", MODEL, "--bench", "perbench-mini", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
    assertEquals("standard", m.get("profile").asText());
    assertEquals(1186, m.get("n").asInt());
    assertEquals(0, m.get("missing").asInt());
    assertEquals(0, m.get("failed").asInt());
    JsonNode t = m.get("tasks");
    double res = t.at("/res/ciou").asDouble();
    double vres = t.at("/vres/ciou").asDouble();
    double mcq = t.at("/mcq/accuracy").asDouble();
    double meteor = t.at("/caption/meteor").asDouble();
    String all =
        "res cIoU "
            + res
            + ", vres cIoU "
            + vres
            + ", mcq accuracy "
            + mcq
            + ", caption METEOR "
            + meteor;
    assertTrue(res >= 0.60, all);
    assertTrue(vres >= 0.50, all);
    assertTrue(mcq >= 0.80, all);
    assertTrue(meteor > 0, all);
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertEquals("pixel-mini", manifest.at("/model/name").asText(), manifest.toString());
  }

  @Test
  void theSidecarRecordsTheSha256OfTheTrainingScriptAsItIsNow() throws Exception {
    Path dirOfModel = Path.of("harness", "models", "pixel-mini");
    JsonNode sidecar = JSON.readTree(dirOfModel.resolve("model.pt.json").toFile());
    byte[] script = Files.readAllBytes(dirOfModel.resolve("train.py"));
    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script));
    assertEquals(
        actual,
        sidecar.path("details").path("script_sha256").asText(),
        "train.py changed: record its new sha256 in model.pt.json (script_sha256)");
  }
}

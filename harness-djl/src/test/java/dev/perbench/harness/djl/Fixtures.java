package dev.perbench.harness.djl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkLoader;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.model.Sample;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed TorchScript fixture (made by src/test/python/make_djl_fixture.py), torch's expected
 * outputs for it, and the perbench-mini test samples.
 */
final class Fixtures {
  static final Path DIR = Path.of("src/test/resources/djl");
  static final Path MODEL = DIR.resolve("fixture.pt");
  static final Path ONE_MASK = DIR.resolve("fixture-one-mask.pt");
  static final Path FIRST_ONLY = DIR.resolve("fixture-first-only.pt");
  static final Path EXPECTED = DIR.resolve("fixture-expected.json");
  private static Map<String, Sample> mini;

  private Fixtures() {}

  static ModelOptions options(String device, int batchSize) {
    ModelOptions d = ModelOptions.defaults();
    return new ModelOptions(
        device, batchSize, d.concurrency(), d.timeout(), d.retries(), d.sharedFs(), d.seed());
  }

  /** Every perbench-mini test sample by id, loaded once through the benchmark catalogue. */
  static synchronized Map<String, Sample> mini() {
    if (mini == null) {
      Path home = Path.of("").toAbsolutePath().getParent(); // surefire runs in harness/
      DataRoots roots = new DataRoots(home.resolve("target/no-data-root"), home);
      Map<String, Sample> byId = new LinkedHashMap<>();
      for (Sample s :
          BenchmarkLoader.load(BenchmarkCatalog.resolve("perbench-mini").get(0), roots).samples()) {
        byId.put(s.id(), s);
      }
      mini = byId;
    }
    return mini;
  }

  static List<ModelInput> inputs(List<Sample> samples) {
    return samples.stream().map(s -> new ModelInput(s, s.text())).toList();
  }

  static JsonNode expected() {
    try {
      return new ObjectMapper().readTree(EXPECTED.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies a model file into {@code dir} as {@code name}, with the fixture's sidecar unless null.
   */
  static Path copy(Path model, Path dir, String name, String sidecar) throws IOException {
    Path target = dir.resolve(name);
    Files.copy(model, target);
    if (sidecar != null) {
      Files.writeString(DjlSidecar.of(target), sidecar);
    }
    return target;
  }

  static String sidecarText() {
    try {
      return Files.readString(DjlSidecar.of(MODEL));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

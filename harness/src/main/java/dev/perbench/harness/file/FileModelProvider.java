package dev.perbench.harness.file;

import dev.perbench.data.LoadedSplit;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelProvider;
import java.nio.file.Path;

/**
 * Opens {@code file:PATH}. The file is validated against the benchmark first; a bad file is an
 * input error listing its lines.
 */
public final class FileModelProvider implements ModelProvider {
  private static final String PREFIX = "file:";

  @Override
  public String form() {
    return "file:PATH";
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public boolean accepts(String spec) {
    return spec.startsWith(PREFIX);
  }

  @Override
  public Model open(String spec, ModelOptions options, LoadedSplit benchmark) {
    Path file = Path.of(spec.substring(PREFIX.length()));
    return new FileModel(PredictionIndex.open(file, benchmark.samplesById()));
  }
}

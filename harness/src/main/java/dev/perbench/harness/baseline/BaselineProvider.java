package dev.perbench.harness.baseline;

import dev.perbench.data.LoadedSplit;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelProvider;
import dev.perbench.harness.model.ModelSpecException;

/** Opens {@code baseline:NAME}, the built-in sanity baselines. */
public final class BaselineProvider implements ModelProvider {
  private static final String PREFIX = "baseline:";

  @Override
  public String form() {
    return "baseline:NAME (" + String.join(", ", Baselines.NAMES) + ")";
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public boolean accepts(String spec) {
    return spec.startsWith(PREFIX);
  }

  @Override
  public Model open(String spec, ModelOptions options, LoadedSplit benchmark)
      throws ModelSpecException {
    if (!options.device().equals("cpu")) {
      throw new ModelSpecException(
          "--device " + options.device() + ": the baselines run on the cpu only");
    }
    try {
      return Baselines.named(spec.substring(PREFIX.length()), options.seed());
    } catch (IllegalArgumentException e) {
      throw new ModelSpecException(e.getMessage(), e);
    }
  }
}

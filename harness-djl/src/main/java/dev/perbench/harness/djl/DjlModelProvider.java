package dev.perbench.harness.djl;

import dev.perbench.data.LoadedSplit;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelProvider;

/** Opens {@code djl:PATH}: a TorchScript file with its sidecar, run in-process by DJL. */
public final class DjlModelProvider implements ModelProvider {
  @Override
  public String form() {
    return "djl:PATH";
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public boolean accepts(String spec) {
    return spec.startsWith(DjlModel.SCHEME);
  }

  @Override
  public Model open(String spec, ModelOptions options, LoadedSplit benchmark)
      throws DjlModelException {
    return DjlModel.open(spec, options);
  }
}

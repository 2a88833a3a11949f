package dev.perbench.harness.http;

import dev.perbench.data.LoadedSplit;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelProvider;
import dev.perbench.harness.model.ModelSpecException;

/** Opens {@code http://HOST:PORT} (and {@code https://}): a model server. */
public final class HttpModelProvider implements ModelProvider {
  @Override
  public String form() {
    return "http://HOST:PORT";
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public boolean accepts(String spec) {
    return spec.startsWith("http://") || spec.startsWith("https://");
  }

  @Override
  public Model open(String spec, ModelOptions options, LoadedSplit benchmark)
      throws ModelSpecException {
    try {
      return HttpModel.create(spec, options);
    } catch (IllegalArgumentException e) {
      throw new ModelSpecException(e.getMessage(), e);
    }
  }
}

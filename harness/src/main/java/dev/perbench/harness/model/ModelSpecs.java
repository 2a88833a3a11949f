package dev.perbench.harness.model;

import dev.perbench.data.model.Sample;
import dev.perbench.harness.baseline.Baselines;
import dev.perbench.harness.io.PredictionIndex;
import java.util.Map;

/** Opens a model from its {@code --model} spec. */
public final class ModelSpecs {
  public static final String FORMS =
      "file:PATH, http://HOST:PORT, djl:PATH or baseline:NAME ("
          + String.join(", ", Baselines.NAMES)
          + ")";

  private ModelSpecs() {}

  /**
   * Opens the model a spec names.
   *
   * @param samples the benchmark's samples by id (a prediction file is validated against them)
   * @throws IllegalArgumentException for a spec of no known form, or an unknown baseline
   */
  public static Model open(String spec, ModelOptions options, Map<String, Sample> samples)
      throws Exception {
    if (spec.startsWith("baseline:")) {
      return Baselines.named(spec.substring("baseline:".length()), options.seed());
    }
    if (spec.startsWith("file:")) {
      return new FileModel(PredictionIndex.open(FileModel.path(spec), samples));
    }
    if (spec.startsWith("http://") || spec.startsWith("https://")) {
      return dev.perbench.harness.http.HttpModel.create(spec, options);
    }
    if (spec.startsWith("djl:")) {
      return dev.perbench.harness.djl.DjlModel.open(spec, options);
    }
    throw new IllegalArgumentException("unknown model spec '" + spec + "'; expected " + FORMS);
  }
}

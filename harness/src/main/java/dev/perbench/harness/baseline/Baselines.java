package dev.perbench.harness.baseline;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The built-in baselines, by name. */
public final class Baselines {
  /** The names {@code baseline:NAME} accepts. */
  public static final List<String> NAMES =
      List.of("oracle", "empty", "full-image", "random-choice");

  private Baselines() {}

  /**
   * The baseline of that name.
   *
   * @param seed for {@code random-choice}
   * @throws IllegalArgumentException listing the names for an unknown one
   */
  public static Model named(String name, long seed) {
    return switch (name) {
      case "oracle" -> new Baseline("oracle", Baselines::oracle);
      case "empty" ->
          new Baseline(
              "empty", s -> answer(s, Mask.empty(s.image().height(), s.image().width()), "", ""));
      case "full-image" ->
          new Baseline(
              "full-image",
              s -> answer(s, Mask.full(s.image().height(), s.image().width()), "", ""));
      case "random-choice" -> new RandomChoice(seed);
      default ->
          throw new IllegalArgumentException(
              "unknown baseline '" + name + "'; expected one of " + String.join(", ", NAMES));
    };
  }

  /**
   * The ground truth itself: masks for res and vres, the answer for mcq, the reference for
   * captions.
   */
  static Prediction oracle(Sample s) {
    if (s.target() instanceof Target.Masks m) {
      return new Prediction(s.id(), null, m.masks(), m.noTarget() ? Boolean.TRUE : null, null);
    }
    if (s.target() instanceof Target.Choice c) {
      return Prediction.text(s.id(), c.answer());
    }
    return Prediction.text(s.id(), ((Target.Descriptions) s.target()).references().get(0));
  }

  /** The same mask for every target of a segmentation sample, a fixed text otherwise. */
  static Prediction answer(Sample s, Mask mask, String choice, String caption) {
    return switch (s.task()) {
      case RES -> Prediction.masks(s.id(), List.of(mask));
      case VRES -> {
        Mask[] masks = new Mask[((Target.Masks) s.target()).masks().size()];
        Arrays.fill(masks, mask);
        yield Prediction.masks(s.id(), List.of(masks));
      }
      case MCQ -> Prediction.text(s.id(), choice);
      case CAPTION -> Prediction.text(s.id(), caption);
    };
  }

  /** A baseline that answers each sample with a pure function of it. */
  private record Baseline(String name, Function<Sample, Prediction> answer) implements Model {
    @Override
    public ModelInfo info() {
      return new ModelInfo(
          "baseline:" + name, "1", List.of(Task.values()), Map.of("kind", "baseline"));
    }

    @Override
    public List<Prediction> predict(List<ModelInput> batch) {
      List<Prediction> out = new ArrayList<>(batch.size());
      for (ModelInput in : batch) {
        out.add(answer.apply(in.sample()));
      }
      return out;
    }
  }
}

package dev.perbench.data.model;

import dev.perbench.metrics.mask.Mask;
import java.util.List;
import java.util.Map;

/** What a sample is scored against. */
public sealed interface Target {

  /**
   * Ground-truth masks: one for {@code res} (the union of a gRefCOCO expression's objects, an empty
   * mask when it has none), the targets in order for {@code vres}.
   *
   * @param noTarget true for a gRefCOCO "no target" expression (its mask is empty)
   */
  record Masks(List<Mask> masks, boolean noTarget) implements Target {
    public Masks {
      masks = List.copyOf(masks);
    }
  }

  /**
   * A multiple-choice answer.
   *
   * @param answer the answer string as the benchmark gives it (the authors' substring rule uses it)
   * @param options option letter to option text, in letter order; empty when the question's options
   *     could not be read
   * @param correctLetter the correct option's letter, or null when it cannot be determined
   */
  record Choice(String answer, Map<String, String> options, String correctLetter)
      implements Target {
    public Choice {
      options = Map.copyOf(options);
    }
  }

  /** Reference descriptions of the prompted region (one or more). */
  record Descriptions(List<String> references) implements Target {
    public Descriptions {
      references = List.copyOf(references);
    }
  }
}

package dev.perbench.data.model;

import dev.perbench.metrics.mask.Mask;

/**
 * A region prompt: the mask the text refers to as {@code <Prompt{slot}>}. Slot numbers can have
 * gaps (a PerBench V-T RES record numbers its target tags too).
 */
public record VisualPrompt(int slot, Mask mask) {
  public VisualPrompt {
    if (slot < 0) {
      throw new IllegalArgumentException("negative prompt slot " + slot);
    }
  }

  /** The slot's name in the text, e.g. {@code <Prompt0>}. */
  public String tag() {
    return "<Prompt" + slot + ">";
  }
}

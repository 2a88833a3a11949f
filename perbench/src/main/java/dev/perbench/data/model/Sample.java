package dev.perbench.data.model;

import java.util.List;

/**
 * One evaluation unit.
 *
 * @param id stable within its benchmark: {@code caption:<record>:<object>}, {@code
 *     mcq:<record>:<question>}, {@code vres:<record>} for PerBench, the sentence id for the RefCOCO
 *     family
 * @param text the sample's own text with region tags replaced by {@code <PromptN>}: the referring
 *     expression, the question; empty for captions (the prompt template says it all)
 * @param visualPrompts region prompts in slot order
 */
public record Sample(
    String id,
    Task task,
    ImageRef image,
    String text,
    List<VisualPrompt> visualPrompts,
    Target target) {
  public Sample {
    visualPrompts = List.copyOf(visualPrompts);
  }
}

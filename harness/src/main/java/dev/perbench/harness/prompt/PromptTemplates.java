package dev.perbench.harness.prompt;

import dev.perbench.data.model.Task;
import java.util.List;

/**
 * The prompts the Pixel-SAIL authors' evaluation scripts send (Sa2VA code base, {@code
 * projects/ST/eval/}), character for character, including their missing space before "Select" (the
 * questions end with a newline) and the space after the newline in the RES prompt.
 */
public final class PromptTemplates {
  private static final List<PromptTemplate> ALL =
      List.of(
          new PromptTemplate(
              Task.CAPTION,
              "pixel-sail/caption",
              1,
              "<image>\nCan you provide me with a detailed description of the region in the picture"
                  + " marked by <Prompt0>? Please provide as detailed as possible.",
              "stbench_detailed_cap_eval.py"),
          new PromptTemplate(
              Task.MCQ,
              "pixel-sail/mcq",
              1,
              "<image>\n"
                  + "Please answer the question according to the <Prompt0>. {text}Select a correct"
                  + " choice.",
              "stbench_mcq_eval.py"),
          new PromptTemplate(Task.VRES, "pixel-sail/vres", 1, "{text}", "stbench_vres_eval.py"),
          new PromptTemplate(
              Task.RES,
              "pixel-sail/res",
              1,
              "<image>\n Please segment {text} in this image.",
              "datasets/RES.py"));

  private PromptTemplates() {}

  public static PromptTemplate forTask(Task task) {
    return ALL.stream().filter(t -> t.task() == task).findFirst().orElseThrow();
  }

  public static List<PromptTemplate> all() {
    return ALL;
  }
}

package dev.perbench.harness.judge;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.prompt.PromptTemplates;
import dev.perbench.harness.score.PredictionSource;
import java.util.ArrayList;
import java.util.List;

/**
 * What a judge is shown of a benchmark's caption samples: the samples that have a description from
 * the model, each as a {@link CaptionItem}. Samples without a prediction, or whose prediction is an
 * error, are not judged (they are counted as missing or failed by the caption task already).
 */
public final class CaptionItems {
  /**
   * The context every judge reads: the judge sees no image, only text, so it is told so, and that
   * the object is the one a region marks in the image (the model saw the image with the region
   * marked; the reference was written for that region).
   */
  public static final String CONTEXT =
      "You cannot see the image. The object in question is marked in the image by a region (a"
          + " visual prompt); the descriptions below are descriptions of that marked object.";

  /**
   * The request the model answered, as a judge should read it: the caption prompt without its image
   * token, and with "the marked region" for the visual-prompt token the model saw as a region.
   */
  public static final String QUESTION =
      PromptTemplates.forTask(Task.CAPTION)
          .template()
          .replace("<image>\n", "")
          .replace("<Prompt0>", "the marked region");

  private CaptionItems() {}

  /**
   * The caption samples of {@code samples} (in their order) that have a description: the reference
   * is the sample's first reference description (benchmarks with several give the judge the first
   * one only), the answer the model's text.
   */
  public static List<CaptionItem> of(List<Sample> samples, PredictionSource predictions) {
    List<CaptionItem> out = new ArrayList<>();
    for (Sample s : samples) {
      if (s.task() != Task.CAPTION) {
        continue;
      }
      Prediction p = predictions.get(s.id());
      if (p == null || p.failed() || p.text() == null) {
        continue;
      }
      String reference = ((Target.Descriptions) s.target()).references().get(0);
      out.add(new CaptionItem(s.id(), CONTEXT, QUESTION, reference, p.text()));
    }
    return out;
  }
}

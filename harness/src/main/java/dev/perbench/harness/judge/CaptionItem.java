package dev.perbench.harness.judge;

import java.util.Objects;

/**
 * One description to judge.
 *
 * @param sampleId the caption sample's id
 * @param context what the judge is told about the image (it does not see it)
 * @param question the request the model answered, as a judge should read it
 * @param reference the person's description of the object
 * @param answer the model's description
 */
public record CaptionItem(
    String sampleId, String context, String question, String reference, String answer) {
  public CaptionItem {
    Objects.requireNonNull(sampleId, "sampleId");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(answer, "answer");
  }
}

package dev.perbench.harness.judge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One multiple-choice answer whose chosen option a judge is asked for ({@code --judge-mcq}): an
 * answer the strict extractor could not parse.
 *
 * @param sampleId the mcq sample's id
 * @param question the question as the benchmark gives it
 * @param options option letter to option text, in display order
 * @param correctLetter the correct option's letter
 * @param answer the model's answer, as it gave it
 */
public record McqItem(
    String sampleId,
    String question,
    Map<String, String> options,
    String correctLetter,
    String answer) {
  public McqItem {
    Objects.requireNonNull(sampleId, "sampleId");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(correctLetter, "correctLetter");
    Objects.requireNonNull(answer, "answer");
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    if (options.isEmpty()) {
      throw new IllegalArgumentException("sample " + sampleId + ": no options");
    }
  }
}

package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** Multiple choice (mcq): accuracy, the correct and unparsed counts, and accuracy's interval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "convention",
  "n",
  "missing",
  "failed",
  "accuracy",
  "correct",
  "unparsed",
  "ci"
})
public record ChoiceTaskResult(
    @JsonProperty(value = "convention", required = true) String convention,
    Long n,
    Long missing,
    Long failed,
    Double accuracy,
    Long correct,
    Long unparsed,
    Ci ci)
    implements TaskResult {
  /**
   * Types and ranges; which fields must be present depends on the file (see {@link Evaluation}).
   */
  public ChoiceTaskResult {
    Fractions.convention(convention);
    Fractions.counts(n, missing, failed);
    Fractions.fraction("accuracy", accuracy);
    Fractions.count("correct", correct);
    Fractions.count("unparsed", unparsed);
  }

  /** The interval, absent when there were no samples. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ci(Interval accuracy) {}

  @Override
  public List<MetricValue> values() {
    List<MetricValue> out = new ArrayList<>();
    if (accuracy != null) {
      out.add(new MetricValue("accuracy", accuracy, false, ci == null ? null : ci.accuracy()));
    }
    if (correct != null) {
      out.add(new MetricValue("correct", correct, true, null));
    }
    if (unparsed != null) {
      out.add(new MetricValue("unparsed", unparsed, true, null));
    }
    return out;
  }
}

package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multiple choice (mcq): accuracy, the correct and unparsed counts, and accuracy's interval; and,
 * with {@code --judge-mcq}, each judge's reading of the unparsed answers, beside the accuracy.
 *
 * @param judges each judge's {@link ChoiceJudgeScore} by the judge's name ({@code
 *     JudgeSpec.name()}), in name order; null (absent from the file) when no judge read the
 *     answers, never empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "convention",
  "n",
  "missing",
  "failed",
  "accuracy",
  "correct",
  "unparsed",
  "ci",
  "judges"
})
public record ChoiceTaskResult(
    @JsonProperty(value = "convention", required = true) String convention,
    Long n,
    Long missing,
    Long failed,
    Double accuracy,
    Long correct,
    Long unparsed,
    Ci ci,
    Map<String, ChoiceJudgeScore> judges)
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
    judges = CaptionTaskResult.judgeMap("judges", judges, true);
  }

  /** Without judges. */
  public ChoiceTaskResult(
      String convention,
      Long n,
      Long missing,
      Long failed,
      Double accuracy,
      Long correct,
      Long unparsed,
      Ci ci) {
    this(convention, n, missing, failed, accuracy, correct, unparsed, ci, null);
  }

  /** The same result with {@code judges} (null: none) in place of its judges. */
  public ChoiceTaskResult withJudges(Map<String, ChoiceJudgeScore> judges) {
    return new ChoiceTaskResult(
        convention, n, missing, failed, accuracy, correct, unparsed, ci, judges);
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

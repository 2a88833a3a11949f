package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Detailed object description (caption): mean METEOR and its interval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"convention", "n", "missing", "failed", "meteor", "ci"})
public record CaptionTaskResult(
    @JsonProperty(value = "convention", required = true) String convention,
    Long n,
    Long missing,
    Long failed,
    Double meteor,
    Ci ci)
    implements TaskResult {
  /**
   * Types and ranges; which fields must be present depends on the file (see {@link Evaluation}).
   */
  public CaptionTaskResult {
    Fractions.convention(convention);
    Fractions.counts(n, missing, failed);
    Fractions.fraction("meteor", meteor);
  }

  /** The interval, absent when there were no samples. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ci(Interval meteor) {}

  @Override
  public List<MetricValue> values() {
    return meteor == null
        ? List.of()
        : List.of(new MetricValue("meteor", meteor, false, ci == null ? null : ci.meteor()));
  }
}

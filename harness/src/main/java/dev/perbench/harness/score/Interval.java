package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.perbench.harness.json.FieldException;
import dev.perbench.metrics.stats.ConfidenceInterval;
import java.util.List;

/**
 * A confidence interval as {@code metrics.json} writes it: {@code [lower, upper]}, fractions in [0,
 * 1], lower end first. Level, resamples and seed are the file's, in its top-level {@code ci}.
 */
public record Interval(double lower, double upper) {
  public Interval {
    if (!(lower >= 0 && upper <= 1 && lower <= upper)) {
      throw new FieldException(
          "", "[" + lower + ", " + upper + "] is not an interval within [0, 1]");
    }
  }

  static Interval of(ConfidenceInterval ci) {
    return new Interval(ci.lower(), ci.upper());
  }

  /** Reads {@code [lower, upper]}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Interval fromJson(List<Double> bounds) {
    if (bounds == null || bounds.size() != 2 || bounds.contains(null)) {
      throw new FieldException("", "must be [lower, upper], two numbers");
    }
    return new Interval(bounds.get(0), bounds.get(1));
  }

  @JsonValue
  List<Double> toJson() {
    return List.of(lower, upper);
  }
}

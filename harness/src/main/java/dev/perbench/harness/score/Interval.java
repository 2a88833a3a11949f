package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.perbench.metrics.stats.ConfidenceInterval;

/**
 * A confidence interval as {@code metrics.json} writes it: {@code [lower, upper]}, fractions in [0,
 * 1]. Level, resamples and seed are the file's, in its top-level {@code ci}.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record Interval(double lower, double upper) {
  static Interval of(ConfidenceInterval ci) {
    return new Interval(ci.lower(), ci.upper());
  }
}

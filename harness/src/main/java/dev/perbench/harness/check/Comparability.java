package dev.perbench.harness.check;

import dev.perbench.errors.InputException;
import dev.perbench.harness.score.Evaluation;

/** Whether two results can be compared at all: the refusals of {@code perbench check}. */
final class Comparability {
  private Comparability() {}

  static void refuseReported(String what, RunSide side, String advice) {
    refuseReported(what, side.metrics(), side.source(), advice);
  }

  static void refuseReported(String what, Evaluation e, String source, String advice) {
    if (e.reported()) {
      throw new InputException(
          what + " " + source + ": numbers copied from a paper (profile reported) " + advice);
    }
  }

  /**
   * Refuses a baseline of another benchmark, profile or metric code version, or of numbers copied
   * from a paper. Cheap (metrics.json only), so it runs before a baseline's predictions are scored
   * again, and again in {@link RegressionCheck#check}.
   */
  static void require(Evaluation a, Evaluation b, String baseSource) {
    refuseReported(
        "--baseline",
        b,
        baseSource,
        "have no intervals or samples to test against; compare with a harness result, or gate"
            + " with floors (min) and no --baseline");
    if (!a.benchmark().equals(b.benchmark())) {
      throw new InputException(
          "the run is of "
              + a.benchmark()
              + " but the baseline of "
              + b.benchmark()
              + ": runs of different benchmarks cannot be compared");
    }
    if (!a.profile().equals(b.profile())) {
      throw new InputException(
          "the run was scored under profile "
              + a.profile()
              + " but the baseline under "
              + b.profile()
              + ": score one again with the other's --profile");
    }
    if (!a.metricsVersion().equals(b.metricsVersion())) {
      throw new InputException(
          "the run's numbers come from harness metric code version "
              + a.metricsVersion()
              + ", the baseline's from version "
              + b.metricsVersion()
              + ": score the older one again with this harness (perbench score) so that both"
              + " use the same metric code");
    }
  }
}

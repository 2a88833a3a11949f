package dev.perbench.harness.check;

import dev.perbench.errors.InputException;
import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.GateFile.Rule;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.Interval;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A drop rule decided without per-sample scores: each result's interval (from its metrics.json, at
 * that file's level) is read as a normal estimate with standard error (upper - lower) / (2 z), the
 * two as independent, so the difference has standard error sqrt(se_run^2 + se_base^2), its interval
 * at the rule's level is difference +/- z se and its two-sided p-value 2 (1 - Phi(|d| / se)). This
 * is the test lm-evaluation-harness's model comparator makes; it ignores that both ran on the same
 * samples, so it is wider (weaker) than the paired bootstrap.
 */
final class UnpairedDifference {
  private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

  private UnpairedDifference() {}

  static RuleResult decide(
      String where,
      Rule r,
      BootstrapSettings ci,
      RunSide run,
      RunSide base,
      MetricName m,
      double runValue,
      double baseValue) {
    double seRun = standardError(where, "the run", run, m);
    double seBase = standardError(where, "the baseline", base, m);
    double se = Math.sqrt(seRun * seRun + seBase * seBase);
    double d = runValue - baseValue;
    double z = z(ci.level());
    double p = se == 0 ? (d == 0 ? 1 : 0) : 2 * STANDARD.survivalProbability(Math.abs(d) / se);
    Long n = run.n(m.task());
    return DropDecision.of(
        r, "unpaired normal", baseValue, runValue, d, d - z * se, d + z * se, p, n == null ? 0 : n);
  }

  /** The two-sided normal quantile of a level: 1.959964 for 0.95. */
  static double z(double level) {
    return STANDARD.inverseCumulativeProbability(1 - (1 - level) / 2);
  }

  private static double standardError(String where, String who, RunSide side, MetricName m) {
    Interval i = side.interval(m);
    if (i == null) {
      throw new InputException(
          where
              + ": "
              + who
              + " ("
              + side.source()
              + ") has no interval for "
              + m
              + " in its metrics.json; give it a prediction file, or score it again");
    }
    return (i.upper() - i.lower()) / (2 * z(side.metrics().ci().level()));
  }
}

package dev.perbench.harness.check;

import dev.perbench.errors.InputException;
import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.GateFile.Rule;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.Interval;
import dev.perbench.metrics.stats.ConfidenceInterval;

/**
 * A floor ({@code min}): the run's estimate, or with {@code on: lower} the lower end of its own
 * interval at the rule's level, must be at least the floor. The interval is a bootstrap of the
 * run's per-sample scores when it has them (the gate's resamples and seed), else its metrics.json
 * interval (rescaled as a normal one when the levels differ).
 */
final class Floors {
  private Floors() {}

  static RuleResult decide(
      String where, Rule r, BootstrapSettings ci, RunSide run, MetricName m, double estimate) {
    double value = estimate;
    String method = "estimate";
    Double lower = null;
    Double upper = null;
    if (r.onLower()) {
      if (run.perSample() && m.sampleMetric().isPresent()) {
        ConfidenceInterval own = RegressionCheck.ownInterval(run, m, ci);
        lower = own.lower();
        upper = own.upper();
        method = "bootstrap lower bound";
      } else {
        Interval i = run.interval(m);
        if (i == null) {
          throw new InputException(
              where
                  + ": the run has no interval for "
                  + m
                  + "; floor it on the estimate (leave out \"on: lower\")");
        }
        double fileLevel = run.metrics().ci().level();
        double scale = UnpairedDifference.z(ci.level()) / UnpairedDifference.z(fileLevel);
        lower = estimate - (estimate - i.lower()) * scale;
        upper = estimate + (i.upper() - estimate) * scale;
        method = "interval lower bound";
      }
      value = lower;
    }
    boolean ok = value >= r.min();
    String shown = m.percent() ? Numbers.percent(value) : Numbers.points(value);
    String floor = m.percent() ? Numbers.plain(r.min()) : Numbers.points(r.min());
    String what = r.onLower() ? "the lower end of its interval, " : "";
    String message =
        (ok ? "holds: " : "below the floor: ")
            + what
            + shown
            + (ok ? " >= " : " < ")
            + floor
            + (m.percent() ? "" : " (points)");
    Long n = m.task() == null ? run.metrics().n() : run.n(m.task());
    return new RuleResult(
        r.metric(),
        r.criterion(),
        ok ? Verdict.PASS : Verdict.FAIL,
        r.min(),
        r.level(),
        method,
        null,
        estimate,
        null,
        lower,
        upper,
        null,
        n == null ? 0 : n,
        null,
        message);
  }
}

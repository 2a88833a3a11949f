package dev.perbench.harness.check;

import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.GateFile.Rule;
import java.util.Locale;

/**
 * The decision of a drop rule from the interval of the difference (run minus baseline): fail when
 * the whole interval lies below the threshold (minus the tolerance), pass when it lies at or above
 * it, inconclusive (warn) when it straddles it; then, about how many samples would decide.
 */
final class DropDecision {
  private DropDecision() {}

  static RuleResult of(
      Rule r,
      String method,
      double baseValue,
      double runValue,
      double difference,
      double lower,
      double upper,
      Double pValue,
      long n) {
    // 0.0 + : a tolerance of 0 is a threshold of 0, not -0.0 (which check.json would show)
    double threshold =
        0.0 + (r.maxDrop() != null ? -r.maxDrop() / 100 : -r.relativeFraction() * baseValue);
    Verdict v = upper < threshold ? Verdict.FAIL : lower >= threshold ? Verdict.PASS : Verdict.WARN;
    Long needed = v == Verdict.WARN ? samplesNeeded(difference, lower, upper, threshold, n) : null;
    String ci =
        String.format(
            Locale.ROOT,
            "%s%% CI %s to %s points",
            Numbers.plain(100 * r.level()),
            Numbers.signedPoints(lower),
            Numbers.signedPoints(upper));
    String tolerated =
        r.maxDrop() != null
            ? Numbers.plain(r.maxDrop()) + " points"
            : r.maxDropRelative() + " of the baseline (" + Numbers.points(-threshold) + " points)";
    String change = "changed by " + Numbers.signedPoints(difference) + " points (" + ci + ")";
    String message =
        switch (v) {
          case FAIL ->
              "regressed: "
                  + change
                  + ", a significant drop beyond the "
                  + tolerated
                  + " tolerated";
          case PASS -> "holds: " + change + ", no significant drop beyond " + tolerated;
          case WARN ->
              "inconclusive: "
                  + change
                  + ", the interval straddles the threshold of "
                  + Numbers.signedPoints(threshold)
                  + " points"
                  + (needed == null
                      ? "; the estimate sits on the threshold, so more samples would not decide it"
                      : String.format(
                          Locale.ROOT, "; about %,d samples would decide it (%,d now)", needed, n));
        };
    return new RuleResult(
        r.metric(),
        r.criterion(),
        v,
        threshold,
        r.level(),
        method,
        baseValue,
        runValue,
        difference,
        lower,
        upper,
        pValue,
        n,
        needed,
        message);
  }

  /**
   * The sample count at which the interval, narrowing as one over the square root of n, would just
   * decide the rule: n times (half-width on the threshold's side / distance to it) squared, rounded
   * up for a pass (the lower end may reach the threshold) and the next count above it for a failure
   * (the upper end must be strictly below it, so an upper end on the threshold is not decided by
   * the current n). Null when the estimate is on the threshold (no count decides that).
   */
  static Long samplesNeeded(double estimate, double lower, double upper, double threshold, long n) {
    double halfWidth = estimate >= threshold ? estimate - lower : upper - estimate;
    double distance = Math.abs(estimate - threshold);
    if (distance == 0 || !(halfWidth > 0)) {
      return null;
    }
    double ratio = halfWidth / distance;
    double exact = n * ratio * ratio;
    double needed = estimate >= threshold ? Math.ceil(exact) : Math.floor(exact) + 1;
    return needed >= Long.MAX_VALUE ? null : (long) needed;
  }
}

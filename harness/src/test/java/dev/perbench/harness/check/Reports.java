package dev.perbench.harness.check;

import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.CheckReport.SampleDrop;
import dev.perbench.harness.check.CheckReport.Side;
import java.util.List;
import java.util.Map;

/** Hand-built check reports for the tests of the report formats. */
final class Reports {
  private Reports() {}

  /** A paired report of {@code benchmark} with these rules and per-sample drops. */
  static CheckReport paired(
      String benchmark,
      String runSource,
      boolean strict,
      List<RuleResult> rules,
      List<SampleDrop> regressions) {
    Verdict v = Verdict.PASS;
    for (RuleResult r : rules) {
      v = v.and(r.verdict());
    }
    return new CheckReport(
        CheckReport.VERSION,
        v,
        strict,
        benchmark,
        "standard",
        new Side(runSource, "run folder", true, 300, 1, "0.1.0"),
        new Side("entry baseline-oracle", "entry", true, 300, 1, "0.1.0"),
        CheckReport.PAIRED,
        Map.of("res", 300),
        false,
        List.of(),
        "gate.yaml",
        new GateFile.Resampling(10_000, 0L),
        rules,
        regressions,
        new CheckReport.Harness("0.1.0", "unknown"));
  }

  /** A drop rule's result with a message of its own. */
  static RuleResult drop(String metric, Verdict v, String message) {
    return new RuleResult(
        metric,
        "max_drop 0.5",
        v,
        -0.005,
        0.95,
        "paired bootstrap",
        0.62,
        0.60,
        -0.02,
        -0.03,
        -0.01,
        0.001,
        300,
        v == Verdict.WARN ? 834L : null,
        message);
  }
}

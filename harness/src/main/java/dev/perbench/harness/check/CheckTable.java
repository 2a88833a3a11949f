package dev.perbench.harness.check;

import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.CheckReport.SampleDrop;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as people read it in a terminal or a CI log: one row per rule (baseline, run,
 * difference with its interval, p-value, verdict), the notes, the most regressed samples, and a
 * last line with the verdict. Fractions are shown in points (62.11 for 0.6211).
 */
public final class CheckTable {
  private CheckTable() {}

  public static String render(CheckReport r) {
    StringBuilder out = new StringBuilder();
    out.append(headline(r)).append('\n');
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"rule", "baseline", "run", "difference [CI]", "p", "verdict"});
    for (RuleResult x : r.rules()) {
      rows.add(
          new String[] {
            x.metric() + " " + x.criterion(),
            x.baseline() == null ? "-" : value(x, x.baseline()),
            value(x, x.run()),
            interval(x),
            x.pValue() == null ? "-" : Numbers.p(x.pValue()),
            x.verdict().id().toUpperCase(Locale.ROOT)
          });
    }
    out.append(columns(rows));
    for (RuleResult x : r.rules()) {
      if (x.verdict() != Verdict.PASS) {
        out.append("  ").append(x.metric()).append(": ").append(x.message()).append('\n');
      }
    }
    for (String n : r.notes()) {
      out.append("note: ").append(n).append('\n');
    }
    if (!r.regressions().isEmpty()) {
      out.append("largest per-sample drops (baseline -> run):\n");
      List<String[]> drops = new ArrayList<>();
      drops.add(new String[] {"task", "sample", "baseline", "run", "drop"});
      for (SampleDrop d : r.regressions()) {
        drops.add(
            new String[] {
              d.task(),
              d.sampleId(),
              Numbers.points(d.baseline()),
              Numbers.points(d.run()),
              Numbers.points(d.drop())
            });
      }
      out.append(columns(drops).indent(2));
    }
    out.append(summary(r)).append('\n');
    return out.toString();
  }

  /** What was compared with what. */
  static String headline(CheckReport r) {
    String against =
        r.baseline() == null
            ? "floors only (no baseline)"
            : "vs "
                + r.baseline().source()
                + ", "
                + r.comparison()
                + (r.shared() == null
                    ? ""
                    : String.format(
                        Locale.ROOT,
                        " on %,d shared samples",
                        r.shared().values().stream().mapToInt(Integer::intValue).sum()));
    return "perbench check: "
        + r.benchmark()
        + " ("
        + r.profile()
        + "), run "
        + r.run().source()
        + " "
        + against
        + "; gate "
        + r.gate();
  }

  /** The last line: the verdict and the counts. */
  static String summary(CheckReport r) {
    long pass = r.rules().stream().filter(x -> x.verdict() == Verdict.PASS).count();
    long warn = r.rules().stream().filter(x -> x.verdict() == Verdict.WARN).count();
    long fail = r.rules().stream().filter(x -> x.verdict() == Verdict.FAIL).count();
    String word =
        r.exitCode() != 0
            ? "FAILED"
            : r.verdict() == Verdict.WARN ? "PASSED with warnings" : "PASSED";
    return String.format(
        Locale.ROOT,
        "check %s: %d rule(s) passed, %d inconclusive, %d failed%s",
        word,
        pass,
        warn,
        fail,
        r.strict() && warn > 0 ? " (--strict: inconclusive rules fail)" : "");
  }

  /** A value in the unit people read: points for fractions, percent as is for overall. */
  static String value(RuleResult x, double v) {
    return MetricName.OVERALL.equals(x.metric()) ? Numbers.percent(v) : Numbers.points(v);
  }

  static String interval(RuleResult x) {
    if (x.difference() != null) {
      return Numbers.signedPoints(x.difference())
          + " ["
          + Numbers.signedPoints(x.lower())
          + ", "
          + Numbers.signedPoints(x.upper())
          + "]";
    }
    if (x.lower() != null) {
      return "run [" + value(x, x.lower()) + ", " + value(x, x.upper()) + "]";
    }
    return "-";
  }

  private static String columns(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean left = i == 0 || i == row.length - 1;
        String cell = row[i];
        String pad = " ".repeat(width[i] - cell.length());
        line.append(i == 0 ? "" : "  ").append(left ? cell + pad : pad + cell);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}

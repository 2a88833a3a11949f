package dev.perbench.harness.run;

import dev.perbench.data.model.Task;
import dev.perbench.harness.score.CaptionTaskResult;
import dev.perbench.harness.score.ChoiceJudgeScore;
import dev.perbench.harness.score.ChoiceTaskResult;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.JudgeScore;
import dev.perbench.harness.score.MetricValue;
import dev.perbench.harness.score.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one-screen summary printed at the end of run and score: percentages with their CIs. */
public final class SummaryTable {
  private SummaryTable() {}

  public static String render(Evaluation e) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s, profile %s: %,d samples (%,d missing, %,d failed)%n",
            e.benchmark(),
            e.profile(),
            e.n(),
            e.missing(),
            e.failed()));
    if (e.warnings() != null) {
      // what the model warned about while still answering (e.g. a prompt region that vanished)
      out.append("warned samples:");
      e.warnings()
          .forEach((code, count) -> out.append(String.format(Locale.ROOT, " %s %,d", code, count)));
      out.append(System.lineSeparator());
    }
    // rows first, then the metric column as wide as its longest name (a judge's can be long)
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<Task, TaskResult> t : e.tasks().byTask().entrySet()) {
      for (MetricValue v : t.getValue().values()) {
        rows.add(
            new String[] {
              t.getKey().id(),
              v.name(),
              v.count()
                  ? String.format(Locale.ROOT, "%,d", v.value().longValue())
                  : String.format(Locale.ROOT, "%.2f", 100 * v.value().doubleValue()),
              v.interval() == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "[%.2f, %.2f]",
                      100 * v.interval().lower(),
                      100 * v.interval().upper())
            });
      }
      if (t.getValue() instanceof CaptionTaskResult c && c.judges() != null) {
        for (Map.Entry<String, JudgeScore> j : c.judges().entrySet()) {
          JudgeScore s = j.getValue();
          rows.add(
              new String[] {
                t.getKey().id(),
                "judge:" + j.getKey(),
                s.score() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.score()),
                s.ci() == null
                    ? ""
                    : String.format(Locale.ROOT, "[%.2f, %.2f]", s.ci().get(0), s.ci().get(1))
              });
        }
      }
      if (t.getValue() instanceof ChoiceTaskResult c && c.judges() != null) {
        // the mcq accuracy with a judge reading the unparsed answers (--judge-mcq)
        for (Map.Entry<String, ChoiceJudgeScore> j : c.judges().entrySet()) {
          ChoiceJudgeScore s = j.getValue();
          rows.add(
              new String[] {
                t.getKey().id(),
                "judge:" + j.getKey(),
                String.format(Locale.ROOT, "%.2f", 100 * s.accuracy()),
                s.ci() == null
                    ? ""
                    : String.format(
                        Locale.ROOT, "[%.2f, %.2f]", 100 * s.ci().lower(), 100 * s.ci().upper())
              });
        }
      }
    }
    if (e.overall() != null) {
      rows.add(
          new String[] {
            "perbench", "overall", String.format(Locale.ROOT, "%.2f", e.overall()), ""
          });
    }
    if (e.overallJudge() != null) {
      for (Map.Entry<String, Double> o : e.overallJudge().entrySet()) {
        rows.add(
            new String[] {
              "perbench",
              "overall_judge:" + o.getKey(),
              o.getValue() == null ? "-" : String.format(Locale.ROOT, "%.2f", o.getValue()),
              ""
            });
      }
    }
    int width = 16;
    for (String[] r : rows) {
      width = Math.max(width, r[1].length());
    }
    String header = "%-8s %-" + width + "s %9s   %-19s%n";
    String row = "%-8s %-" + width + "s %9s   %s";
    out.append(
        String.format(
            Locale.ROOT,
            header,
            "task",
            "metric",
            "value",
            (int) Math.round(e.ci().level() * 100) + "% CI"));
    for (String[] r : rows) {
      // the overall rows have no interval column (as before: no trailing spaces)
      String line = String.format(Locale.ROOT, row, r[0], r[1], r[2], r[3]);
      out.append(r[0].equals("perbench") ? line.stripTrailing() : line).append('\n');
    }
    out.append("(values in percent; counts as numbers)\n");
    return out.toString();
  }
}

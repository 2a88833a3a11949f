package dev.perbench.harness.run;

import dev.perbench.data.model.Task;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.MetricValue;
import dev.perbench.harness.score.TaskResult;
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
    out.append(
        String.format(
            Locale.ROOT,
            "%-8s %-16s %9s   %-19s%n",
            "task",
            "metric",
            "value",
            (int) Math.round(e.ci().level() * 100) + "% CI"));
    for (Map.Entry<Task, TaskResult> t : e.tasks().byTask().entrySet()) {
      for (MetricValue v : t.getValue().values()) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-8s %-16s %9s   %s%n",
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
                        100 * v.interval().upper())));
      }
    }
    if (e.overall() != null) {
      out.append(
          String.format(Locale.ROOT, "%-8s %-16s %9.2f%n", "perbench", "overall", e.overall()));
    }
    out.append("(values in percent; counts as numbers)\n");
    return out.toString();
  }
}

package dev.perbench.harness.run;

import dev.perbench.data.model.Task;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.TaskMetrics;
import dev.perbench.metrics.stats.ConfidenceInterval;
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
            e.profile().id(),
            e.samples(),
            e.missing(),
            e.failed()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-8s %-16s %9s   %-19s%n",
            "task",
            "metric",
            "value",
            (int) Math.round(e.ciLevel() * 100) + "% CI"));
    for (Map.Entry<Task, TaskMetrics> t : e.tasks().entrySet()) {
      for (Map.Entry<String, Double> v : t.getValue().values().entrySet()) {
        String metric = v.getKey();
        boolean count =
            metric.equals("masks") || metric.equals("correct") || metric.equals("unparsed");
        ConfidenceInterval ci = t.getValue().intervals().get(metric);
        out.append(
            String.format(
                Locale.ROOT,
                "%-8s %-16s %9s   %s%n",
                t.getKey().id(),
                metric,
                count
                    ? String.format(Locale.ROOT, "%,d", v.getValue().longValue())
                    : String.format(Locale.ROOT, "%.2f", 100 * v.getValue()),
                ci == null
                    ? ""
                    : String.format(
                        Locale.ROOT, "[%.2f, %.2f]", 100 * ci.lower(), 100 * ci.upper())));
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

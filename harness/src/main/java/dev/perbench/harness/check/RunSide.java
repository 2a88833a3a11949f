package dev.perbench.harness.check;

import dev.perbench.data.model.Task;
import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Interval;
import dev.perbench.harness.score.MetricValue;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.harness.score.TaskResult;
import java.util.List;

/**
 * One side of a check, the run or its baseline: its {@code metrics.json}, its manifest when it has
 * one, and its per-sample scores when its predictions could be scored again (which is what makes a
 * paired comparison possible).
 *
 * @param source what the user named (a folder, a file, {@code entry ID})
 * @param kind {@code run folder}, {@code prediction file}, {@code entry} or {@code metrics.json}
 * @param metrics its metrics.json
 * @param manifest its manifest.json, or null
 * @param samples its per-sample scores in benchmark order, or null when it has no prediction file
 */
public record RunSide(
    String source,
    String kind,
    Evaluation metrics,
    RunManifest manifest,
    List<SampleScore> samples) {

  public RunSide {
    samples = samples == null ? null : List.copyOf(samples);
  }

  /** Whether per-sample scores are there. */
  public boolean perSample() {
    return samples != null;
  }

  /** The metric's value in metrics.json, or null when it has none. */
  public Double value(MetricName m) {
    MetricValue v = find(m);
    if (m.task() == null) {
      return metrics.overall();
    }
    return v == null || v.value() == null ? null : v.value().doubleValue();
  }

  /** The metric's interval in metrics.json (at {@code metrics.ci().level()}), or null. */
  public Interval interval(MetricName m) {
    MetricValue v = find(m);
    return v == null ? null : v.interval();
  }

  /** The number of samples metrics.json scored for a task, or null. */
  public Long n(Task task) {
    TaskResult t = metrics.tasks().byTask().get(task);
    return t == null ? null : t.n();
  }

  private MetricValue find(MetricName m) {
    if (m.task() == null) {
      return null;
    }
    TaskResult t = metrics.tasks().byTask().get(m.task());
    if (t == null) {
      return null;
    }
    for (MetricValue v : t.values()) {
      if (v.name().equals(m.metric()) && !v.count()) {
        return v;
      }
    }
    return null;
  }
}

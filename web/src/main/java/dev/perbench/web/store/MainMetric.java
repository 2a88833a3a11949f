package dev.perbench.web.store;

import dev.perbench.data.model.Task;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.MetricValue;
import dev.perbench.harness.score.TaskResult;
import java.util.Map;

/**
 * The headline number of a result: the PerBench overall score when there is one, else the first
 * value of the first task (cIoU for referring segmentation, accuracy, METEOR), in percent.
 */
record MainMetric(String name, Double value, Double lower, Double upper) {
  static MainMetric of(Evaluation e) {
    if (e.overall() != null) {
      return new MainMetric("overall", e.overall(), null, null);
    }
    for (Map.Entry<Task, TaskResult> t : e.tasks().byTask().entrySet()) {
      for (MetricValue v : t.getValue().values()) {
        if (!v.count()) {
          return new MainMetric(
              t.getKey().id() + " " + v.name(),
              100 * v.value().doubleValue(),
              v.interval() == null ? null : 100 * v.interval().lower(),
              v.interval() == null ? null : 100 * v.interval().upper());
        }
      }
    }
    return new MainMetric("-", null, null, null);
  }
}

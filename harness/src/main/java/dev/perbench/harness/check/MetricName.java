package dev.perbench.harness.check;

import dev.perbench.data.model.Task;
import dev.perbench.harness.json.FieldException;
import dev.perbench.harness.score.SampleMetric;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A metric of {@code metrics.json} as a gate names it: {@code TASK.METRIC} ({@code res.ciou},
 * {@code vres.giou}, {@code mcq.accuracy}, {@code caption.meteor}, {@code res.precision@0.5}), or
 * {@code overall} (the PerBench overall score, in percent).
 *
 * @param task the task, or null for {@code overall}
 * @param metric the metric's name in its task ({@code overall} for the overall score)
 */
public record MetricName(Task task, String metric) {
  public static final String OVERALL = "overall";

  /**
   * Parses a gate's {@code metric} field.
   *
   * @throws FieldException naming {@code field} when the text is not TASK.METRIC or overall
   */
  public static MetricName parse(String field, String text) {
    if (OVERALL.equals(text)) {
      return new MetricName(null, OVERALL);
    }
    int dot = text.indexOf('.');
    String tasks = Arrays.stream(Task.values()).map(Task::id).collect(Collectors.joining(", "));
    if (dot <= 0 || dot == text.length() - 1) {
      throw new FieldException(
          field,
          "\""
              + text
              + "\" is not TASK.METRIC (e.g. res.ciou, mcq.accuracy, caption.meteor) or overall");
    }
    String taskId = text.substring(0, dot);
    Task task =
        Arrays.stream(Task.values())
            .filter(t -> t.id().equals(taskId))
            .findFirst()
            .orElseThrow(
                () ->
                    new FieldException(
                        field, "unknown task \"" + taskId + "\" (expected one of " + tasks + ")"));
    return new MetricName(task, text.substring(dot + 1));
  }

  /**
   * The per-sample form of the metric, when it has one: the metrics a paired bootstrap can resample
   * ({@link SampleMetric}: cIoU and gIoU of res and vres, mcq accuracy, caption METEOR).
   */
  public Optional<SampleMetric> sampleMetric() {
    if (task == null) {
      return Optional.empty();
    }
    return SampleMetric.of(task).stream().filter(m -> m.id().equals(metric)).findFirst();
  }

  /** Whether the value is in percent (the overall score) rather than a fraction. */
  public boolean percent() {
    return task == null;
  }

  @Override
  public String toString() {
    return task == null ? OVERALL : task.id() + "." + metric;
  }
}

package dev.perbench.harness.score;

import dev.perbench.data.model.Task;
import dev.perbench.metrics.stats.ConfidenceInterval;
import java.util.Map;

/**
 * The metrics of one task.
 *
 * @param samples samples scored (for vres: records; the segmentation figures count targets)
 * @param missing samples without a prediction
 * @param failed samples whose prediction is an error
 * @param values metric name to value, in a stable order ({@code ciou}, {@code giou}, {@code
 *     precision@0.5}, ..., {@code accuracy}, {@code meteor}); IoU-type values and accuracy are
 *     fractions in [0, 1]
 * @param intervals the confidence interval of each headline metric, by metric name
 */
public record TaskMetrics(
    Task task,
    String convention,
    long samples,
    long missing,
    long failed,
    Map<String, Double> values,
    Map<String, ConfidenceInterval> intervals) {}

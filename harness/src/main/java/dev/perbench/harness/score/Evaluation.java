package dev.perbench.harness.score;

import dev.perbench.data.model.Task;
import java.util.Map;

/**
 * The scores of a set of predictions on one benchmark.
 *
 * @param overall the PerBench overall score in percent, when caption, mcq and vres were all scored;
 *     null otherwise
 */
public record Evaluation(
    String benchmark,
    EvalProfile profile,
    long samples,
    long missing,
    long failed,
    Map<Task, TaskMetrics> tasks,
    Double overall,
    double ciLevel,
    int ciResamples,
    long ciSeed) {}

package dev.perbench.harness.score;

import dev.perbench.data.model.Task;

/**
 * One sample's score under a profile: what the sample browser sorts by and what a paired comparison
 * of two entries resamples. Every task-level metric is a ratio of sums of these fields over the
 * samples (see {@link SampleMetric}).
 *
 * @param sampleId the sample's id in its benchmark
 * @param task its task
 * @param status {@code ok}, {@code missing} (no prediction) or {@code failed} (the model failed on
 *     it); the last two are scored as "no prediction" under the profile
 * @param score the sample's own figure: its mean IoU over its targets (res, vres), 1 or 0 (mcq),
 *     its METEOR (caption)
 * @param targets the ground-truth masks it was scored against (vres may have several; 1 for the
 *     other tasks)
 * @param iouSum the sum of its targets' IoUs (segmentation; 0 otherwise)
 * @param intersection its intersection pixels, summed over its targets (segmentation)
 * @param union its union pixels, summed over its targets (segmentation)
 * @param chosen for mcq, the option letter the answer names as the strict extractor reads it, or
 *     null when it names none (shown to people; the verdict is the profile's)
 */
public record SampleScore(
    String sampleId,
    Task task,
    String status,
    double score,
    int targets,
    double iouSum,
    double intersection,
    double union,
    String chosen) {
  public static final String OK = "ok";
  public static final String MISSING = "missing";
  public static final String FAILED = "failed";
}

package dev.perbench.metrics.seg;

/**
 * How one sample was scored: what it adds to gIoU and to the cIoU sums. Keep these to bootstrap a
 * confidence interval; the accumulator itself keeps only sums.
 *
 * @param iou the sample's IoU as it enters gIoU and precision
 * @param intersection what the sample adds to the summed intersection
 * @param union what the sample adds to the summed union
 * @param countsForPrecision whether the sample is in the precision denominator (under {@link
 *     SegProfile#GREFCOCO} only target samples are)
 */
public record SampleResult(double iou, long intersection, long union, boolean countsForPrecision) {}

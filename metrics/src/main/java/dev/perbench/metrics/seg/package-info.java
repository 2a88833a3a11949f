/**
 * Referring-segmentation metrics under named conventions.
 *
 * <p>One streaming {@link dev.perbench.metrics.seg.SegmentationAccumulator} takes (ground truth,
 * prediction) pairs as pixel counts or as masks and reports cIoU, gIoU, precision at IoU 0.5 to 0.9
 * and, for generalized referring segmentation, N-acc and T-acc. The papers in this field disagree
 * about empty masks and missing predictions, so the conventions are chosen by a {@link
 * dev.perbench.metrics.seg.SegProfile}, and every {@link
 * dev.perbench.metrics.seg.SegmentationResult} names the profile that produced it.
 *
 * <p>cIoU (also "overall IoU", oIoU) is a <em>micro</em> average: total intersection over total
 * union, so large objects weigh more. gIoU (also "mean IoU", mIoU) is a <em>macro</em> average: the
 * mean of per-sample IoUs, so every sample weighs the same.
 */
package dev.perbench.metrics.seg;

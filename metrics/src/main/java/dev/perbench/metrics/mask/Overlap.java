package dev.perbench.metrics.mask;

/**
 * Pixel counts of two same-sized masks.
 *
 * @param intersection pixels set in both
 * @param union pixels set in either
 */
public record Overlap(long intersection, long union) {
  /** Intersection over union; {@code emptyScore} when the union is empty (a convention). */
  public double iou(double emptyScore) {
    return union == 0 ? emptyScore : (double) intersection / union;
  }
}

package dev.perbench.data.mini;

import dev.perbench.metrics.mask.Mask;

/**
 * A shape's pixel bounding box (inclusive pixel indices) and its centre, as used by every spatial
 * word in the texts.
 *
 * @param minX first pixel column
 * @param minY first pixel row
 * @param maxX last pixel column
 * @param maxY last pixel row
 */
public record Box(int minX, int minY, int maxX, int maxY) {

  /** The box of a mask's pixels (pycocotools' {@code toBbox}). */
  public static Box of(Mask mask) {
    double[] b = mask.boundingBox();
    int x = (int) b[0];
    int y = (int) b[1];
    return new Box(x, y, x + (int) b[2] - 1, y + (int) b[3] - 1);
  }

  public double centreX() {
    return (minX + maxX + 1) / 2.0;
  }

  public double centreY() {
    return (minY + maxY + 1) / 2.0;
  }

  /** True when at least {@code gap} background pixels separate the boxes on some axis. */
  boolean apart(Box o, int gap) {
    return maxX + gap < o.minX || o.maxX + gap < minX || maxY + gap < o.minY || o.maxY + gap < minY;
  }
}

package dev.perbench.metrics.mask;

/**
 * Intersection, union and IoU of two masks, computed on the runs without decoding pixels.
 *
 * <p>The walk visits only the runs of ones of both masks, so its cost grows with the number of runs
 * (a few per image column for object masks), not with the number of pixels.
 */
public final class MaskOverlap {
  private MaskOverlap() {}

  /**
   * Intersection and union pixel counts.
   *
   * @throws IllegalArgumentException when the masks differ in size
   */
  public static Overlap overlap(Mask a, Mask b) {
    requireSameSize(a, b);
    long intersection = intersection(a.rawCounts(), b.rawCounts());
    return new Overlap(intersection, a.area() + b.area() - intersection);
  }

  /**
   * IoU as pycocotools' {@code iou(dt, gt, iscrowd)} computes it for one pair: 0 when the masks do
   * not intersect (so two empty masks score 0), and for a crowd ground truth the intersection is
   * divided by the area of the detection instead of the union.
   */
  public static double cocoIou(Mask detection, Mask groundTruth, boolean crowd) {
    requireSameSize(detection, groundTruth);
    long i = intersection(detection.rawCounts(), groundTruth.rawCounts());
    if (i == 0) {
      return 0;
    }
    long u = crowd ? detection.area() : detection.area() + groundTruth.area() - i;
    return (double) i / u;
  }

  private static void requireSameSize(Mask a, Mask b) {
    if (!a.sameSizeAs(b)) {
      throw new IllegalArgumentException(
          "mask sizes differ: "
              + a.height()
              + "x"
              + a.width()
              + " vs "
              + b.height()
              + "x"
              + b.width());
    }
  }

  /** Two-pointer sweep over the intervals of ones [start, end) of both run lists. */
  private static long intersection(int[] a, int[] b) {
    int na = a.length;
    int nb = b.length;
    int ia = 1;
    int ib = 1;
    long aStart = a[0];
    long bStart = b[0];
    long total = 0;
    while (ia < na && ib < nb) {
      long aEnd = aStart + a[ia];
      long bEnd = bStart + b[ib];
      long lo = Math.max(aStart, bStart);
      long hi = Math.min(aEnd, bEnd);
      if (hi > lo) {
        total += hi - lo;
      }
      // Advance whichever interval ends first to the next run of ones in its list.
      if (aEnd <= bEnd) {
        if (ia + 1 >= na) {
          break;
        }
        aStart = aEnd + a[ia + 1];
        ia += 2;
      } else {
        if (ib + 1 >= nb) {
          break;
        }
        bStart = bEnd + b[ib + 1];
        ib += 2;
      }
    }
    return total;
  }
}

package dev.perbench.metrics.mask;

import java.util.Arrays;

/**
 * Step 3 of {@link PolygonRasterizer}: the column-major positions where a polygon's upsampled
 * outline crosses the centre of a pixel column, collected edge by edge in the order pycocotools'
 * {@code rleFrPoly} walks them, without storing the outline.
 *
 * <p>pycocotools compares every pair of consecutive outline points (u, v) in upsampled units; where
 * u changes it takes {@code ud} = the smaller of the two u and keeps the pair only when {@code xd =
 * (ud + 0.5) / 5 - 0.5} is a whole number, i.e. when {@code ud mod 5 == 2}: for the other residues
 * the exact quotient is k + 0.1, 0.3, 0.7 or 0.9, at least 0.1 away from k + 0.5, far beyond the
 * rounding error of one division of numbers below 2^32. Along an edge walked by x (a "shallow"
 * edge, |dx| &gt;= |dy|) u changes by one at every step, so only every fifth step can qualify and
 * the others are skipped without computing their v. Every kept pair still goes through the original
 * floating-point test, so skipping changes nothing but the time taken.
 */
final class ColumnCrossings {
  private static final double SCALE = 5;

  private final int h;
  private final int w;
  private long[] starts;
  private int n;
  private boolean hasPrevious;
  private int pu;
  private int pv;

  ColumnCrossings(int h, int w, int expected) {
    this.h = h;
    this.w = w;
    this.starts = new long[Math.max(16, expected)];
  }

  /** An edge walked by x: points t = 0..dx (dx..0 when flipped) at u = xs + t. */
  void shallowEdge(int xs, int ys, double s, int dx, boolean flip) {
    int first = flip ? dx : 0;
    point(xs + first, (int) (ys + s * first + .5));
    // Pairs (t0, t0 + 1) inside the edge: ud = xs + t0 whichever way they are walked.
    for (int t0 = Math.floorMod(2 - xs, 5); t0 < dx; t0 += 5) {
      int v0 = (int) (ys + s * t0 + .5);
      int v1 = (int) (ys + s * (t0 + 1) + .5);
      if (flip) {
        consider(xs + t0 + 1, v1, xs + t0, v0);
      } else {
        consider(xs + t0, v0, xs + t0 + 1, v1);
      }
    }
    int last = flip ? 0 : dx;
    pu = xs + last;
    pv = (int) (ys + s * last + .5);
  }

  /** An edge walked by y: every point is compared with the one before, as in pycocotools. */
  void steepEdge(int xs, int ys, double s, int dy, boolean flip) {
    for (int d = 0; d <= dy; d++) {
      int t = flip ? dy - d : d;
      point((int) (xs + s * t + .5), t + ys);
    }
  }

  private void point(int u, int v) {
    if (hasPrevious) {
      consider(pu, pv, u, v);
    }
    hasPrevious = true;
    pu = u;
    pv = v;
  }

  /** pycocotools' test for one pair of consecutive points, in its floating-point steps. */
  private void consider(int uPrev, int vPrev, int u, int v) {
    if (u == uPrev) {
      return;
    }
    double xd = u < uPrev ? u : u - 1;
    xd = (xd + .5) / SCALE - .5;
    if (Math.floor(xd) != xd || xd < 0 || xd > w - 1) {
      return;
    }
    double yd = Math.min(v, vPrev);
    yd = (yd + .5) / SCALE - .5;
    if (yd < 0) {
      yd = 0;
    } else if (yd > h) {
      yd = h;
    }
    yd = Math.ceil(yd);
    add((long) xd * h + (long) yd);
  }

  private void add(long start) {
    if (n == starts.length) {
      starts = Arrays.copyOf(starts, n * 2);
    }
    starts[n++] = start;
  }

  /** The positions found and h * w (the end of the last run), sorted; see {@link #size}. */
  long[] finish() {
    add((long) h * w);
    if (h == 0 || n < 64) {
      Arrays.sort(starts, 0, n);
      return starts;
    }
    return byColumn();
  }

  /**
   * A counting sort by column (position / h, at most w), then each column's few positions in order:
   * linear in the number of positions, where a comparison sort of the whole outline took a third of
   * the time of scoring polygon masks. A column holds two positions per crossing of the outline,
   * usually 2 to 6; a long one (a zigzag outline) is sorted with {@link Arrays#sort}.
   */
  private long[] byColumn() {
    int[] next = new int[w + 2];
    for (int i = 0; i < n; i++) {
      next[(int) (starts[i] / h) + 1]++;
    }
    for (int c = 1; c < next.length; c++) {
      next[c] += next[c - 1];
    }
    long[] sorted = new long[n];
    for (int i = 0; i < n; i++) {
      sorted[next[(int) (starts[i] / h)]++] = starts[i];
    }
    // next[c] is now where column c + 1 starts.
    int from = 0;
    for (int c = 0; c <= w; c++) {
      int to = next[c];
      if (to - from > 32) {
        Arrays.sort(sorted, from, to);
      } else {
        insertionSort(sorted, from, to);
      }
      from = to;
    }
    starts = sorted;
    return sorted;
  }

  private static void insertionSort(long[] a, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      long v = a[i];
      int j = i - 1;
      while (j >= from && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  /** How many positions {@link #finish} returned. */
  int size() {
    return n;
  }
}

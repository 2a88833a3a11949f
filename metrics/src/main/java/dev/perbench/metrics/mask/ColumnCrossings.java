package dev.perbench.metrics.mask;

import java.util.Arrays;

/**
 * Step 3 of {@link PolygonRasterizer}: the column-major positions where a polygon's upsampled
 * outline crosses the centre of a pixel column, without storing the outline and without visiting
 * the outline points that cannot cross one.
 *
 * <p>pycocotools' {@code rleFrPoly} compares every pair of consecutive outline points (u, v) in
 * upsampled units; where u changes (by one) it takes {@code ud} = the smaller of the two u and
 * keeps the pair only when {@code xd = (ud + 0.5) / 5 - 0.5} is a whole number, i.e. when {@code ud
 * mod 5 == 2}: for the other residues the exact quotient is k + 0.1, 0.3, 0.7 or 0.9, at least 0.1
 * away from k + 0.5, far beyond the rounding error of one division of numbers below 2^32. A kept
 * pair gives column {@code (ud - 2) / 5} and row {@code ceil((vd + 0.5) / 5 - 0.5)}, vd the smaller
 * v, clamped to [0, h]; the same reasoning makes that {@code ceilDiv(vd - 2, 5)}, clamped: when
 * {@code vd mod 5 == 2} every floating-point step is exact, otherwise the exact value is at least
 * 0.2 from a whole number. So each column an edge crosses costs a few integer operations:
 *
 * <ul>
 *   <li>an edge walked by x ("shallow", |dx| &gt;= |dy|) moves u by one at every step, so only
 *       every fifth step can qualify and the others are skipped without computing their v;
 *   <li>an edge walked by y ("steep") has u = (int) (xs + s t + .5) with |s| &lt; 1, which is
 *       monotone in t and moves by at most one per step while the coordinates stay within {@link
 *       #MODERATE} (the rounding error is then far below 1 - |s|), so each qualifying value of u is
 *       found by solving for its step and checking the neighbours with the same expression
 *       pycocotools evaluates. Farther out, every step is walked as pycocotools walks it.
 * </ul>
 *
 * <p>The points where one edge ends and the next begins are compared as pycocotools compares them.
 * The positions are then sorted, so the order they are found in does not matter.
 */
final class ColumnCrossings {
  /** Upsampled coordinates within +-2^20 (209,715 pixels) take the solved steep-edge path. */
  static final int MODERATE = 1 << 20;

  private final int h;
  private final int w;
  private int[] cols;
  private int[] rows;
  private int n;
  private int minCol = Integer.MAX_VALUE;
  private int maxCol = -1;
  private boolean hasPrevious;
  private int pu;
  private int pv;

  ColumnCrossings(int h, int w, int expected) {
    this.h = h;
    this.w = w;
    this.cols = new int[Math.max(16, expected)];
    this.rows = new int[cols.length];
  }

  /** An edge walked by x: points t = 0..dx (dx..0 when flipped) at u = xs + t. */
  void shallowEdge(int xs, int ys, double s, int dx, boolean flip) {
    int first = flip ? dx : 0;
    point(xs + first, (int) (ys + s * first + .5));
    // Pairs (t0, t0 + 1) inside the edge, ud = xs + t0 whichever way they are walked, from the
    // first ud of column 0 or later (ud = 2 is column 0's) to the last of column w - 1.
    long from = Math.max(Math.floorMod(2L - xs, 5), 2L - xs);
    long to = Math.min(dx, 5L * (w - 1) + 3 - xs);
    for (int t0 = (int) Math.min(from, to); t0 < to; t0 += 5) {
      int v0 = (int) (ys + s * t0 + .5);
      int v1 = (int) (ys + s * (t0 + 1) + .5);
      add((xs + t0 - 2) / 5, Math.min(v0, v1));
    }
    int last = flip ? 0 : dx;
    pu = xs + last;
    pv = (int) (ys + s * last + .5);
  }

  /** An edge walked by y: points t = 0..dy (dy..0 when flipped) at v = ys + t. */
  void steepEdge(int xs, int ys, double s, int dy, boolean flip) {
    int first = flip ? dy : 0;
    int last = flip ? 0 : dy;
    if (!moderate(xs, ys, s, dy)) {
      for (int d = 0; d <= dy; d++) {
        int t = flip ? dy - d : d;
        point((int) (xs + s * t + .5), t + ys);
      }
      return;
    }
    point((int) (xs + s * first + .5), ys + first);
    int a = (int) (xs + .5);
    int b = (int) (xs + s * dy + .5);
    // Each value c (= ud, c mod 5 == 2, in a column of the image) that u passes between a and b:
    // the step t where u leaves c's side, so that the pair (t - 1, t) has min u = c.
    boolean up = b > a;
    int lo = Math.max(Math.min(a, b), 2);
    int hi = (int) Math.min(Math.max(a, b) - 1L, 5L * (w - 1) + 2);
    for (int c = lo + Math.floorMod(2 - lo, 5); c <= hi; c += 5) {
      int t = (int) Math.ceil((c + .5 - xs) / s);
      t = Math.max(1, Math.min(dy, t));
      while (t < dy && !passed(xs, s, t, c, up)) {
        t++;
      }
      while (t > 1 && passed(xs, s, t - 1, c, up)) {
        t--;
      }
      add((c - 2) / 5, ys + t - 1);
    }
    pu = (int) (xs + s * last + .5);
    pv = ys + last;
  }

  /** Whether u at step t is past c: above it on a rising edge, at or below it on a falling one. */
  private static boolean passed(int xs, double s, int t, int c, boolean up) {
    int u = (int) (xs + s * t + .5);
    return up ? u > c : u <= c;
  }

  private static boolean moderate(int xs, int ys, double s, int dy) {
    int xe = (int) (xs + s * dy + .5);
    return Math.abs(xs) < MODERATE
        && Math.abs(xe) < MODERATE
        && Math.abs(ys) < MODERATE
        && Math.abs((long) ys + dy) < MODERATE;
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
    xd = (xd + .5) / 5 - .5;
    if (Math.floor(xd) != xd || xd < 0 || xd > w - 1) {
      return;
    }
    double yd = Math.min(v, vPrev);
    yd = (yd + .5) / 5 - .5;
    if (yd < 0) {
      yd = 0;
    } else if (yd > h) {
      yd = h;
    }
    yd = Math.ceil(yd);
    cross((int) xd, (int) yd);
  }

  /** A kept pair with column col and smaller v vd; the row as derived in the class comment. */
  private void add(int col, int vd) {
    long row = Math.floorDiv(vd - 2L, 5);
    if (row * 5 != vd - 2L) {
      row++;
    }
    cross(col, (int) Math.max(0, Math.min(h, row)));
  }

  private void cross(int col, int row) {
    if (n == cols.length) {
      cols = Arrays.copyOf(cols, n * 2);
      rows = Arrays.copyOf(rows, n * 2);
    }
    cols[n] = col;
    rows[n] = row;
    n++;
    minCol = Math.min(minCol, col);
    maxCol = Math.max(maxCol, col);
  }

  /**
   * The positions found and h * w (the end of the last run), sorted; see {@link #size}. A counting
   * sort by column, then each column's few rows in order: linear in the number of positions. A
   * column holds two positions per crossing of the outline, usually 2 to 6; a long one (a zigzag
   * outline) is sorted with {@link Arrays#sort}. Row h of a column is the same position as row 0 of
   * the next, so sorting by (column, row) sorts the positions.
   */
  long[] finish() {
    // Only the columns between the first and last crossed: a polygon spans a fraction of the image.
    int span = Math.max(0, maxCol - minCol + 1);
    int[] next = new int[span + 1];
    for (int i = 0; i < n; i++) {
      next[cols[i] - minCol + 1]++;
    }
    for (int c = 1; c <= span; c++) {
      next[c] += next[c - 1];
    }
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[next[cols[i] - minCol]++] = rows[i];
    }
    // next[c] is now where column minCol + c + 1 starts.
    long[] positions = new long[n + 1];
    int from = 0;
    for (int c = 0; c < span; c++) {
      int to = next[c];
      if (to - from > 32) {
        Arrays.sort(sorted, from, to);
      } else if (to - from == 2) {
        if (sorted[from] > sorted[from + 1]) {
          int t = sorted[from];
          sorted[from] = sorted[from + 1];
          sorted[from + 1] = t;
        }
      } else {
        insertionSort(sorted, from, to);
      }
      long base = (long) (minCol + c) * h;
      for (int i = from; i < to; i++) {
        positions[i] = base + sorted[i];
      }
      from = to;
    }
    positions[n] = (long) h * w;
    n++;
    return positions;
  }

  private static void insertionSort(int[] a, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int v = a[i];
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

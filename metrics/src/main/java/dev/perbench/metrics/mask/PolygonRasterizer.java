package dev.perbench.metrics.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * COCO polygons and boxes to masks, bit-exact with pycocotools' {@code frPyObjects} (its C function
 * {@code rleFrPoly}).
 *
 * <p>The algorithm, restated: vertices are scaled by 5 and rounded; every edge is walked one
 * upsampled step at a time along its longer axis; wherever the walk crosses the centre of a pixel
 * column, the crossing's row (rounded up) starts or ends a run in that column; sorting those
 * boundary positions in column-major order gives the runs. Points outside the image are clamped per
 * column, so polygons may extend past the image. The floating-point steps are the same IEEE
 * operations as the C code, which is what makes the result exact.
 */
public final class PolygonRasterizer {
  private static final double SCALE = 5;

  /** Bounds the upsampled outline (and the memory it takes) for absurd coordinates. */
  private static final long MAX_WALK = 200_000_000L;

  private PolygonRasterizer() {}

  /**
   * Rasterises a COCO segmentation list at {@code height x width} as {@code frPyObjects} then
   * {@code merge} do: when the first element has exactly 4 numbers every element is a box {@code
   * [x, y, w, h]}; when it has more, every element is a polygon {@code [x1, y1, x2, y2, ...]} (a
   * later element with fewer than 3 points is still a polygon and adds no pixels, as in
   * pycocotools). pycocotools itself raises a TypeError for a plain list of 4-number lists; we give
   * it the meaning its documentation states (boxes).
   */
  public static Mask rasterize(List<double[]> segmentation, int height, int width) {
    if (segmentation.isEmpty()) {
      throw new IllegalArgumentException("segmentation holds no polygon");
    }
    int first = segmentation.get(0).length;
    if (first < 4) {
      throw new IllegalArgumentException(
          "segmentation element 0 has "
              + first
              + " numbers; expected a box [x, y, w, h] or a"
              + " polygon [x1, y1, x2, y2, x3, y3, ...]");
    }
    boolean boxes = first == 4;
    List<Mask> parts = new ArrayList<>(segmentation.size());
    for (int i = 0; i < segmentation.size(); i++) {
      double[] p = segmentation.get(i);
      if (boxes) {
        if (p.length != 4) {
          throw new IllegalArgumentException(
              "segmentation element " + i + " has " + p.length + " numbers; a box list needs 4");
        }
        parts.add(box(p[0], p[1], p[2], p[3], height, width));
      } else {
        parts.add(polygon(p, height, width, i));
      }
    }
    return Mask.merge(parts, false);
  }

  /**
   * One polygon {@code [x1, y1, x2, y2, ...]}. Fewer than 3 points enclose nothing and give an
   * empty mask, as in pycocotools; an odd count of numbers is refused (pycocotools would silently
   * drop the last one).
   */
  public static Mask polygon(double[] xy, int height, int width) {
    return polygon(xy, height, width, 0);
  }

  private static Mask polygon(double[] xy, int height, int width, int index) {
    if (xy.length < 2 || xy.length % 2 != 0) {
      throw new IllegalArgumentException(
          "polygon "
              + index
              + " has "
              + xy.length
              + " numbers; a COCO polygon is a list of x, y pairs");
    }
    for (double v : xy) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("polygon " + index + " has a non-finite coordinate");
      }
    }
    Mask.pixelCount(height, width);
    return Mask.ofTrustedCounts(height, width, rasterizeVertices(xy, xy.length / 2, height, width));
  }

  /** A filled box {@code [x, y, w, h]}, as {@code frBbox} makes it (a 4-point polygon). */
  public static Mask box(double x, double y, double w, double h, int height, int width) {
    double xe = x + w;
    double ye = y + h;
    Mask.pixelCount(height, width);
    return Mask.ofTrustedCounts(
        height,
        width,
        rasterizeVertices(new double[] {x, y, x, ye, xe, ye, xe, y}, 4, height, width));
  }

  private static int[] rasterizeVertices(double[] xy, int k, int h, int w) {
    // 1. Scale and round the vertices (C's (int) cast truncates toward zero, as Java's does).
    int[] x = new int[k + 1];
    int[] y = new int[k + 1];
    for (int j = 0; j < k; j++) {
      x[j] = (int) (SCALE * xy[2 * j] + .5);
      y[j] = (int) (SCALE * xy[2 * j + 1] + .5);
    }
    x[k] = x[0];
    y[k] = y[0];

    // 2. Every edge is walked in upsampled steps along its longer axis; bound the walk first.
    long walk = 0;
    for (int j = 0; j < k; j++) {
      walk += Math.max(Math.abs((long) x[j] - x[j + 1]), Math.abs((long) y[j] - y[j + 1])) + 1;
    }
    if (walk > MAX_WALK) {
      throw new IllegalArgumentException(
          "polygon outline is "
              + walk / SCALE
              + " pixels long; coordinates this far outside the"
              + " image are almost certainly wrong (limit "
              + MAX_WALK / SCALE
              + ")");
    }
    // 3. Keep the points where the boundary crosses a pixel column's centre, downsampled. The
    // points of step 2 are generated on the fly and only consecutive ones are compared, so no
    // outline array is built; see ColumnCrossings for which steps can be skipped and why.
    ColumnCrossings crossings = new ColumnCrossings(h, w, (int) (walk / 5) + 2 * k + 2);
    for (int j = 0; j < k; j++) {
      int xs = x[j];
      int xe = x[j + 1];
      int ys = y[j];
      int ye = y[j + 1];
      int dx = Math.abs(xe - xs);
      int dy = Math.abs(ys - ye);
      boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
      if (flip) {
        int t = xs;
        xs = xe;
        xe = t;
        t = ys;
        ys = ye;
        ye = t;
      }
      // A zero-length edge gives 0/0 = NaN here; its single point never affects the result.
      double s = dx >= dy ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
      if (dx >= dy) {
        crossings.shallowEdge(xs, ys, s, dx, flip);
      } else {
        crossings.steepEdge(xs, ys, s, dy, flip);
      }
    }
    long[] starts = crossings.finish();
    int n = crossings.size();

    // 4. Sorted column-major boundary positions become runs; zero-length runs are folded.
    long previous = 0;
    for (int j = 0; j < n; j++) {
      long t = starts[j];
      starts[j] -= previous;
      previous = t;
    }
    int[] runs = new int[n];
    int r = 0;
    int j = 0;
    runs[r++] = (int) starts[j++];
    while (j < n) {
      if (starts[j] > 0) {
        runs[r++] = (int) starts[j++];
      } else {
        j++;
        if (j < n) {
          runs[r - 1] += (int) starts[j++];
        }
      }
    }
    return Arrays.copyOf(runs, r);
  }
}

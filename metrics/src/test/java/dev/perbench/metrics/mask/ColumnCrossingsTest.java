package dev.perbench.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming column-crossing walk ({@link ColumnCrossings}) gives the same runs as the
 * straightforward port of pycocotools' {@code rleFrPoly} that builds the whole upsampled outline
 * (kept here verbatim as the reference), on random polygons inside, across and outside the image,
 * with repeated vertices (zero-length edges), negative and fractional coordinates, and some
 * vertices so far out that steep edges are walked step by step instead of solved.
 */
class ColumnCrossingsTest {

  @Test
  void sameRunsAsTheOutlineArrayWalk() {
    Random rng = new Random(20261128);
    for (int c = 0; c < 5_000; c++) {
      int h = 1 + rng.nextInt(c % 10 == 0 ? 8 : 700);
      int w = 1 + rng.nextInt(c % 10 == 1 ? 8 : 700);
      int k = 1 + rng.nextInt(c % 3 == 0 ? 5 : 60);
      double[] xy = new double[2 * k];
      double spread = c % 4 == 0 ? 3.0 : 1.4;
      for (int i = 0; i < k; i++) {
        if (i > 0 && rng.nextInt(8) == 0) {
          xy[2 * i] = xy[2 * i - 2];
          xy[2 * i + 1] = xy[2 * i - 1];
          continue;
        }
        xy[2 * i] = coordinate(rng, w, spread);
        xy[2 * i + 1] = coordinate(rng, h, spread);
      }
      if (c % 50 == 0) {
        zigzag(xy, h, w, rng);
      }
      if (c % 250 == 7) {
        far(xy, rng);
      }
      int[] expected = Legacy.rasterizeVertices(xy, k, h, w);
      int[] actual = PolygonRasterizer.polygon(xy, h, w).counts();
      assertArrayEquals(expected, actual, () -> h + "x" + w + " " + Arrays.toString(xy));
    }
  }

  /** Vertices that go back and forth across a few columns: many positions in one column. */
  private static void zigzag(double[] xy, int h, int w, Random rng) {
    double x = rng.nextDouble() * w;
    for (int i = 0; i < xy.length / 2; i++) {
      xy[2 * i] = x + (i % 2 == 0 ? 0 : 2.3);
      xy[2 * i + 1] = h * (double) i / (xy.length / 2);
    }
  }

  /**
   * A few vertices far outside the image, beyond {@link ColumnCrossings#MODERATE} upsampled units
   * on one side or both, so that steep edges take the step-by-step walk, next to vertices inside.
   */
  private static void far(double[] xy, Random rng) {
    double reach = ColumnCrossings.MODERATE / 5.0 * (1 + rng.nextDouble());
    for (int i = 0; i < Math.min(4, xy.length / 2); i++) {
      int axis = rng.nextInt(2);
      xy[2 * i + axis] = (rng.nextBoolean() ? reach : -reach) + rng.nextInt(100) / 7.0;
    }
  }

  private static double coordinate(Random rng, int size, double spread) {
    double v = (rng.nextDouble() * spread - (spread - 1) / 2) * size;
    return switch (rng.nextInt(3)) {
      case 0 -> Math.round(v);
      case 1 -> Math.round(v * 100) / 100.0;
      default -> v;
    };
  }

  /** The rasteriser as it was before the streaming walk: the whole outline, then the test. */
  private static final class Legacy {
    static int[] rasterizeVertices(double[] xy, int k, int h, int w) {
      // 1. Scale and round the vertices (C's (int) cast truncates toward zero, as Java's does).
      int[] x = new int[k + 1];
      int[] y = new int[k + 1];
      for (int j = 0; j < k; j++) {
        x[j] = (int) (5.0 * xy[2 * j] + .5);
        y[j] = (int) (5.0 * xy[2 * j + 1] + .5);
      }
      x[k] = x[0];
      y[k] = y[0];

      // 2. Walk every edge in upsampled steps along its longer axis.
      long walk = 0;
      for (int j = 0; j < k; j++) {
        walk += Math.max(Math.abs((long) x[j] - x[j + 1]), Math.abs((long) y[j] - y[j + 1])) + 1;
      }
      if (walk > 200_000_000L) {
        throw new IllegalArgumentException("outline too long");
      }
      int points = (int) walk;
      int[] u = new int[points];
      int[] v = new int[points];
      int m = 0;
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
          for (int d = 0; d <= dx; d++) {
            int t = flip ? dx - d : d;
            u[m] = t + xs;
            v[m] = (int) (ys + s * t + .5);
            m++;
          }
        } else {
          for (int d = 0; d <= dy; d++) {
            int t = flip ? dy - d : d;
            v[m] = t + ys;
            u[m] = (int) (xs + s * t + .5);
            m++;
          }
        }
      }

      // 3. Keep the points where the boundary crosses a pixel column's centre, downsampled.
      long[] starts = new long[points + 1];
      int n = 0;
      for (int j = 1; j < points; j++) {
        if (u[j] == u[j - 1]) {
          continue;
        }
        double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
        xd = (xd + .5) / 5.0 - .5;
        if (Math.floor(xd) != xd || xd < 0 || xd > w - 1) {
          continue;
        }
        double yd = Math.min(v[j], v[j - 1]);
        yd = (yd + .5) / 5.0 - .5;
        if (yd < 0) {
          yd = 0;
        } else if (yd > h) {
          yd = h;
        }
        yd = Math.ceil(yd);
        starts[n++] = (long) xd * h + (long) yd;
      }

      // 4. Sorted column-major boundary positions become runs; zero-length runs are folded.
      starts[n++] = (long) h * w;
      Arrays.sort(starts, 0, n);
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
}

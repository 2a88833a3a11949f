package dev.perbench.bench;

import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;

/**
 * The straightforward dense-bitmap implementations that the run-length code is measured against:
 * what one writes first, with one byte per pixel.
 */
final class DenseBaseline {
  private DenseBaseline() {}

  /** Intersection and union by visiting every pixel; returns {intersection, union}. */
  static long[] overlap(byte[] a, byte[] b) {
    long intersection = 0;
    long union = 0;
    for (int i = 0; i < a.length; i++) {
      intersection += a[i] & b[i];
      union += a[i] | b[i];
    }
    return new long[] {intersection, union};
  }

  /** Decodes a counts string all the way to one byte per pixel (what pycocotools' decode does). */
  static byte[] decode(int height, int width, String counts) {
    return RleCodec.decode(height, width, counts).toBitmap();
  }

  /** Even-odd point-in-polygon test at every pixel centre inside the polygon's bounding box. */
  static byte[] rasterize(double[] xy, int height, int width) {
    byte[] bitmap = new byte[height * width];
    int n = xy.length / 2;
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int k = 0; k < n; k++) {
      minX = Math.min(minX, xy[2 * k]);
      maxX = Math.max(maxX, xy[2 * k]);
      minY = Math.min(minY, xy[2 * k + 1]);
      maxY = Math.max(maxY, xy[2 * k + 1]);
    }
    int x0 = Math.max(0, (int) Math.floor(minX));
    int x1 = Math.min(width - 1, (int) Math.ceil(maxX));
    int y0 = Math.max(0, (int) Math.floor(minY));
    int y1 = Math.min(height - 1, (int) Math.ceil(maxY));
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        if (inside(xy, n, x + 0.5, y + 0.5)) {
          bitmap[y * width + x] = 1;
        }
      }
    }
    return bitmap;
  }

  private static boolean inside(double[] xy, int n, double px, double py) {
    boolean in = false;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double xi = xy[2 * i];
      double yi = xy[2 * i + 1];
      double xj = xy[2 * j];
      double yj = xy[2 * j + 1];
      if ((yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) {
        in = !in;
      }
    }
    return in;
  }

  /** Keeps the JIT from discarding results. */
  static long checksum(Mask mask) {
    return mask.area() + mask.height();
  }
}

package dev.perbench.bench;

import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, COCO-like (ground truth, prediction) pairs for benchmarks: images of 480x640, 427x640 or
 * 640x480; the ground truth is a star-shaped object polygon of 20-60 vertices covering about 1% to
 * 40% of the image; the prediction is the same outline jittered, shifted and rescaled, so it
 * overlaps the ground truth the way a decent model's mask does.
 */
public final class SyntheticPairs {
  private static final int[][] SIZES = {{480, 640}, {427, 640}, {640, 480}};

  /** One pair with its polygons (the source) and masks (rasterised once). */
  public record Pair(
      String id,
      int height,
      int width,
      double[] gtPolygon,
      double[] predPolygon,
      Mask gt,
      Mask pred) {}

  private SyntheticPairs() {}

  public static List<Pair> generate(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Pair> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int[] size = SIZES[random.nextInt(SIZES.length)];
      int h = size[0];
      int w = size[1];
      int vertices = 20 + random.nextInt(41);
      double coverage = Math.exp(Math.log(0.01) + random.nextDouble() * Math.log(40.0));
      double radius = Math.sqrt(coverage * h * w / Math.PI);
      double cx = w * (0.2 + 0.6 * random.nextDouble());
      double cy = h * (0.2 + 0.6 * random.nextDouble());
      double[] angles = new double[vertices];
      double[] radii = new double[vertices];
      for (int k = 0; k < vertices; k++) {
        angles[k] = 2 * Math.PI * (k + 0.4 * random.nextDouble()) / vertices;
        radii[k] = radius * (0.7 + 0.3 * random.nextDouble());
      }
      double[] gt = outline(cx, cy, angles, radii, 1.0, random, 0);
      double shiftX = radius * 0.15 * (random.nextDouble() - 0.5);
      double shiftY = radius * 0.15 * (random.nextDouble() - 0.5);
      double scale = 0.9 + 0.2 * random.nextDouble();
      double[] pred = outline(cx + shiftX, cy + shiftY, angles, radii, scale, random, 0.08);
      pairs.add(
          new Pair(
              String.format("pair%06d", i),
              h,
              w,
              gt,
              pred,
              PolygonRasterizer.polygon(gt, h, w),
              PolygonRasterizer.polygon(pred, h, w)));
    }
    return pairs;
  }

  private static double[] outline(
      double cx,
      double cy,
      double[] angles,
      double[] radii,
      double scale,
      SplittableRandom random,
      double jitter) {
    double[] xy = new double[angles.length * 2];
    for (int k = 0; k < angles.length; k++) {
      double r = radii[k] * scale * (1 + jitter * (random.nextDouble() * 2 - 1));
      // Two decimals, like COCO annotation files.
      xy[2 * k] = Math.round((cx + r * Math.cos(angles[k])) * 100) / 100.0;
      xy[2 * k + 1] = Math.round((cy + r * Math.sin(angles[k])) * 100) / 100.0;
    }
    return xy;
  }
}

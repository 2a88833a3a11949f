package dev.perbench.data.mini;

import java.util.Locale;

/**
 * The four shape kinds, each an upright polygon centred on a point. A circle is a regular 32-gon,
 * so every shape is a COCO polygon and its mask is exactly what pycocotools (and {@link
 * dev.perbench.metrics.mask.PolygonRasterizer}) make of it.
 */
public enum ShapeKind {
  CIRCLE,
  SQUARE,
  TRIANGLE,
  STAR;

  private static final int CIRCLE_VERTICES = 32;
  private static final double STAR_INNER_RATIO = 0.45;

  /** The noun used in every text: {@code circle}, {@code square}, ... */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The COCO category id (1-based, in declaration order). */
  public int categoryId() {
    return ordinal() + 1;
  }

  static ShapeKind fromWord(String word) {
    for (ShapeKind k : values()) {
      if (k.word().equals(word)) {
        return k;
      }
    }
    return null;
  }

  /**
   * The outline {@code [x1, y1, x2, y2, ...]} of a shape whose bounding box is about {@code extent}
   * wide, centred on (cx, cy), in image coordinates (y down). Not yet rounded.
   */
  double[] outline(double cx, double cy, double extent) {
    double r = extent / 2;
    return switch (this) {
      case CIRCLE -> regular(cx, cy, r, CIRCLE_VERTICES, 0);
      case SQUARE -> new double[] {cx - r, cy - r, cx + r, cy - r, cx + r, cy + r, cx - r, cy + r};
      case TRIANGLE -> {
        double h = 0.9 * extent;
        yield new double[] {cx, cy - h / 2, cx + r, cy + h / 2, cx - r, cy + h / 2};
      }
      case STAR -> star(cx, cy, r);
    };
  }

  // StrictMath, not Math: Math.sin may differ by an ulp between JVMs, and the data must not.
  private static double[] regular(double cx, double cy, double r, int n, double phase) {
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double a = phase + 2 * Math.PI * i / n;
      xy[2 * i] = cx + r * StrictMath.cos(a);
      xy[2 * i + 1] = cy + r * StrictMath.sin(a);
    }
    return xy;
  }

  /** Five points, the first pointing up; outer and inner vertices alternate. */
  private static double[] star(double cx, double cy, double r) {
    double[] xy = new double[20];
    for (int i = 0; i < 10; i++) {
      double radius = i % 2 == 0 ? r : r * STAR_INNER_RATIO;
      double a = -Math.PI / 2 + Math.PI * i / 5;
      xy[2 * i] = cx + radius * StrictMath.cos(a);
      xy[2 * i + 1] = cy + radius * StrictMath.sin(a);
    }
    return xy;
  }
}

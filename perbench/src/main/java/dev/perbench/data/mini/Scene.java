package dev.perbench.data.mini;

import dev.perbench.metrics.mask.Mask;
import java.util.ArrayList;
import java.util.List;

/**
 * One synthetic image: a background and 3 to 6 shapes in painting order.
 *
 * <p>A shape is <em>fully visible</em> when no later shape covers any of its pixels; only such
 * shapes are referred to, prompted or described, so that every target's full mask is what the image
 * shows. Occluded shapes stay in the scene as distractors (and count when an expression is checked
 * for uniqueness).
 *
 * @param index 0-based position in its split
 * @param imageName the image file name, {@code <split>_<index, 6 digits>.png}
 * @param background the top row's background colour, 0xRRGGBB (it darkens slightly downwards)
 * @param shapes in painting order; {@code shapes.get(i).z() == i}
 */
public record Scene(int index, String imageName, int background, List<Shape> shapes) {
  /** Image height in pixels (fixed for the whole benchmark). */
  public static final int HEIGHT = 96;

  /** Image width in pixels. */
  public static final int WIDTH = 128;

  public Scene {
    shapes = List.copyOf(shapes);
  }

  /** True when no shape painted after {@code s} covers any of its pixels. */
  public boolean fullyVisible(Shape s) {
    for (int i = s.z() + 1; i < shapes.size(); i++) {
      if (!s.mask().intersection(shapes.get(i).mask()).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The fully visible shapes, in painting order. */
  public List<Shape> fullyVisible() {
    List<Shape> out = new ArrayList<>();
    for (Shape s : shapes) {
      if (fullyVisible(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The shapes painted before {@code s} that it partly covers, in painting order. */
  public List<Shape> coveredBy(Shape s) {
    List<Shape> out = new ArrayList<>();
    for (int i = 0; i < s.z(); i++) {
      Shape lower = shapes.get(i);
      if (!lower.mask().intersection(s.mask()).isEmpty()) {
        out.add(lower);
      }
    }
    return out;
  }

  /** The fraction of {@code s}'s pixels not covered by later shapes. */
  double visibleFraction(Shape s) {
    return visibleFraction(s, shapes.subList(s.z() + 1, shapes.size()));
  }

  static double visibleFraction(Shape s, List<Shape> above) {
    if (above.isEmpty()) {
      return 1;
    }
    List<Mask> masks = new ArrayList<>();
    for (Shape a : above) {
      masks.add(a.mask());
    }
    long hidden = s.mask().intersection(Mask.merge(masks, false)).area();
    return 1 - (double) hidden / s.mask().area();
  }
}

package dev.perbench.data.mini;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference description of a prompted shape, from one fixed grammar:
 *
 * <pre>
 * "A" size colour kind position "of the image"
 *     [", partly covering" a colour kind {"," a colour kind} ["and" a colour kind]] "."
 * ["The nearest shape is a" size colour kind direction "."]
 * </pre>
 *
 * e.g. "A large red triangle at the top left of the image, partly covering a blue circle. The
 * nearest shape is a small green square below it."
 */
final class CaptionBuilder {
  private CaptionBuilder() {}

  /** Up to {@code max} different fully visible shapes of the scene, with their descriptions. */
  static List<Shape> chooseShapes(Scene scene, Rng rng, int max) {
    List<Shape> shapes = new ArrayList<>(scene.fullyVisible());
    rng.shuffle(shapes);
    return shapes.subList(0, Math.min(max, shapes.size()));
  }

  static String describe(Scene scene, Shape s) {
    StringBuilder b =
        new StringBuilder("A ")
            .append(s.words())
            .append(' ')
            .append(Spatial.regionPhrase(s.box()))
            .append(" of the image");
    List<Shape> covered = scene.coveredBy(s);
    if (!covered.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Shape c : covered) {
        names.add(c.withArticle());
      }
      b.append(", partly covering ").append(joinWithAnd(names));
    }
    b.append('.');
    Shape nearest = null;
    double best = Double.MAX_VALUE;
    for (Shape o : scene.shapes()) {
      if (o == s || covered.contains(o)) {
        continue;
      }
      double dx = o.box().centreX() - s.box().centreX();
      double dy = o.box().centreY() - s.box().centreY();
      double d = dx * dx + dy * dy;
      if (d < best) {
        best = d;
        nearest = o;
      }
    }
    if (nearest != null) {
      b.append(" The nearest shape is a ")
          .append(nearest.words())
          .append(' ')
          .append(Spatial.direction(s.box(), nearest.box()))
          .append('.');
    }
    return b.toString();
  }

  private static String joinWithAnd(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}

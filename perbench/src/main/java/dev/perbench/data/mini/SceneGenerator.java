package dev.perbench.data.mini;

import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a random scene. The rules keep the tasks learnable from pixels: shapes stay inside the
 * image; shapes of one colour never touch (they would read as one blob); shapes of different
 * colours overlap only sometimes, and an overlapped shape keeps most of its pixels visible. About
 * half the shapes copy the colour or the kind of an earlier one, so scenes hold the distractors
 * (same kind other colour, same colour other kind) that make the texts necessary.
 */
final class SceneGenerator {
  static final int MIN_SHAPES = 3;
  static final int MAX_SHAPES = 6;

  /** Light backgrounds: grey, cream, pale blue, pale green. */
  private static final int[] BACKGROUNDS = {0xEEEEEE, 0xF3EEE2, 0xE6EEF3, 0xEDF0E6};

  private static final double SAME_COLOUR_CHANCE = 0.3;
  private static final double SAME_KIND_CHANCE = 0.3;
  private static final double OVERLAP_CHANCE = 0.35;
  private static final double MIN_VISIBLE = 0.6;

  /** Background pixels required between the boxes of shapes that may not overlap. */
  private static final int GAP = 3;

  /** Distance of every shape from the image border. */
  private static final int MARGIN = 2;

  private static final int POSITION_TRIES = 60;

  private SceneGenerator() {}

  static Scene generate(int index, String imageName, Rng rng) {
    int background = BACKGROUNDS[rng.nextInt(BACKGROUNDS.length)];
    int wanted = MIN_SHAPES + rng.nextInt(MAX_SHAPES - MIN_SHAPES + 1);
    List<Shape> shapes = new ArrayList<>();
    for (int attempt = 0; shapes.size() < wanted && attempt < 3 * MAX_SHAPES; attempt++) {
      Shape s = place(shapes, rng);
      if (s != null) {
        shapes.add(s);
      }
    }
    if (shapes.size() < MIN_SHAPES) {
      throw new IllegalStateException(
          "scene "
              + index
              + ": could place only "
              + shapes.size()
              + " shapes; the placement rules are too strict for the image size");
    }
    return new Scene(index, imageName, background, shapes);
  }

  /** A new top shape with random attributes, or null when no position satisfies the rules. */
  private static Shape place(List<Shape> below, Rng rng) {
    ShapeKind kind = rng.pick(List.of(ShapeKind.values()));
    Colour colour = rng.pick(List.of(Colour.values()));
    if (!below.isEmpty()) {
      double r = rng.uniform(0, 1);
      Shape model = rng.pick(below);
      if (r < SAME_COLOUR_CHANCE) {
        colour = model.colour();
        kind = other(ShapeKind.values(), model.kind(), rng);
      } else if (r < SAME_COLOUR_CHANCE + SAME_KIND_CHANCE) {
        kind = model.kind();
        colour = other(Colour.values(), model.colour(), rng);
      }
    }
    SizeClass size = rng.pick(List.of(SizeClass.values()));
    boolean mayOverlap = rng.chance(OVERLAP_CHANCE);
    double half = size.extent() / 2.0 + MARGIN;
    for (int t = 0; t < POSITION_TRIES; t++) {
      double cx = rng.uniform(half, Scene.WIDTH - half);
      double cy = rng.uniform(half, Scene.HEIGHT - half);
      double[] polygon = kind.outline(cx, cy, size.extent());
      for (int i = 0; i < polygon.length; i++) {
        polygon[i] = Decimals.round2(polygon[i]);
      }
      Mask mask = PolygonRasterizer.polygon(polygon, Scene.HEIGHT, Scene.WIDTH);
      Shape s = new Shape(below.size(), kind, colour, size, polygon, mask, Box.of(mask));
      if (fits(s, below, mayOverlap)) {
        return s;
      }
    }
    return null;
  }

  private static boolean fits(Shape s, List<Shape> below, boolean mayOverlap) {
    for (Shape o : below) {
      if (!s.box().apart(o.box(), GAP) && (o.colour() == s.colour() || !mayOverlap)) {
        return false;
      }
    }
    List<Shape> all = new ArrayList<>(below);
    all.add(s);
    for (Shape o : below) {
      if (Scene.visibleFraction(o, all.subList(o.z() + 1, all.size())) < MIN_VISIBLE) {
        return false;
      }
    }
    return true;
  }

  private static <T> T other(T[] values, T not, Rng rng) {
    List<T> rest = new ArrayList<>(List.of(values));
    rest.remove(not);
    return rng.pick(rest);
  }
}

package dev.perbench.data.mini;

import java.util.List;

/**
 * The spatial words of the texts, each defined on pixel bounding boxes with margins. A relation is
 * TRUE, FALSE or UNCLEAR; an expression is used only when it is TRUE of its target and FALSE (never
 * merely UNCLEAR) of every other shape it could mean, so no text hinges on a pixel or two.
 */
final class Spatial {
  /** Pixels between boxes for "left of" and the like to hold. */
  static final int RELATION_GAP = 2;

  /** How much further out (box centres, pixels) the shape "on the left" must be than the rest. */
  static final double EXTREME_MARGIN = 10;

  /** Distance of a box centre from the image's midlines for a clear quadrant. */
  static final double QUADRANT_MARGIN_X = 10;

  static final double QUADRANT_MARGIN_Y = 8;

  private Spatial() {}

  enum Truth {
    TRUE,
    FALSE,
    UNCLEAR
  }

  /** Binary relations between a shape and a landmark: "the red circle left of the blue star". */
  enum Relation {
    LEFT_OF("left of"),
    RIGHT_OF("right of"),
    ABOVE("above"),
    BELOW("below");

    final String phrase;

    Relation(String phrase) {
      this.phrase = phrase;
    }

    /**
     * TRUE when {@code a} lies wholly on that side of {@code b} (with a gap); FALSE when a's centre
     * is not even past b's near edge; UNCLEAR in between.
     */
    Truth holds(Box a, Box b) {
      return switch (this) {
        case LEFT_OF -> truth(a.maxX() + RELATION_GAP < b.minX(), a.centreX() >= b.minX());
        case RIGHT_OF -> truth(a.minX() > b.maxX() + RELATION_GAP, a.centreX() <= b.maxX() + 1);
        case ABOVE -> truth(a.maxY() + RELATION_GAP < b.minY(), a.centreY() >= b.minY());
        case BELOW -> truth(a.minY() > b.maxY() + RELATION_GAP, a.centreY() <= b.maxY() + 1);
      };
    }

    private static Truth truth(boolean yes, boolean no) {
      return yes ? Truth.TRUE : no ? Truth.FALSE : Truth.UNCLEAR;
    }
  }

  /** The extreme member of a group: "the red circle on the left". */
  enum Location {
    LEFT("on the left"),
    RIGHT("on the right"),
    TOP("at the top"),
    BOTTOM("at the bottom");

    final String phrase;

    Location(String phrase) {
      this.phrase = phrase;
    }

    /** How far out {@code b} is in this direction (larger is further left, right, up, down). */
    double outwards(Box b) {
      return switch (this) {
        case LEFT -> -b.centreX();
        case RIGHT -> b.centreX();
        case TOP -> -b.centreY();
        case BOTTOM -> b.centreY();
      };
    }

    /**
     * TRUE for the one member further out than every other by the margin, FALSE for members that
     * some other member beats by the margin, UNCLEAR otherwise. A group of one has no "on the
     * left": its member is UNCLEAR.
     */
    Truth of(Shape s, List<Shape> group) {
      if (group.size() < 2) {
        return Truth.UNCLEAR;
      }
      double mine = outwards(s.box());
      boolean beatsAll = true;
      for (Shape o : group) {
        if (o == s) {
          continue;
        }
        double theirs = outwards(o.box());
        if (theirs - mine >= EXTREME_MARGIN) {
          return Truth.FALSE;
        }
        if (mine - theirs < EXTREME_MARGIN) {
          beatsAll = false;
        }
      }
      return beatsAll ? Truth.TRUE : Truth.UNCLEAR;
    }
  }

  /** Image quadrants for the position questions; only clear cases are asked. */
  enum Quadrant {
    TOP_LEFT("top left"),
    TOP_RIGHT("top right"),
    BOTTOM_LEFT("bottom left"),
    BOTTOM_RIGHT("bottom right");

    final String words;

    Quadrant(String words) {
      this.words = words;
    }

    /** The quadrant of the box centre, or null when the centre is near a midline. */
    static Quadrant of(Box b) {
      double dx = b.centreX() - Scene.WIDTH / 2.0;
      double dy = b.centreY() - Scene.HEIGHT / 2.0;
      if (Math.abs(dx) < QUADRANT_MARGIN_X || Math.abs(dy) < QUADRANT_MARGIN_Y) {
        return null;
      }
      return dy < 0 ? (dx < 0 ? TOP_LEFT : TOP_RIGHT) : (dx < 0 ? BOTTOM_LEFT : BOTTOM_RIGHT);
    }
  }

  /**
   * Where the box centre is, by thirds of the image: "at the top left", "on the left", "in the
   * centre", ... (to be followed by "of the image").
   */
  static String regionPhrase(Box b) {
    int col = third(b.centreX(), Scene.WIDTH);
    int row = third(b.centreY(), Scene.HEIGHT);
    String[][] phrases = {
      {"at the top left", "at the top", "at the top right"},
      {"on the left", "in the centre", "on the right"},
      {"at the bottom left", "at the bottom", "at the bottom right"}
    };
    return phrases[row][col];
  }

  private static int third(double v, int size) {
    return v * 3 < size ? 0 : v * 3 > 2 * size ? 2 : 1;
  }

  /** "to its right", "above it", ...: where {@code other} is seen from {@code s}. */
  static String direction(Box s, Box other) {
    double dx = other.centreX() - s.centreX();
    double dy = other.centreY() - s.centreY();
    if (Math.abs(dx) >= Math.abs(dy)) {
      return dx >= 0 ? "to its right" : "to its left";
    }
    return dy >= 0 ? "below it" : "above it";
  }
}

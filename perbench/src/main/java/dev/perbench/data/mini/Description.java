package dev.perbench.data.mini;

import java.util.ArrayList;
import java.util.List;

/**
 * A noun phrase naming shapes by their attributes: "small red circle", "red shape", "circle",
 * "large star". Size is optional; a colour or a kind is required ("shape" stands in for a missing
 * kind).
 *
 * @param size null when not said
 * @param colour null when not said
 * @param kind null when not said ("shape")
 */
record Description(SizeClass size, Colour colour, ShapeKind kind) {
  public Description {
    if (colour == null && kind == null) {
      throw new IllegalArgumentException("a description names a colour or a kind");
    }
  }

  /** True when the shape has every attribute said. */
  public boolean matches(Shape s) {
    return (size == null || s.size() == size)
        && (colour == null || s.colour() == colour)
        && (kind == null || s.kind() == kind);
  }

  /** The shapes of {@code scene} this describes, in painting order. */
  public List<Shape> matches(Scene scene) {
    List<Shape> out = new ArrayList<>();
    for (Shape s : scene.shapes()) {
      if (matches(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The words, without article: {@code small red circle}, {@code red shape}. */
  public String text() {
    StringBuilder b = new StringBuilder();
    if (size != null) {
      b.append(size.word()).append(' ');
    }
    if (colour != null) {
      b.append(colour.word()).append(' ');
    }
    return b.append(kind == null ? "shape" : kind.word()).toString();
  }

  /** The six descriptions true of {@code s}, shortest first. */
  static List<Description> allOf(Shape s) {
    return List.of(
        new Description(null, null, s.kind()),
        new Description(null, s.colour(), null),
        new Description(null, s.colour(), s.kind()),
        new Description(s.size(), null, s.kind()),
        new Description(s.size(), s.colour(), null),
        new Description(s.size(), s.colour(), s.kind()));
  }

  /**
   * Reads a description from {@code words[at..]}: optional size, optional colour, then a kind noun
   * or "shape". Returns the description and sets {@code next[0]} to the index after it.
   */
  static Description parse(String[] words, int at, boolean sizeAllowed, int[] next) {
    int i = at;
    SizeClass size = i < words.length && sizeAllowed ? SizeClass.fromWord(words[i]) : null;
    if (size != null) {
      i++;
    }
    Colour colour = i < words.length ? Colour.fromWord(words[i]) : null;
    if (colour != null) {
      i++;
    }
    if (i >= words.length) {
      throw new IllegalArgumentException(
          "expected a shape noun after '" + String.join(" ", List.of(words).subList(0, i)) + "'");
    }
    ShapeKind kind = ShapeKind.fromWord(words[i]);
    if (kind == null && !words[i].equals("shape")) {
      throw new IllegalArgumentException(
          "expected a shape noun (circle, square, triangle, star,"
              + " shape), found '"
              + words[i]
              + "'");
    }
    if (kind == null && colour == null) {
      throw new IllegalArgumentException("'shape' needs a colour before it");
    }
    next[0] = i + 1;
    return new Description(size, colour, kind);
  }
}

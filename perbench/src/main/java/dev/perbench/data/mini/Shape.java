package dev.perbench.data.mini;

import dev.perbench.metrics.mask.Mask;
import java.util.Arrays;
import java.util.Objects;

/**
 * One shape of a scene.
 *
 * @param z its place in the painting order (0 is painted first, at the bottom); also its index in
 *     {@link Scene#shapes()}
 * @param polygon the COCO polygon {@code [x1, y1, ...]}, every coordinate a multiple of 0.01,
 *     exactly the numbers written to {@code instances.json}
 * @param mask the polygon rasterised as pycocotools does it (the full shape, hidden parts too)
 * @param box the mask's pixel bounding box
 */
public record Shape(
    int z, ShapeKind kind, Colour colour, SizeClass size, double[] polygon, Mask mask, Box box) {

  /** The polygon (a copy). */
  @Override
  public double[] polygon() {
    return polygon.clone();
  }

  /** Equal attributes, polygon (by value) and mask. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s
        && s.z == z
        && s.kind == kind
        && s.colour == colour
        && s.size == size
        && Arrays.equals(s.polygon, polygon)
        && s.mask.equals(mask);
  }

  @Override
  public int hashCode() {
    return Objects.hash(z, kind, colour, size, Arrays.hashCode(polygon), mask);
  }

  /** "small red circle": the words of its three attributes. */
  String words() {
    return size.word() + " " + colour.word() + " " + kind.word();
  }

  /** "a red circle" or "an orange star": the article the colour needs. */
  String withArticle() {
    String s = colour.word() + " " + kind.word();
    return (colour == Colour.ORANGE ? "an " : "a ") + s;
  }

  @Override
  public String toString() {
    return "Shape[" + z + ": " + words() + " at " + box + "]";
  }
}

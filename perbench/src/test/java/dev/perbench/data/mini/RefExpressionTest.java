package dev.perbench.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.mini.RefExpression.Superlative;
import dev.perbench.data.mini.Spatial.Location;
import dev.perbench.data.mini.Spatial.Relation;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The referring-expression grammar and its meaning on a hand-built scene. */
class RefExpressionTest {
  // Left to right: a small red circle, a large red circle, a medium blue square far right.
  private static final Scene SCENE =
      scene(
          shape(ShapeKind.CIRCLE, Colour.RED, SizeClass.SMALL, 15, 48),
          shape(ShapeKind.CIRCLE, Colour.RED, SizeClass.LARGE, 55, 48),
          shape(ShapeKind.SQUARE, Colour.BLUE, SizeClass.MEDIUM, 105, 48));
  private static final Shape SMALL_RED = SCENE.shapes().get(0);
  private static final Shape LARGE_RED = SCENE.shapes().get(1);
  private static final Shape BLUE = SCENE.shapes().get(2);

  @Test
  void textAndParseAreInverse() {
    List<RefExpression> all =
        List.of(
            RefExpression.plain(new Description(null, Colour.GREEN, ShapeKind.SQUARE)),
            RefExpression.plain(new Description(SizeClass.SMALL, Colour.RED, null)),
            new RefExpression(
                Superlative.LARGEST, new Description(null, null, ShapeKind.STAR), null, null, null),
            new RefExpression(
                null,
                new Description(null, Colour.RED, ShapeKind.CIRCLE),
                Location.LEFT,
                null,
                null),
            new RefExpression(
                null,
                new Description(SizeClass.SMALL, Colour.RED, ShapeKind.TRIANGLE),
                null,
                Relation.LEFT_OF,
                new Description(null, Colour.BLUE, ShapeKind.CIRCLE)));
    List<String> texts = new ArrayList<>();
    for (RefExpression e : all) {
      assertEquals(e, RefExpression.parse(e.text()));
      texts.add(e.text());
    }
    assertEquals(
        List.of(
            "the green square",
            "the small red shape",
            "the largest star",
            "the red circle on the left",
            "the small red triangle left of the blue circle"),
        texts);
  }

  @Test
  void sentencesOutsideTheGrammarAreRefusedWithTheOffendingWord() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> RefExpression.parse("the pink circle"))
            .getMessage()
            .contains("'pink'"));
    assertThrows(IllegalArgumentException.class, () -> RefExpression.parse("a red circle"));
    assertThrows(IllegalArgumentException.class, () -> RefExpression.parse("the shape"));
    assertThrows(
        IllegalArgumentException.class, () -> RefExpression.parse("the largest small star"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RefExpression.parse("the red circle near the blue square"));
  }

  @Test
  void aDescriptionSharedByTwoShapesIdentifiesNeither() {
    RefExpression redCircle = RefExpression.parse("the red circle");
    assertFalse(redCircle.identifies(SCENE, SMALL_RED));
    assertFalse(redCircle.identifies(SCENE, LARGE_RED));
    assertTrue(RefExpression.parse("the square").identifies(SCENE, BLUE));
    assertTrue(RefExpression.parse("the small red circle").identifies(SCENE, SMALL_RED));
  }

  @Test
  void superlativesLocationsAndRelationsSingleOutOneOfTheGroup() {
    assertTrue(RefExpression.parse("the largest red circle").identifies(SCENE, LARGE_RED));
    assertTrue(RefExpression.parse("the smallest circle").identifies(SCENE, SMALL_RED));
    assertTrue(RefExpression.parse("the red circle on the left").identifies(SCENE, SMALL_RED));
    assertTrue(RefExpression.parse("the circle on the right").identifies(SCENE, LARGE_RED));
    assertTrue(
        RefExpression.parse("the red shape left of the large circle").identifies(SCENE, SMALL_RED));
    // Both red circles are left of the square: not unique.
    assertEquals(
        2,
        RefExpression.parse("the red circle left of the blue square")
            .resolve(SCENE)
            .clear()
            .size());
    // A superlative over a group of one is not used.
    assertFalse(RefExpression.parse("the largest square").identifies(SCENE, BLUE));
    // A landmark that is not unique makes the relation unclear.
    RefExpression.Resolution r =
        RefExpression.parse("the square right of the red circle").resolve(SCENE);
    assertEquals(List.of(BLUE), r.unclear());
  }

  @Test
  void aLocationNeedsAMarginOverTheRestOfTheGroup() {
    Scene close =
        scene(
            shape(ShapeKind.STAR, Colour.GREEN, SizeClass.SMALL, 40, 20),
            shape(ShapeKind.STAR, Colour.GREEN, SizeClass.SMALL, 46, 70));
    RefExpression left = RefExpression.parse("the star on the left");
    assertTrue(left.resolve(close).clear().isEmpty());
    assertEquals(2, left.resolve(close).unclear().size());
    assertTrue(RefExpression.parse("the star at the top").identifies(close, close.shapes().get(0)));
  }

  @Test
  void theBuilderOnlyOffersExpressionsThatIdentifyTheTarget() {
    for (Shape target : SCENE.shapes()) {
      RefExpressionBuilder.candidates(SCENE, target)
          .values()
          .forEach(
              list ->
                  list.forEach(e -> assertTrue(e.identifies(SCENE, target), e + " for " + target)));
    }
    assertTrue(
        RefExpressionBuilder.candidates(SCENE, SMALL_RED).get(RefExpression.Form.LOCATION).stream()
            .anyMatch(e -> e.text().equals("the red circle on the left")));
  }

  private static Shape shape(ShapeKind kind, Colour colour, SizeClass size, double cx, double cy) {
    double[] polygon = kind.outline(cx, cy, size.extent());
    for (int i = 0; i < polygon.length; i++) {
      polygon[i] = Decimals.round2(polygon[i]);
    }
    Mask mask = PolygonRasterizer.polygon(polygon, Scene.HEIGHT, Scene.WIDTH);
    return new Shape(-1, kind, colour, size, polygon, mask, Box.of(mask));
  }

  private static Scene scene(Shape... shapes) {
    List<Shape> list = new ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      Shape s = shapes[i];
      list.add(new Shape(i, s.kind(), s.colour(), s.size(), s.polygon(), s.mask(), s.box()));
    }
    return new Scene(0, "t.png", 0xEEEEEE, list);
  }
}

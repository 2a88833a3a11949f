/**
 * {@code perbench-mini}: a deterministic, seeded generator of synthetic scenes (3 to 6 flat
 * coloured shapes: circles, squares, triangles, stars; six colours; three sizes; overlaps and
 * distractors) with exact masks, producing all four tasks in the real file formats, so that the
 * real loaders read them: the PerBench (STBench) JSON files for {@code caption}, {@code mcq} and
 * {@code vres}, and the refer layout (a Python 2 pickle and COCO {@code instances.json}) for {@code
 * res}.
 *
 * <p>Entry points: {@link dev.perbench.data.mini.MiniGenerator#generate} writes one split; {@link
 * dev.perbench.data.mini.MiniBenchmark} holds the standard splits' parameters; {@link
 * dev.perbench.data.mini.MiniGenerator#scene} gives one scene in memory.
 *
 * <p>How it is built: a scene model ({@link dev.perbench.data.mini.Scene}, {@link
 * dev.perbench.data.mini.Shape}, the attribute enums) drawn by {@code SceneGenerator}; one text
 * builder per task ({@code RefExpressionBuilder} over the {@code RefExpression} grammar, {@code
 * VresQuestionBuilder}, {@code McqBuilder}, {@code CaptionBuilder}); one writer per format ({@code
 * StBenchWriter}, {@code ReferWriter}, {@code PngEncoder}, {@code Checksums}).
 *
 * <p>Masks are exact by construction: every shape is a polygon with coordinates on a 0.01 grid,
 * rasterised as pycocotools does, and the image is painted from those masks. Only fully visible
 * shapes (no later shape covers any of their pixels) are referred to, prompted or described, so a
 * target's mask is exactly its pixels in the image; every text is checked to mean exactly its
 * targets among all shapes of the scene.
 */
package dev.perbench.data.mini;

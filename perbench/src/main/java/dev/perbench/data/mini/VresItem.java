package dev.perbench.data.mini;

import java.util.List;

/**
 * One V-T RES record before it is written: the question with region tags, the answer with target
 * tags, and the tags in {@code segmentations} order (which fixes the authors' slot numbers: the tag
 * at position k owns {@code <Prompt{k}>}).
 *
 * @param template which question pattern made it
 * @param prompts the prompted shapes, in tag order ({@code <region1>}, {@code <region2>})
 * @param targets the shapes to segment, in tag order ({@code <target1>}, ...), left to right
 * @param segmentations every tag with its shape, in the order written to the file
 */
record VresItem(
    VresQuestionBuilder.Template template,
    String question,
    String answer,
    List<Shape> prompts,
    List<Shape> targets,
    List<Tagged> segmentations) {

  /** A tag and the shape whose mask it carries. */
  record Tagged(String tag, Shape shape) {}

  VresItem {
    prompts = List.copyOf(prompts);
    targets = List.copyOf(targets);
    segmentations = List.copyOf(segmentations);
  }
}

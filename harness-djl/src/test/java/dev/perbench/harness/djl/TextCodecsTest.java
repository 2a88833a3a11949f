package dev.perbench.harness.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's text parts: the word tokenizer, the caption template, the MCQ answer. */
class TextCodecsTest {
  @Test
  void tokensArePromptTagsWordsAndSinglePunctuationAfterLowerCasing() {
    assertEquals(
        List.of("segment", "the", "shape", "of", "<prompt0>", "and", "<prompt12>", "."),
        WordTokenizer.tokens("Segment the SHAPE of <Prompt0> and <Prompt12>."));
    assertEquals(
        List.of("what", "colour", "?", "a", ".", "red", "(", "b", ")", "x2"),
        WordTokenizer.tokens("What colour?\nA. red\t(B) x2"));
  }

  @Test
  void idsArePositionsUnknownsAreOneAndPaddingIsZeroUpToMaxTokens() {
    WordTokenizer t = new WordTokenizer(List.of("<pad>", "<unk>", "the", "red", "<prompt0>"), 6);
    assertArrayEquals(new long[] {2, 3, 1, 4, 0, 0}, t.encode("The red cup <Prompt0>"));
    assertArrayEquals(new long[] {2, 2, 2, 2, 2, 2}, t.encode("the the the the the the the the"));
    assertArrayEquals(new long[6], t.encode(""));
  }

  @Test
  void theCaptionTemplateTakesEachFieldsArgMax() {
    CaptionTemplate c =
        new CaptionTemplate(
            "A {size} {colour} one; {size}.",
            List.of(
                new CaptionTemplate.Field("size", List.of("small", "large")),
                new CaptionTemplate.Field("colour", List.of("red", "green", "blue"))));
    assertEquals(5, c.size());
    assertEquals("A large green one; large.", c.fill(new float[] {0f, 1f, -1f, 3f, 3f}));
    assertThrows(IllegalArgumentException.class, () -> c.fill(new float[4]));
  }

  @Test
  void theMcqAnswerIsTheChosenOptionsLineAmongTheOptionsTheQuestionHas() {
    McqOptions four = McqOptions.parse("What colour?\nA. red\nB. blue\nC. green\nD. yellow\n");
    assertEquals("C. green", four.answer(new float[] {0f, 1f, 2f, -1f}));
    McqOptions two = McqOptions.parse("Which?\n(A) left\n(B) right");
    assertEquals("(B) right", two.answer(new float[] {0f, 1f, 5f, 5f}));
    assertEquals(
        "D", McqOptions.parse("Which one? no options").answer(new float[] {0f, 1f, 2f, 3f}));
    assertEquals("A", McqOptions.parse("A. one\nC. three").answer(new float[] {1f, 0f, 0f, 0f}));
  }
}

package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.perbench.errors.InputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The kept leaderboard answers: rendered once per read of the rows, re-rendered behind. */
class RenderedAnswersTest {
  private static final RenderedAnswers.Key KEY =
      new RenderedAnswers.Key("refcoco:val", LeaderboardQuery.all(), false);

  /** Background work, run when the test says. */
  private final List<Runnable> queued = new ArrayList<>();

  private final RenderedAnswers answers = new RenderedAnswers(queued::add);
  private final AtomicInteger renders = new AtomicInteger();

  private byte[] render(String text) {
    renders.incrementAndGet();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String get(long version, String text) {
    return new String(
        answers.get(KEY, version, () -> render(text)).identity(), StandardCharsets.UTF_8);
  }

  @Test
  void anAnswerIsRenderedOncePerReadOfItsRowsAndTheOldOneIsSentMeanwhile() {
    assertEquals("one", get(1, "one"));
    assertEquals("one", get(1, "two"));
    assertEquals(1, renders.get());
    // the rows were read again: the old answer goes out, one rendering is queued behind
    assertEquals("one", get(2, "three"));
    assertEquals("one", get(2, "three"));
    assertEquals(1, queued.size());
    queued.remove(0).run();
    assertEquals("three", get(2, "four"));
    assertEquals(2, renders.get());
    // a kept answer from a later read is not replaced by an earlier one
    assertEquals("three", get(1, "five"));
    assertEquals(0, queued.size());
  }

  @Test
  void afterClearTheNextRequestWaitsForTheNewAnswer() {
    get(1, "one");
    get(2, "two");
    answers.clear();
    queued.remove(0).run(); // finished after the clear: not kept
    assertEquals("three", get(2, "three"));
  }

  @Test
  void aFailedBackgroundRenderingIsMetByTheNextRequest() {
    get(1, "one");
    answers.get(
        KEY,
        2,
        () -> {
          throw new InputException("parameter sort: gone");
        });
    queued.remove(0).run();
    assertThrows(
        InputException.class,
        () ->
            answers.get(
                KEY,
                2,
                () -> {
                  throw new InputException("parameter sort: gone");
                }));
    assertEquals("two", get(2, "two"));
  }

  @Test
  void largeAnswersAreKeptGzippedTooAndSmallOnesAsTheyAre() throws Exception {
    byte[] big = "x".repeat(RenderedAnswers.GZIP_MIN_BYTES).getBytes(StandardCharsets.UTF_8);
    RenderedAnswers.Body b = RenderedAnswers.Body.of(big);
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b.gzip()))) {
      assertArrayEquals(big, in.readAllBytes());
    }
    assertNull(RenderedAnswers.Body.of(new byte[RenderedAnswers.GZIP_MIN_BYTES - 1]).gzip());
  }
}

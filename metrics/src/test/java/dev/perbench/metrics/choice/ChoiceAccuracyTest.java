package dev.perbench.metrics.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ChoiceAccuracyTest {
  private static final Map<String, String> OPTIONS =
      Map.of("A", "red car", "B", "blue bicycle", "C", "a dog");

  @TestFactory
  @DisplayName("pixel-sail gives Python's `gt in pred` verdict for every case in choice.json")
  Stream<DynamicTest> pixelSailSubstring() throws IOException {
    JsonNode cases = AnswerExtractorTest.load("choice.json").get("pixel_sail_substring");
    return StreamSupport.stream(cases.spliterator(), false)
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "'" + c.get("answer").asText() + "' in '" + c.get("output").asText() + "'",
                    () -> {
                      ChoiceQuestion q =
                          new ChoiceQuestion(Map.of(), null, c.get("answer").asText());
                      Verdict expected = c.get("hit").asBoolean() ? Verdict.CORRECT : Verdict.WRONG;
                      assertEquals(
                          expected, ChoiceProfile.PIXEL_SAIL.judge(c.get("output").asText(), q));
                    }));
  }

  @Test
  @DisplayName("strict counts correct, wrong and unparsed answers; unparsed ones are wrong")
  void strictCounts() {
    ChoiceQuestion q = new ChoiceQuestion(OPTIONS, "B", "(B) blue bicycle");
    ChoiceAccuracy acc = new ChoiceAccuracy(ChoiceProfile.STRICT);
    assertEquals(Verdict.CORRECT, acc.add("The answer is B.", q));
    assertEquals(Verdict.CORRECT, acc.add("blue bicycle", q));
    assertEquals(Verdict.WRONG, acc.add("(A)", q));
    assertEquals(Verdict.UNPARSED, acc.add("A or B", q));
    assertEquals(Verdict.UNPARSED, acc.add(null, q));
    assertEquals(new ChoiceResult(ChoiceProfile.STRICT, 5, 2, 2, 0.4), acc.result());
  }

  @Test
  @DisplayName("the same answers under pixel-sail: substring hits, never unparsed")
  void pixelSailCounts() {
    ChoiceQuestion q = new ChoiceQuestion(OPTIONS, "B", "(B) blue bicycle");
    ChoiceAccuracy acc = new ChoiceAccuracy(ChoiceProfile.PIXEL_SAIL);
    acc.add("The answer is (B) blue bicycle.", q);
    acc.add("B", q);
    acc.add(null, q);
    assertEquals(new ChoiceResult(ChoiceProfile.PIXEL_SAIL, 3, 1, 0, 1.0 / 3), acc.result());
  }

  @Test
  @DisplayName("with no answers accuracy is 0")
  void empty() {
    assertEquals(
        new ChoiceResult(ChoiceProfile.STRICT, 0, 0, 0, 0.0),
        new ChoiceAccuracy(ChoiceProfile.STRICT).result());
  }

  @Test
  @DisplayName("a profile refuses a question that lacks what it needs")
  void missingGroundTruth() {
    ChoiceQuestion noLetter = new ChoiceQuestion(OPTIONS, null, "B");
    ChoiceQuestion noAnswer = new ChoiceQuestion(OPTIONS, "B", null);
    assertThrows(IllegalArgumentException.class, () -> ChoiceProfile.STRICT.judge("B", noLetter));
    assertThrows(
        IllegalArgumentException.class, () -> ChoiceProfile.PIXEL_SAIL.judge("B", noAnswer));
  }

  @Test
  @DisplayName("a correct letter that is not an option is rejected")
  void badCorrectLetter() {
    assertThrows(IllegalArgumentException.class, () -> new ChoiceQuestion(OPTIONS, "E", null));
  }

  @Test
  @DisplayName("profiles are found by id, and an unknown id names the valid ones")
  void profileIds() {
    assertEquals(ChoiceProfile.PIXEL_SAIL, ChoiceProfile.fromId("pixel-sail"));
    assertEquals(ChoiceProfile.STRICT, ChoiceProfile.fromId("strict"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChoiceProfile.fromId("loose"));
    assertEquals(
        "unknown choice profile 'loose'; expected one of strict, pixel-sail", e.getMessage());
  }
}

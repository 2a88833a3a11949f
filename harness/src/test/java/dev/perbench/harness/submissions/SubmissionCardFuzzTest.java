package dev.perbench.harness.submissions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes {@link SubmissionCard#read} (a {@code model.json}): any JSON value either reads as a card
 * with no problem reported, or gives null with at least one problem, each with text; it never
 * throws.
 */
class SubmissionCardFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "3s")
  void read(byte[] input) {
    JsonNode node;
    try {
      node = JSON.readTree(input);
    } catch (java.io.IOException e) {
      return; // not JSON: the card reader is never given it
    }
    List<String> problems = new ArrayList<>();
    SubmissionCard card = SubmissionCard.read(node, problems::add);
    if (card == null) {
      assertFalse(problems.isEmpty(), "no card and no problem");
      problems.forEach(p -> assertTrue(p != null && !p.isBlank(), "a problem without text"));
    } else {
      assertTrue(problems.isEmpty(), "a card and problems " + problems);
      assertNotNull(card.identity());
    }
  }
}

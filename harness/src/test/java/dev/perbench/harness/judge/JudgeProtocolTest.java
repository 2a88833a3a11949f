package dev.perbench.harness.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocols' templates, how strictly they read replies, and their verdicts by hand. */
class JudgeProtocolTest {
  final PairwiseRef pairwise = new PairwiseRef();
  final RubricRef rubric = new RubricRef();
  final CaptionItem item =
      new CaptionItem("caption:1:2", "CTX", "Q?", "the reference", "the answer");

  @Test
  void pairwiseAsksInBothOrdersWithTheTemplateFilledIn() {
    List<List<ChatMessage>> chats = pairwise.chats(item);
    assertEquals(2, chats.size());
    String first = chats.get(0).get(1).content();
    String second = chats.get(1).get(1).content();
    assertTrue(
        first.startsWith("[Context]\nCTX\n\n[Question]\nQ?\n\n[Assistant 1]\nthe reference\n"),
        first);
    assertTrue(
        second.contains(
            "[Assistant 1]\nthe answer\n\n[End of Assistant 1]\n\n[Assistant 2]\nthe reference\n"),
        second);
    assertEquals("system", chats.get(0).get(0).role());
    assertEquals(chats.get(0).get(0), chats.get(1).get(0));
  }

  @Test
  void theTemplatesShaIsThatOfTheResourceFile() throws Exception {
    byte[] bytes;
    try (var in = getClass().getClassLoader().getResourceAsStream("judge/pairwise-ref.v1.txt")) {
      bytes = in.readAllBytes();
    }
    assertEquals(JudgeTemplate.sha256(bytes), pairwise.template().sha256());
    assertEquals("pairwise-ref.v1", pairwise.template().id());
    // a value holding a placeholder's syntax is inserted as it is, never filled in again
    String filled =
        rubric
            .template()
            .render(
                Map.of("context", "{{answer}}", "question", "$1", "reference", "r", "answer", "a"))
            .get(1)
            .content();
    assertTrue(filled.startsWith("[Context]\n{{answer}}\n\n[Question]\n$1\n"), filled);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> rubric.template().render(Map.of()));
    assertEquals("judge template rubric-ref.v1 needs a value for {{context}}", e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> JudgeTemplate.parse("x", 1, "no marks".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"8 6\nreason", "8,6", "  8   6  \n", "8, 6\n\nwhy", "8.0 6.0", "10 1"})
  void pairwiseReadsTwoScoresOnTheFirstLine(String reply) throws Exception {
    double[] r = pairwise.parse(reply);
    assertEquals(2, r.length);
    assertTrue(r[0] >= 1 && r[1] >= 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Assistant 1: 8, Assistant 2: 6",
        "8/10 6/10",
        "8 6 7",
        "8",
        "",
        "0 6",
        "8 11",
        "Scores: 8 6",
        "reason first\n8 6"
      })
  void pairwiseRefusesAnythingElse(String reply) {
    assertThrows(UnparsedReplyException.class, () -> pairwise.parse(reply));
  }

  @Test
  void pairwiseVerdictsByHand() {
    // reference first: ref 8, model 6; model first: model 7, ref 7
    SampleVerdict v = pairwise.verdict(List.of(new double[] {8, 6}, new double[] {7, 7}));
    assertEquals(13, v.numerator());
    assertEquals(15, v.denominator());
    assertEquals(6.5, v.rating());
    assertTrue(v.inconsistent(), "worse in one order, a tie in the other");
  }

  @Test
  void rubricReadsOneStrictJsonObject() throws Exception {
    String ok =
        "{\"correctness\": 8, \"completeness\": 5, \"hallucination\": 9, \"reason\": \"Fine.\"}";
    assertArrayEquals(new double[] {8, 5, 9}, rubric.parse(ok));
    assertArrayEquals(new double[] {8, 5, 9}, rubric.parse("```json\n" + ok + "\n```"));
    for (String bad :
        List.of(
            "Correctness 8",
            "{\"correctness\": 8, \"completeness\": 5, \"hallucination\": 9}",
            "{\"correctness\": 8, \"completeness\": 5, \"hallucination\": 9, \"reason\": \"x\","
                + " \"overall\": 7}",
            "{\"correctness\": 8.5, \"completeness\": 5, \"hallucination\": 9, \"reason\": \"x\"}",
            "{\"correctness\": 0, \"completeness\": 5, \"hallucination\": 9, \"reason\": \"x\"}",
            "{\"correctness\": \"8\", \"completeness\": 5, \"hallucination\": 9, \"reason\":"
                + " \"x\"}",
            "Here it is: " + ok,
            "[" + ok + "]")) {
      assertThrows(UnparsedReplyException.class, () -> rubric.parse(bad), bad);
    }
  }

  @Test
  void rubricVerdictIsTheMeanMappedToZeroToOne() {
    SampleVerdict v = rubric.verdict(List.of(new double[] {8, 5, 9}));
    assertEquals((22.0 / 3 - 1) / 9, v.numerator());
    assertEquals(1, v.denominator());
    assertEquals(22.0 / 3, v.rating());
    assertNull(v.inconsistent());
    assertEquals(1, rubric.chats(item).size());
  }

  @Test
  void protocolsByName() {
    assertEquals("rubric-ref", JudgeProtocol.named("rubric-ref").name());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JudgeProtocol.named("mt-bench"));
    assertEquals(
        "judge protocol 'mt-bench' is unknown; the protocols are pairwise-ref and rubric-ref",
        e.getMessage());
  }

  @Test
  void judgeSpecs() {
    assertEquals(
        new JudgeSpec("openai", "Qwen/Qwen2.5-7B-Instruct"),
        JudgeSpec.parse("openai:Qwen/Qwen2.5-7B-Instruct"));
    assertEquals(
        "Qwen-Qwen2.5-7B-Instruct", JudgeSpec.parse("openai:Qwen/Qwen2.5-7B-Instruct").name());
    assertEquals("llama3.1-8b", JudgeSpec.parse("openai:llama3.1:8b").name());
    for (String bad : List.of("gpt-4o", "anthropic:claude", "openai:", "openai: x")) {
      assertThrows(IllegalArgumentException.class, () -> JudgeSpec.parse(bad), bad);
    }
  }
}

package dev.perbench.harness.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.ChoiceJudgeScore;
import dev.perbench.metrics.stats.Bootstrap;
import dev.perbench.metrics.stats.ConfidenceInterval;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --judge-mcq} against the test endpoint: letters read, NONE, an unreadable reply asked
 * again and then counted, a letter that is not an option unreadable, a failed call counted, the
 * budget covering the mcq calls, the cache, and the accuracy worked out by hand.
 */
class McqJudgeTest {
  static final Pattern ANSWER = Pattern.compile("\\[Answer]\\n(\\S+)");
  static final BootstrapSettings CI = BootstrapSettings.percent95(1000, 0);

  @TempDir Path dir;
  FakeJudgeServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeJudgeServer.start().judge(McqJudgeTest::reader);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The test judge: what it reads from each answer, by the answer's first word. */
  static String reader(JsonNode request) {
    String text = FakeJudgeServer.text(request);
    Matcher m = ANSWER.matcher(text);
    assertTrue(m.find(), text);
    switch (m.group(1)) {
      case "m0":
        return "A";
      case "m1":
        return "B";
      case "m2":
        return " C.\n";
      case "m3":
        return "NONE";
      case "m4":
        return "Well, probably B";
      case "m5":
        return "D"; // not one of m5's options
      default:
        throw new AssertionError(text);
    }
  }

  static final Map<String, String> OPTIONS = options();

  static Map<String, String> options() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("A", "square");
    o.put("B", "circle");
    o.put("C", "triangle");
    return o;
  }

  static McqItem item(String id, String correct) {
    return new McqItem(
        id,
        "What shape is the marked object?\n(A) square (B) circle (C) triangle\n",
        OPTIONS,
        correct,
        id + " the answer rambles on about the round one");
  }

  /**
   * Nine mcq samples: s1 and s2 strictly correct, m0-m5 unparsed and asked (correct letters B, B,
   * A, B, B, B), x1 missing (wrong, not asked).
   */
  static McqItems mcq() {
    BitSet strict = new BitSet();
    strict.set(0);
    strict.set(1);
    return new McqItems(
        List.of("s1", "s2", "m0", "m1", "m2", "m3", "m4", "m5", "x1"),
        strict,
        List.of(
            item("m0", "B"),
            item("m1", "B"),
            item("m2", "A"),
            item("m3", "B"),
            item("m4", "B"),
            item("m5", "B")));
  }

  Judging.Request request(long maxCalls) {
    return new Judging.Request(
        List.of(
            new JudgeSettings(
                JudgeSpec.parse("openai:judge-7b"), new PairwiseRef(), 0.0, 0L, 64, 1, maxCalls)),
        server.url(),
        Duration.ofSeconds(5),
        0,
        dir.resolve("cache"),
        true);
  }

  Judging.Outcome judge(long maxCalls) throws Exception {
    return Judging.judge(
        request(maxCalls), null, List.of(), mcq(), CI, new PrintWriter(new StringWriter()));
  }

  @Test
  void lettersNoneUnreadableAndFailedAreEachCountedAndTheAccuracyIsByHand() throws Exception {
    // m0's call fails (500, no retry): counted failed, not asked again
    server.fail(FakeJudgeServer.Fault.status(500, null));
    Judging.Outcome o = judge(0);
    ChoiceJudgeScore s = o.choices().get("judge-7b");
    assertEquals(6, s.asked());
    assertEquals(2, s.extracted(), "m1: B; m2: C (with its full stop)");
    assertEquals(1, s.correctExtracted(), "m1's B is right; m2's C is not");
    assertEquals(1, s.none(), "m3");
    assertEquals(2, s.unparsed(), "m4: not a bare letter; m5: D is not an option");
    assertEquals(1, s.failed(), "m0");
    assertEquals(1 + 1 + 1 + 1 + 2 + 2, s.calls(), "m4 and m5 re-asked once; m0 not");
    assertEquals(0, s.cached());
    // (2 strictly correct + m1) / 9 samples; the missing x1 and everything else wrong
    assertEquals(3.0 / 9, s.accuracy());
    ConfidenceInterval ci = Bootstrap.mean(new double[] {1, 1, 0, 1, 0, 0, 0, 0, 0}, 0.95, 1000, 0);
    assertEquals(ci.lower(), s.ci().lower());
    assertEquals(ci.upper(), s.ci().upper());
    assertEquals(new McqExtract().template().sha256(), s.templateSha256());
    assertEquals("judge-7b", s.judgeModelRequested());
    assertEquals(server.url().getHost() + ":" + server.url().getPort(), s.endpoint());

    Map<String, Judgement> by = new LinkedHashMap<>();
    o.judgements().forEach(j -> by.put(j.sampleId(), j));
    assertEquals(Judgement.FAILED, by.get("m0").status());
    assertEquals("B", by.get("m1").verdict().choice());
    assertEquals(1.0, by.get("m1").verdict().numerator());
    assertEquals("C", by.get("m2").verdict().choice());
    assertEquals(0.0, by.get("m2").verdict().numerator());
    assertEquals(Judgement.OK, by.get("m3").status());
    assertNull(by.get("m3").verdict().choice());
    assertEquals(Judgement.UNPARSED, by.get("m4").status());
    assertTrue(by.get("m4").chats().get(0).reasked());
    assertEquals(Judgement.UNPARSED, by.get("m5").status());
    assertFalse(by.get("m1").chats().get(0).reasked());
    assertTrue(o.judgements().stream().allMatch(j -> j.protocol().equals(McqExtract.NAME)));

    // judgements.jsonl: the letter read as the verdict's rating, null for NONE
    ObjectMapper json = new ObjectMapper();
    JsonNode m1 = json.readTree(JudgementsFile.line(by.get("m1")));
    assertEquals("mcq-extract", m1.get("protocol").asText());
    assertEquals("B", m1.at("/verdict/rating").asText());
    assertEquals(List.of(2.0), List.of(m1.at("/chats/0/ratings/0").asDouble()));
    assertTrue(json.readTree(JudgementsFile.line(by.get("m3"))).at("/verdict/rating").isNull());

    // the re-ask carries the unreadable reply and the reminder naming the letters
    JsonNode again =
        server.received().stream()
            .map(FakeJudgeServer.Received::body)
            .filter(b -> b.path("messages").size() == 4 && FakeJudgeServer.text(b).contains("m4"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        again.at("/messages/3/content").asText().contains("A, B or C, or with NONE"),
        again.toString());
  }

  @Test
  void aSecondRunIsAnsweredByTheCacheButAFailedCallIsAskedAgain() throws Exception {
    server.fail(FakeJudgeServer.Fault.status(500, null));
    ChoiceJudgeScore first = judge(0).choices().get("judge-7b");
    int calls = server.completions();
    ChoiceJudgeScore again = judge(0).choices().get("judge-7b");
    assertEquals(1, server.completions() - calls, "only m0, whose call had failed");
    assertEquals(1, again.calls());
    assertEquals(1 + 1 + 1 + 2 + 2, again.cached());
    assertEquals(0, again.failed());
    assertEquals(first.extracted() + 1, again.extracted(), "m0 read now: A, a wrong letter");
    assertEquals(first.accuracy(), again.accuracy());
  }

  @Test
  void theBudgetCountsTheMcqCallsBeforeAnyCall() {
    List<CaptionItem> captions =
        List.of(new CaptionItem("c1", "ctx", "Describe it.", "REF c1", "ANS c1"));
    JudgeRefusedException e =
        assertThrows(
            JudgeRefusedException.class,
            () ->
                Judging.judge(
                    request(7), null, captions, mcq(), CI, new PrintWriter(new StringWriter())));
    assertTrue(
        e.getMessage().contains("needs 8 calls (2 for the descriptions, 6 for the answers"),
        e.getMessage());
    assertEquals(0, server.completions());
  }

  @Test
  void aReplyIsOneOfTheOptionLettersOrNoneAndNothingElse() throws Exception {
    McqExtract p = new McqExtract();
    McqItem item = item("m", "B");
    assertEquals(1.0, p.parse(item, "A")[0]);
    assertEquals(2.0, p.parse(item, "  B.\n")[0]);
    assertEquals(0.0, p.parse(item, "NONE")[0]);
    assertEquals(0.0, p.parse(item, "NONE.")[0]);
    for (String bad : List.of("D", "b", "none", "B..", "(B)", "B, C", "Answer: B", "", "AB")) {
      assertThrows(UnparsedReplyException.class, () -> p.parse(item, bad), bad);
    }
    String user = p.chats(item).get(0).get(1).content();
    assertTrue(user.contains("A. square\nB. circle\nC. triangle"), user);
    assertTrue(user.contains("[Answer]\nm the answer rambles"), user);
    assertTrue(user.contains("letters A, B or C, or with NONE"), user);
  }
}

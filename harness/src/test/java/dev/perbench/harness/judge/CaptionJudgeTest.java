package dev.perbench.harness.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.harness.http.Backoff;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.JudgeScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One judge judging against the test endpoint: both orders of the pairwise protocol and the
 * inconsistency they reveal, unreadable replies asked again and then counted, failed calls counted,
 * the cache answering a second run with no call, the call budget, a refusing endpoint, and the
 * figures worked out by hand.
 */
class CaptionJudgeTest {
  static final String KEY = "sk-secret-judge-key-42";
  static final Pattern ASSISTANT_1 =
      Pattern.compile("\\[Assistant 1]\\n(.*?)\\n\\n\\[End of Assistant 1]", Pattern.DOTALL);

  @TempDir Path dir;
  FakeJudgeServer server;
  JudgementCache cache;

  @BeforeEach
  void start() throws Exception {
    server = FakeJudgeServer.start();
    cache = JudgementCache.open(dir.resolve("cache"));
  }

  @AfterEach
  void stop() {
    cache.close();
    server.close();
  }

  static CaptionItem item(String id) {
    return new CaptionItem(
        id,
        "An image; the object is marked.",
        "Describe the marked object.",
        "REF " + id,
        "ANS " + id);
  }

  /**
   * The test judge: rates the reference and the model's answer by the sample (s1: 8 and 6; s2:
   * always "8 6", whichever is first: position bias; s3: 5 and 9), whatever order they come in.
   */
  static String pairwise(JsonNode request) {
    String text = FakeJudgeServer.text(request);
    Matcher m = ASSISTANT_1.matcher(text);
    assertTrue(m.find(), text);
    String first = m.group(1);
    String id = first.substring(4);
    boolean refFirst = first.startsWith("REF ");
    int ref;
    int model;
    switch (id) {
      case "s1":
        ref = 8;
        model = 6;
        break;
      case "s2":
        return "8 6\nThe first is better.";
      case "s3":
        ref = 5;
        model = 9;
        break;
      default:
        return "I cannot decide.";
    }
    return (refFirst ? ref + " " + model : model + " " + ref) + "\nBecause.";
  }

  CaptionJudge judge(String model, int concurrency, long maxCalls) {
    return new CaptionJudge(
        new OpenAiChat(server.url(), KEY, Duration.ofSeconds(5), 1, Backoff.none()),
        cache,
        new JudgeSettings(
            JudgeSpec.parse("openai:" + model),
            new PairwiseRef(),
            0.0,
            0L,
            256,
            concurrency,
            maxCalls),
        Clock.systemUTC());
  }

  JudgeScore score(CaptionJudge.Result r) {
    return JudgeScores.of(
        new JudgeSettings(
            JudgeSpec.parse("openai:judge-7b"), new PairwiseRef(), 0.0, 0L, 256, 1, 0),
        "127.0.0.1",
        r,
        BootstrapSettings.percent95(1000, 0));
  }

  @Test
  void bothOrdersAreAskedAndTheScoreIsModelOverReferenceWithItsInconsistency() throws Exception {
    server.judge(CaptionJudgeTest::pairwise).reportModel(m -> m + "-2026-01");
    CaptionJudge.Result r =
        judge("judge-7b", 8, 0).judge(List.of(item("s1"), item("s2"), item("s3")), null);
    assertEquals(6, server.completions(), "3 samples x 2 orders");
    JudgeScore s = score(r);
    // s1: model 6+6 over reference 8+8; s2 (position bias): 6+8 over 8+6; s3: 9+9 over 5+5
    assertEquals(100.0 * (12 + 14 + 18) / (16 + 14 + 10), s.score());
    assertEquals(1.0 / 3, s.inconsistency(), "s2's orders disagree");
    assertEquals(List.of(3L, 0L, 0L), List.of(s.n(), s.unparsed(), s.failed()));
    assertEquals("judge-7b-2026-01", s.judgeModelReported());
    assertEquals("judge-7b", s.judgeModelRequested());
    assertEquals(6, s.calls());
    assertEquals(0, s.cached());
    assertTrue(s.promptTokens() > 0, "" + s);
    // the test endpoint counts words: "6 8\nBecause." is 3 (s1, s3), "8 6\nThe first is better." 6
    assertEquals(4 * 3 + 2 * 6, s.completionTokens());
    assertTrue(s.ci().get(0) <= s.score() && s.score() <= s.ci().get(1), s.ci().toString());
    Judgement s1 = r.judgements().get(0);
    assertEquals("s1", s1.sampleId());
    assertArrayEquals(new double[] {8, 6}, s1.chats().get(0).ratings());
    assertArrayEquals(new double[] {6, 8}, s1.chats().get(1).ratings());
    assertEquals(6.0, s1.verdict().rating());
    assertFalse(s1.verdict().inconsistent());
    assertTrue(r.judgements().get(1).verdict().inconsistent());
  }

  @Test
  void anUnreadableReplyIsAskedOnceMoreThenCountedNeverScored() throws Exception {
    server.judge(
        request -> {
          String text = FakeJudgeServer.text(request);
          if (text.contains("Your reply could not be read")) {
            return text.contains("REF s4") ? "7 7\nNow in the right format." : "Still no.";
          }
          return text.contains("REF s4") || text.contains("REF s5")
              ? "Both fine."
              : pairwise(request);
        });
    CaptionJudge.Result r =
        judge("judge-7b", 1, 0).judge(List.of(item("s1"), item("s4"), item("s5")), null);
    Judgement s4 = r.judgements().get(1);
    assertEquals(Judgement.OK, s4.status());
    assertTrue(s4.chats().get(0).reasked());
    assertArrayEquals(new double[] {7, 7}, s4.chats().get(0).ratings());
    Judgement s5 = r.judgements().get(2);
    assertEquals(Judgement.UNPARSED, s5.status());
    assertNull(s5.verdict());
    assertEquals(
        "the first line is not two scores separated by a space: 'Both fine.'; asked again: the"
            + " first line is not two scores separated by a space: 'Still no.'",
        s5.chats().get(0).error());
    JudgeScore s = score(r);
    assertEquals(List.of(2L, 1L, 0L), List.of(s.n(), s.unparsed(), s.failed()));
    assertEquals(100.0 * (12 + 14) / (16 + 14), s.score(), "s5 excluded, not scored as anything");
    assertEquals(2 + 4 + 4, server.completions(), "s1: 2; s4: 2 + 2 re-asks; s5: 2 + 2 re-asks");
  }

  @Test
  void aCallThatFailsAfterItsRetriesIsCountedFailedNeverScored() throws Exception {
    server.judge(CaptionJudgeTest::pairwise);
    judge("judge-7b", 1, 0).judge(List.of(item("s1")), null); // cached now: no call for s1 below
    // s3's first chat then fails twice (the call and its one retry)
    server.fail(FakeJudgeServer.Fault.status(500, null), FakeJudgeServer.Fault.status(503, null));
    CaptionJudge.Result r = judge("judge-7b", 1, 0).judge(List.of(item("s1"), item("s3")), null);
    Judgement s3 = r.judgements().get(1);
    assertEquals(Judgement.FAILED, s3.status());
    assertNull(s3.chats().get(0).reply());
    assertEquals(
        "the call failed: http 503: fault 503 (after 2 attempts)", s3.chats().get(0).error());
    JudgeScore s = score(r);
    assertEquals(List.of(1L, 0L, 1L), List.of(s.n(), s.unparsed(), s.failed()));
    assertEquals(100.0 * 12 / 16, s.score());
    assertEquals(2, s.cached(), "s1 from the cache");
  }

  @Test
  void aSecondRunIsAnsweredByTheCacheWithNoCallAndTheSameFigures() throws Exception {
    server.judge(CaptionJudgeTest::pairwise).reportModel(m -> m + "-snapshot");
    List<CaptionItem> items = List.of(item("s1"), item("s2"), item("s3"));
    JudgeScore first = score(judge("judge-7b", 4, 0).judge(items, null));
    int calls = server.completions();
    JudgeScore again = score(judge("judge-7b", 4, 0).judge(items, null));
    assertEquals(calls, server.completions(), "no call: every chat was cached");
    assertEquals(first.score(), again.score());
    assertEquals(first.ci(), again.ci());
    assertEquals(first.inconsistency(), again.inconsistency());
    assertEquals(6, again.cached());
    assertEquals(0, again.calls());
    assertEquals("judge-7b-snapshot", again.judgeModelReported(), "kept with the cached replies");
    // another judge (model name) misses the cache
    judge("judge-70b", 4, 0).judge(items, null);
    assertEquals(calls + 6, server.completions());
    assertFalse(
        new String(
                Files.readAllBytes(dir.resolve("cache").resolve(JudgementCache.FILE)),
                java.nio.charset.StandardCharsets.ISO_8859_1)
            .contains(KEY),
        "the key is never written");
  }

  @Test
  void theCacheKeyChangesWithEverythingThatDecidesTheReply() {
    List<ChatMessage> m = List.of(ChatMessage.user("rate"));
    String base = JudgementCache.key("h:1", "m", "a".repeat(64), m, 0.0, 0L, 256);
    assertEquals(base, JudgementCache.key("h:1", "m", "a".repeat(64), m, 0.0, 0L, 256));
    Set<String> others =
        Set.of(
            JudgementCache.key("h:2", "m", "a".repeat(64), m, 0.0, 0L, 256),
            JudgementCache.key("h:1", "n", "a".repeat(64), m, 0.0, 0L, 256),
            JudgementCache.key("h:1", "m", "b".repeat(64), m, 0.0, 0L, 256),
            JudgementCache.key(
                "h:1", "m", "a".repeat(64), List.of(ChatMessage.user("rate!")), 0.0, 0L, 256),
            JudgementCache.key("h:1", "m", "a".repeat(64), m, 0.2, 0L, 256),
            JudgementCache.key("h:1", "m", "a".repeat(64), m, 0.0, null, 256),
            JudgementCache.key("h:1", "m", "a".repeat(64), m, 0.0, 1L, 256),
            JudgementCache.key("h:1", "m", "a".repeat(64), m, 0.0, 0L, 512));
    assertEquals(8, others.size());
    assertFalse(others.contains(base));
  }

  @Test
  void aBudgetTooSmallRefusesBeforeAnyCallAndSaysHowManyAreNeeded() throws Exception {
    server.judge(CaptionJudgeTest::pairwise);
    JudgeRefusedException e =
        assertThrows(
            JudgeRefusedException.class,
            () -> judge("judge-7b", 2, 5).judge(List.of(item("s1"), item("s2"), item("s3")), null));
    assertEquals(
        "judge openai:judge-7b: judging 3 samples needs 6 calls (0 of 6 chats are cached), more"
            + " than --judge-max-calls 5 allows; raise it to at least 6",
        e.getMessage());
    assertEquals(0, server.completions());
    judge("judge-7b", 2, 2).judge(List.of(item("s1")), null);
    assertEquals(
        4, judge("judge-7b", 2, 4).callsNeeded(List.of(item("s1"), item("s2"), item("s3"))));
    judge("judge-7b", 2, 4).judge(List.of(item("s1"), item("s2"), item("s3")), null);
    assertEquals(6, server.completions());
  }

  @Test
  void reAsksNeverTakeAFirstCallsPlaceInTheBudget() throws Exception {
    server.judge(
        request -> {
          String text = FakeJudgeServer.text(request);
          return text.contains("REF s4") || text.contains("REF s5")
              ? "Both fine."
              : pairwise(request);
        });
    // exactly the 6 first calls: with 3 in flight, re-asks of s4 and s5 come before s1 is asked
    CaptionJudge.Result r =
        judge("judge-7b", 3, 6).judge(List.of(item("s4"), item("s5"), item("s1")), null);
    assertEquals(6, server.completions());
    assertEquals(Judgement.OK, r.judgements().get(2).status(), "s1 asked, both orders");
    for (int i = 0; i < 2; i++) {
      Judgement j = r.judgements().get(i);
      assertEquals(Judgement.UNPARSED, j.status());
      assertTrue(
          j.chats()
              .get(0)
              .error()
              .endsWith(
                  "; asking again: not asked again: the call budget (--judge-max-calls 6) is used"
                      + " up"),
          j.chats().get(0).error());
    }
  }

  @Test
  void anEndpointThatRefusesTheKeyStopsJudgingWithWhatToCheck() throws Exception {
    server.judge(CaptionJudgeTest::pairwise);
    server.fail(FakeJudgeServer.Fault.status(401, null));
    JudgeRefusedException e =
        assertThrows(
            JudgeRefusedException.class,
            () ->
                judge("judge-7b", 1, 0)
                    .judge(List.of(item("s1"), item("s2"), item("s3"), item("s1")), null));
    assertTrue(
        e.getMessage()
            .startsWith(
                "judge openai:judge-7b at 127.0.0.1:"
                    + server.url().getPort()
                    + " refused the call: http 401: fault 401 (not retried); check the judge's"
                    + " URL"),
        e.getMessage());
    assertEquals(1, server.completions(), "no call after the refusal");
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void theCacheIsOneProcessAtATime() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> JudgementCache.open(dir.resolve("cache")));
    assertTrue(e.getMessage().contains("is in use by another perbench process"), e.getMessage());
  }
}

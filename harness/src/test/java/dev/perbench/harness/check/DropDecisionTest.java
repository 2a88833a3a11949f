package dev.perbench.harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.GateFile.Rule;
import org.junit.jupiter.api.Test;

/**
 * {@link DropDecision}: the verdict of a drop rule at the edges of its interval, and the samples an
 * inconclusive rule would need, on cases computed by hand.
 */
class DropDecisionTest {
  private static final Rule HALF_POINT = new Rule("res.ciou", 0.5, null, null, null, null);
  private static final Rule NO_DROP = new Rule("mcq.accuracy", 0.0, null, null, null, null);
  private static final Rule TWO_PERCENT = new Rule("res.giou", null, "2%", null, null, null);

  private static RuleResult decide(Rule r, double base, double lower, double upper) {
    double difference = (lower + upper) / 2;
    return DropDecision.of(
        r, "paired bootstrap", base, base + difference, difference, lower, upper, 0.5, 300);
  }

  @Test
  void samplesNeededOnThePassSide() {
    // estimate -0.2 points, lower -0.7, threshold -0.5: half-width 0.5, distance 0.3;
    // 300 * (0.5 / 0.3)^2 = 833.3, so 834.
    assertEquals(834L, DropDecision.samplesNeeded(-0.002, -0.007, 0.003, -0.005, 300));
    // 0, [-0.25, 0.25], threshold -0.125: (0.25 / 0.125)^2 = 4, so 400 exactly: at 400 samples
    // the lower end reaches the threshold, and a lower end on the threshold passes.
    assertEquals(400L, DropDecision.samplesNeeded(0.0, -0.25, 0.25, -0.125, 100));
  }

  @Test
  void samplesNeededOnTheFailSide() {
    // -0.25, [-0.75, 0.25], threshold -0.125: half-width above 0.5, distance 0.125, ratio 4;
    // 100 * 16 = 1600 puts the upper end on the threshold, which is not yet a failure: 1601.
    assertEquals(1601L, DropDecision.samplesNeeded(-0.25, -0.75, 0.25, -0.125, 100));
    // -0.0625, [-0.125, 0], threshold 0 (max_drop 0): the upper end is on the threshold now,
    // so the current 300 do not decide it; one more does.
    assertEquals(301L, DropDecision.samplesNeeded(-0.0625, -0.125, 0.0, -0.0, 300));
  }

  @Test
  void noSampleCountDecidesAnEstimateOnTheThreshold() {
    assertNull(DropDecision.samplesNeeded(-0.005, -0.01, 0.0, -0.005, 300));
    assertNull(DropDecision.samplesNeeded(-0.0, -0.01, 0.01, -0.0, 300));
  }

  @Test
  void aZeroWidthSideGivesNoCount() {
    assertNull(DropDecision.samplesNeeded(0.0, 0.0, 0.01, -0.005, 300));
  }

  @Test
  void theThresholdOfADropRuleIsMinusTheTolerance() {
    assertEquals(-0.005, decide(HALF_POINT, 0.62, -0.01, 0.0).threshold());
    // 2% of a baseline of 0.5
    assertEquals(-0.01, decide(TWO_PERCENT, 0.5, -0.02, 0.0).threshold());
    // max_drop 0: 0, not -0.0 (check.json would print "-0.0")
    assertEquals(0.0, decide(NO_DROP, 1.0, -0.02, 0.0).threshold());
  }

  @Test
  void anUpperEndOnTheThresholdIsInconclusiveNotAFailure() {
    RuleResult r = decide(HALF_POINT, 0.62, -0.01, -0.005);
    assertEquals(Verdict.WARN, r.verdict());
    assertEquals(Verdict.FAIL, decide(HALF_POINT, 0.62, -0.01, Math.nextDown(-0.005)).verdict());
    assertEquals(Verdict.WARN, decide(TWO_PERCENT, 0.5, -0.02, -0.01).verdict());
    assertEquals(Verdict.FAIL, decide(TWO_PERCENT, 0.5, -0.02, -0.0101).verdict());
  }

  @Test
  void aLowerEndOnTheThresholdPasses() {
    assertEquals(Verdict.PASS, decide(HALF_POINT, 0.62, -0.005, 0.01).verdict());
    assertEquals(Verdict.WARN, decide(HALF_POINT, 0.62, Math.nextDown(-0.005), 0.01).verdict());
    // identical runs under max_drop 0: a zero-width interval at 0
    assertEquals(Verdict.PASS, decide(NO_DROP, 1.0, 0.0, 0.0).verdict());
  }

  @Test
  void twoLostAnswersUnderMaxDropZeroAreInconclusive() {
    // What pixel-mini-reproduced against baseline-oracle gives for mcq.accuracy: the run lost
    // answers and gained none, so no resample is above 0 and the upper end is exactly 0.
    RuleResult r =
        DropDecision.of(NO_DROP, "paired bootstrap", 1.0, 0.9375, -0.0625, -0.125, 0.0, 0.261, 300);
    assertEquals(Verdict.WARN, r.verdict());
    assertEquals(301L, r.samplesNeeded());
    assertEquals(
        "inconclusive: changed by -6.25 points (95% CI -12.50 to 0.00 points), the interval"
            + " straddles the threshold of 0.00 points; about 301 samples would decide it"
            + " (300 now)",
        r.message());
  }

  @Test
  void anInconclusiveRuleOnTheThresholdSaysNoCountDecidesIt() {
    RuleResult r =
        DropDecision.of(HALF_POINT, "paired bootstrap", 0.5, 0.495, -0.005, -0.01, 0.0, 0.3, 300);
    assertEquals(Verdict.WARN, r.verdict());
    assertNull(r.samplesNeeded());
    assertTrue(
        r.message()
            .endsWith(
                "the estimate sits on the threshold, so more samples would not" + " decide it"),
        r.message());
  }

  @Test
  void decidedRulesNeedNoMoreSamples() {
    assertNull(decide(HALF_POINT, 0.62, -0.03, -0.02).samplesNeeded());
    assertNull(decide(HALF_POINT, 0.62, 0.0, 0.01).samplesNeeded());
  }
}

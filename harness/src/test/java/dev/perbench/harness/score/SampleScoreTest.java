package dev.perbench.harness.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.Prediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-sample scores {@link Scoring} hands out: each task metric is the ratio of sums of its
 * {@link SampleMetric} over them, equal to what the evaluation reports (EvaluatorTest's hand
 * counts), and statuses and chosen letters are as the predictions say.
 */
class SampleScoreTest {
  private static Map<String, SampleScore> scoreAll(List<SampleScore> out) {
    List<Sample> samples = new ArrayList<>(EvaluatorTest.RES);
    samples.addAll(EvaluatorTest.VRES);
    samples.addAll(EvaluatorTest.MCQ);
    Map<String, Prediction> p = new HashMap<>(EvaluatorTest.resPredictions());
    p.putAll(EvaluatorTest.VRES_PREDICTIONS);
    p.putAll(EvaluatorTest.MCQ_PREDICTIONS);
    Scoring.score(
        "tiny", samples, PredictionSource.of(p), EvalProfile.STANDARD, ScoringTest.CI, out::add);
    Map<String, SampleScore> byId = new HashMap<>();
    out.forEach(s -> byId.put(s.sampleId(), s));
    assertEquals(samples.size(), out.size(), "one score per sample");
    for (int i = 0; i < samples.size(); i++) {
      assertEquals(samples.get(i).id(), out.get(i).sampleId(), "in sample order");
    }
    return byId;
  }

  private static double ratio(List<SampleScore> scores, Task task, SampleMetric m) {
    double num = 0;
    double den = 0;
    for (SampleScore s : scores) {
      if (s.task() == task) {
        num += m.numerator(s);
        den += m.denominator(s);
      }
    }
    return num / den;
  }

  @Test
  void taskMetricsAreRatiosOfSumsOfTheSampleScores() {
    List<SampleScore> out = new ArrayList<>();
    scoreAll(out);
    // the same hand counts as ScoringTest
    assertEquals(0.3125, ratio(out, Task.RES, SampleMetric.CIOU), 1e-15);
    assertEquals(11.0 / 36, ratio(out, Task.RES, SampleMetric.GIOU), 1e-12);
    assertEquals(10.0 / 28, ratio(out, Task.VRES, SampleMetric.CIOU), 1e-12);
    assertEquals(2.0 / 6, ratio(out, Task.VRES, SampleMetric.GIOU), 1e-12);
    assertEquals(1.0 / 6, ratio(out, Task.MCQ, SampleMetric.ACCURACY), 1e-12);
  }

  @Test
  void statusesTargetsAndChosenLettersAreThePredictions() {
    Map<String, SampleScore> s = scoreAll(new ArrayList<>());
    // missing r3, v3, m5; failed r4, v4, m6 (EvaluatorTest's fixtures)
    assertEquals(SampleScore.MISSING, s.get("r3").status());
    assertEquals(SampleScore.FAILED, s.get("v4").status());
    assertEquals(SampleScore.FAILED, s.get("m6").status());
    assertEquals(SampleScore.OK, s.get("r1").status());
    // "(A) red" names A, "B" names B, "no idea" and "(A) ... or maybe (B)" name none
    assertEquals("A", s.get("m1").chosen());
    assertEquals("B", s.get("m2").chosen());
    assertNull(s.get("m3").chosen());
    assertNull(s.get("m4").chosen());
    assertNull(s.get("m6").chosen());
    for (SampleScore x : s.values()) {
      if (x.task() == Task.VRES) {
        assertEquals(x.iouSum() / x.targets(), x.score(), 1e-15, x.sampleId());
      } else {
        assertEquals(1, x.targets(), x.sampleId());
      }
      if (x.task() == Task.MCQ && x.score() == 1) {
        assertEquals("A", x.chosen(), x.sampleId());
      }
      if (x.task() != Task.MCQ) {
        assertNull(x.chosen(), x.sampleId());
      }
    }
  }
}

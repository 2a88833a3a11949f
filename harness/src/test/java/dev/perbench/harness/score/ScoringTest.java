package dev.perbench.harness.score;

import static dev.perbench.harness.testing.TinySamples.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.model.Sample;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.testing.TinySamples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Scoring#score} over an in-memory {@link PredictionSource}. */
class ScoringTest {
  static final BootstrapSettings CI = BootstrapSettings.percent95(100, 3);
  static final String SHORT = "a red square";
  static final String LONG = "a red square on the left of the picture";

  @Test
  void aMapBackedSourceIsScoredLikeTheEvaluatorScoresItsPairs() {
    List<Sample> samples = new ArrayList<>(EvaluatorTest.RES);
    samples.addAll(EvaluatorTest.VRES);
    samples.addAll(EvaluatorTest.MCQ);
    Map<String, Prediction> p = new HashMap<>(EvaluatorTest.resPredictions());
    p.putAll(EvaluatorTest.VRES_PREDICTIONS);
    p.putAll(EvaluatorTest.MCQ_PREDICTIONS);
    Evaluation e = Scoring.score("tiny", samples, PredictionSource.of(p), EvalProfile.STANDARD, CI);
    // the hand counts of EvaluatorTest, all in one run
    assertEquals(0.3125, e.tasks().res().ciou().doubleValue());
    assertEquals(11.0 / 36, e.tasks().res().giou(), 1e-12);
    assertEquals(10.0 / 28, e.tasks().vres().ciou(), 1e-12);
    assertEquals(2.0 / 6, e.tasks().vres().giou(), 1e-12);
    assertEquals(1.0 / 6, e.tasks().mcq().accuracy(), 1e-12);
    // 6 res + 4 vres + 6 mcq; missing r3, v3, m5; failed r4, v4, m6
    assertEquals(List.of(16L, 3L, 3L), List.of(e.n(), e.missing(), e.failed()));
    assertEquals(Evaluation.METRICS_VERSION, e.metricsVersion().intValue());
    assertEquals(2, Evaluation.METRICS_VERSION);
  }

  @Test
  void captionsAreScoredWithTheProfilesMeteorCall() {
    // Plumbing only: the METEOR values themselves are tested against NLTK in the metrics module.
    List<Sample> samples =
        List.of(TinySamples.caption("c1", LONG), TinySamples.caption("c2", "a blue disc"));
    PredictionSource p = PredictionSource.of(Map.of("c1", Prediction.text("c1", SHORT)));
    for (EvalProfile profile : EvalProfile.values()) {
      CaptionTaskResult c = Scoring.score("tiny", samples, p, profile, CI).tasks().caption();
      double one = CaptionMetrics.forProfile(profile).score(SHORT, List.of(LONG));
      assertTrue(one > 0 && one < 1, profile + ": " + one);
      // c2 has no prediction and scores 0
      assertEquals(one / 2, c.meteor(), 1e-15, profile.id());
      assertEquals(
          profile == EvalProfile.PIXEL_SAIL
              ? "meteor (authors' call: prediction and reference swapped)"
              : "meteor (NLTK)",
          c.convention());
    }
  }

  @Test
  void theAuthorsSwappedMeteorCallGivesAnotherScoreForAnAsymmetricPair() {
    // precision 1 and recall 3/9 one way, the reverse the other: METEOR's F-mean is asymmetric
    double nltk = CaptionMetrics.forProfile(EvalProfile.STANDARD).score(SHORT, List.of(LONG));
    double swapped = CaptionMetrics.forProfile(EvalProfile.PIXEL_SAIL).score(SHORT, List.of(LONG));
    assertNotEquals(nltk, swapped);
  }

  @Test
  void scoresDoNotDependOnTheSourcesOrderOnlyOnTheSamples() {
    Map<String, Prediction> p = EvaluatorTest.resPredictions();
    Evaluation forward =
        Scoring.score("tiny", EvaluatorTest.RES, PredictionSource.of(p), EvalProfile.STANDARD, CI);
    Evaluation again =
        Scoring.score(
            "tiny",
            EvaluatorTest.RES,
            PredictionSource.of(new HashMap<>(p)),
            EvalProfile.STANDARD,
            CI);
    assertEquals(forward, again);
    assertNotNull(forward.tasks().res().ci().giou());
  }

  @Test
  void aPredictedMaskOfAnotherSizeThanTheImageIsRefusedNamingTheSample() {
    List<Sample> samples = List.of(TinySamples.res("odd-one", rect(0, 4, 0, 1)));
    PredictionSource p =
        PredictionSource.of(
            Map.of("odd-one", Prediction.masks("odd-one", List.of(rect(3, 3, 0, 3, 0, 1)))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Scoring.score("tiny", samples, p, EvalProfile.STANDARD, CI));
    assertTrue(e.getMessage().contains("odd-one"), e.getMessage());
    assertTrue(e.getMessage().contains("3x3"), e.getMessage());
  }

  @Test
  void aSourceWithoutAnyPredictionScoresEverySampleAsMissing() {
    Evaluation e =
        Scoring.score(
            "tiny", EvaluatorTest.RES, PredictionSource.of(Map.of()), EvalProfile.STANDARD, CI);
    assertEquals(List.of(6L, 6L, 0L), List.of(e.n(), e.missing(), e.failed()));
    // U = 8 + 4 + 4 + 4 + 4 + 4 = 28, I = 0
    assertEquals(0.0, e.tasks().res().ciou().doubleValue());
    assertEquals(0.0, e.tasks().res().giou().doubleValue());
  }
}

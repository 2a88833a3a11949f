package dev.perbench.harness.score;

import static dev.perbench.harness.testing.TinySamples.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.model.Sample;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.testing.TinySamples;
import dev.perbench.metrics.mask.Mask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on hand-built samples of a 4x4 image whose every intersection and union is counted
 * in the comments: rect(y0, y1, x0, x1) is rows [y0, y1) by columns [x0, x1).
 */
class EvaluatorTest {
  static final BootstrapSettings CI = BootstrapSettings.percent95(200, 7);

  /** A caption metric that needs no WordNet: 0.75 for the first reference verbatim, else 0.25. */
  static final class FixedMetric implements CaptionMetric {
    final List<String> calls = new ArrayList<>();

    @Override
    public double score(String prediction, List<String> references) {
      calls.add(prediction + " | " + String.join(" / ", references));
      return prediction.equals(references.get(0)) ? 0.75 : 0.25;
    }
  }

  static void exact(double expected, Double actual) {
    assertNotNull(actual);
    assertEquals(expected, actual.doubleValue());
  }

  static void near(double expected, Double actual) {
    assertNotNull(actual);
    assertEquals(expected, actual.doubleValue(), 1e-12);
  }

  /** n, missing and failed of a task or of the whole evaluation. */
  static List<Long> counts(TaskResult t) {
    return List.of(t.n(), t.missing(), t.failed());
  }

  static List<Long> counts(Evaluation e) {
    return List.of(e.n(), e.missing(), e.failed());
  }

  static Evaluation score(EvalProfile profile, List<Sample> samples, Map<String, Prediction> p) {
    Evaluator ev = new Evaluator(profile, new FixedMetric());
    for (Sample s : samples) {
      ev.add(s, p.get(s.id()));
    }
    return ev.result("tiny", CI);
  }

  // r1: gt rows 0-1 (8 px), pred columns 0-1 (8 px): I = 4, U = 12, IoU 1/3
  // r2: gt column 0 (4 px), pred rows 0-1 of column 0 (2 px): I = 2, U = 4, IoU 1/2
  // r3: gt column 3, no prediction (an empty mask): I = 0, U = 4, IoU 0
  // r4: gt rows 2-3 x columns 2-3, failed prediction (as missing): I = 0, U = 4, IoU 0
  // r5: gt column 1, two predicted masks whose union is column 1: I = 4, U = 4, IoU 1
  // r6: gt row 0, prediction "no target" (an empty mask): I = 0, U = 4, IoU 0
  static final List<Sample> RES =
      List.of(
          TinySamples.res("r1", rect(0, 2, 0, 4)),
          TinySamples.res("r2", rect(0, 4, 0, 1)),
          TinySamples.res("r3", rect(0, 4, 3, 4)),
          TinySamples.res("r4", rect(2, 4, 2, 4)),
          TinySamples.res("r5", rect(0, 4, 1, 2)),
          TinySamples.res("r6", rect(0, 1, 0, 4)));

  static Map<String, Prediction> resPredictions() {
    return Map.of(
        "r1", Prediction.masks("r1", List.of(rect(0, 4, 0, 2))),
        "r2", Prediction.masks("r2", List.of(rect(0, 2, 0, 1))),
        "r4", Prediction.failed("r4", "server down"),
        "r5", Prediction.masks("r5", List.of(rect(0, 2, 1, 2), rect(2, 4, 1, 2))),
        "r6", new Prediction("r6", null, null, true, null));
  }

  @Test
  void resSumsIntersectionsAndUnionsForCiouAndAveragesIousForGiou() {
    Evaluation e = score(EvalProfile.STANDARD, RES, resPredictions());
    SegmentationTaskResult res = e.tasks().res();
    assertNotNull(res);
    assertEquals("standard", res.convention());
    assertEquals(List.of(6L, 1L, 1L), counts(res));
    // sum I = 4 + 2 + 0 + 0 + 4 + 0 = 10, sum U = 12 + 4 + 4 + 4 + 4 + 4 = 32
    exact(0.3125, res.ciou());
    // (1/3 + 1/2 + 0 + 0 + 1 + 0) / 6 = 11/36
    near(11.0 / 36, res.giou());
    // IoU >= 0.5: r2 and r5; >= 0.6 up to 0.9: r5 only
    near(2.0 / 6, res.precision50());
    near(1.0 / 6, res.precision60());
    near(1.0 / 6, res.precision70());
    near(1.0 / 6, res.precision80());
    near(1.0 / 6, res.precision90());
    assertNull(res.nAcc());
    assertNull(res.tAcc());
    assertEquals(6L, res.masks().longValue());
    assertNotNull(res.ci().ciou());
    assertNotNull(res.ci().giou());
    assertEquals(List.of(6L, 1L, 1L), counts(e));
    assertNull(e.tasks().caption());
    assertNull(e.tasks().mcq());
    assertNull(e.tasks().vres());
    assertNull(e.overall(), "no overall without caption, mcq and vres");
  }

  // The authors' RES rule (pixel-sail): the first [SEG] mask alone, the text never read.
  // p1: gt column 1 (4 px), masks [rows 0-1 of column 1, rows 2-3 of column 1]: the first alone,
  //     I = 2, U = 4, IoU 1/2 (standard merges them: IoU 1)
  // p2: gt row 0 (4 px), "no target" with the mask row 0: scored by its mask, I = 4, U = 4, IoU 1
  //     (standard takes no_target as an empty mask: IoU 0)
  // p3: gt row 3 (4 px), "no target" and no mask: empty under both, I = 0, U = 4, IoU 0
  static final List<Sample> FIRST_MASK =
      List.of(
          TinySamples.res("p1", rect(0, 4, 1, 2)),
          TinySamples.res("p2", rect(0, 1, 0, 4)),
          TinySamples.res("p3", rect(3, 4, 0, 4)));

  static Map<String, Prediction> firstMaskPredictions() {
    return Map.of(
        "p1", Prediction.masks("p1", List.of(rect(0, 2, 1, 2), rect(2, 4, 1, 2))),
        "p2", new Prediction("p2", "No target [SEG].", List.of(rect(0, 1, 0, 4)), true, null),
        "p3", new Prediction("p3", "No target [SEG].", null, true, null));
  }

  @Test
  void pixelSailScoresTheFirstResMaskAndNeverReadsNoTarget() {
    SegmentationTaskResult authors =
        score(EvalProfile.PIXEL_SAIL, FIRST_MASK, firstMaskPredictions()).tasks().res();
    // sum I = 2 + 4 + 0 = 6, sum U = 4 + 4 + 4 = 12
    exact(0.5, authors.ciou());
    // (1/2 + 1 + 0) / 3
    near(0.5, authors.giou());
    SegmentationTaskResult standard =
        score(EvalProfile.STANDARD, FIRST_MASK, firstMaskPredictions()).tasks().res();
    // merged p1: I = 4, U = 4; p2 empty: I = 0, U = 4; p3: I = 0, U = 4: 4 / 12
    exact(4.0 / 12, standard.ciou());
    near(1.0 / 3, standard.giou());
  }

  @Test
  void warnedSamplesAreCountedByCodeOncePerSampleAndScoredAsUsual() {
    Map<String, Prediction> p = new java.util.HashMap<>(resPredictions());
    // r1 twice under one code (one sample), r2 under two codes, r4 failed but warned
    p.put(
        "r1", p.get("r1").withWarnings(List.of("empty_visual_prompt:1", "empty_visual_prompt:2")));
    p.put("r2", p.get("r2").withWarnings(List.of("empty_visual_prompt:1", "retried")));
    p.put("r4", p.get("r4").withWarnings(List.of("retried")));
    Evaluation e = score(EvalProfile.STANDARD, RES, p);
    assertEquals(Map.of("empty_visual_prompt", 2L, "retried", 2L), e.warnings());
    // the scores are those of the same predictions without warnings
    exact(0.3125, e.tasks().res().ciou());
    assertNull(score(EvalProfile.STANDARD, RES, resPredictions()).warnings());
  }

  @Test
  void theResultNamesTheMetricsVersionTheBenchmarkTheProfileAndTheIntervalSettings() {
    Evaluation e = score(EvalProfile.PYCOCOTOOLS, RES, resPredictions());
    assertEquals(Evaluation.METRICS_VERSION, e.metricsVersion().intValue());
    assertEquals("tiny", e.benchmark());
    assertEquals("pycocotools", e.profile());
    assertEquals(CI, e.ci());
    // no empty union among these samples, so pycocotools scores them as standard does
    exact(0.3125, e.tasks().res().ciou());
    near(11.0 / 36, e.tasks().res().giou());
    assertEquals("pycocotools", e.tasks().res().convention());
  }

  // e1: no target, predicted "no target": U = 0
  // e2: no target, no prediction: U = 0
  // t1: gt column 0 (4 px), predicted an empty mask: I = 0, U = 4, IoU 0
  // t2: gt column 0, pred rows 0-1 of column 0: I = 2, U = 4, IoU 1/2
  static final List<Sample> EMPTY_UNIONS =
      List.of(
          TinySamples.noTargetRes("e1"),
          TinySamples.noTargetRes("e2"),
          TinySamples.res("t1", rect(0, 4, 0, 1)),
          TinySamples.res("t2", rect(0, 4, 0, 1)));

  static final Map<String, Prediction> EMPTY_UNION_PREDICTIONS =
      Map.of(
          "e1", new Prediction("e1", null, null, true, null),
          "t1", Prediction.masks("t1", List.of(Mask.empty(4, 4))),
          "t2", Prediction.masks("t2", List.of(rect(0, 2, 0, 1))));

  @Test
  void anEmptyUnionScoresOneUnderStandardAndZeroUnderPycocotools() {
    SegmentationTaskResult standard =
        score(EvalProfile.STANDARD, EMPTY_UNIONS, EMPTY_UNION_PREDICTIONS).tasks().res();
    // sums: I = 2, U = 8; IoUs 1, 1, 0, 1/2
    exact(0.25, standard.ciou());
    exact(0.625, standard.giou());
    exact(0.75, standard.precision50()); // e1, e2, t2
    exact(0.5, standard.precision60()); // e1, e2
    assertEquals(List.of(4L, 1L, 0L), counts(standard));

    SegmentationTaskResult coco =
        score(EvalProfile.PYCOCOTOOLS, EMPTY_UNIONS, EMPTY_UNION_PREDICTIONS).tasks().res();
    // IoUs 0, 0, 0, 1/2
    exact(0.25, coco.ciou());
    exact(0.125, coco.giou());
    exact(0.25, coco.precision50());
    exact(0.0, coco.precision60());
    assertNull(coco.nAcc());
  }

  @Test
  void grefcocoCountsPrecisionOverTargetsOnlyAndReportsNaccAndTacc() {
    SegmentationTaskResult g =
        score(EvalProfile.GREFCOCO, EMPTY_UNIONS, EMPTY_UNION_PREDICTIONS).tasks().res();
    assertEquals("grefcoco", g.convention());
    // e1, e2 add (0, 0); t1 adds (0, 4); t2 adds (2, 4): cIoU 2/8; IoUs 1, 1, 0, 1/2
    exact(0.25, g.ciou());
    exact(0.625, g.giou());
    // precision over the targets t1 (0) and t2 (1/2) only
    exact(0.5, g.precision50());
    exact(0.0, g.precision60());
    // N-acc: both no-target samples predicted empty (a missing one counts as empty) = 2/2;
    // T-acc: targets given a mask (t2) over targets (t1, t2) = 1/2
    exact(1.0, g.nAcc());
    exact(0.5, g.tAcc());
    assertEquals(List.of(4L, 1L, 0L), counts(g));
  }

  // v1: targets column 0, column 3; predicted column 0 and rows 0-1 of column 3:
  //     (I, U) = (4, 4) IoU 1 and (2, 4) IoU 1/2
  // v2: targets rows 0-1 (8 px), rows 2-3 x columns 2-3; one predicted mask, rows 0-1 x columns
  //     0-1: (4, 8) IoU 1/2; the second target has no mask
  // v3: target column 1, no prediction; v4: target column 2, failed prediction
  static final List<Sample> VRES =
      List.of(
          TinySamples.vres("v1", rect(0, 4, 0, 1), rect(0, 4, 3, 4)),
          TinySamples.vres("v2", rect(0, 2, 0, 4), rect(2, 4, 2, 4)),
          TinySamples.vres("v3", rect(0, 4, 1, 2)),
          TinySamples.vres("v4", rect(0, 4, 2, 3)));

  static final Map<String, Prediction> VRES_PREDICTIONS =
      Map.of(
          "v1", Prediction.masks("v1", List.of(rect(0, 4, 0, 1), rect(0, 2, 3, 4))),
          "v2", Prediction.masks("v2", List.of(rect(0, 2, 0, 2))),
          "v4", Prediction.failed("v4", "timeout"));

  @Test
  void standardVresComparesTheIthMaskWithTheIthTargetAndAnAbsentMaskAsEmpty() {
    SegmentationTaskResult v = score(EvalProfile.STANDARD, VRES, VRES_PREDICTIONS).tasks().vres();
    assertEquals("standard", v.convention());
    // targets: v1 (4,4) (2,4); v2 (4,8) (0,4); v3 (0,4); v4 (0,4): sum I = 10, sum U = 28
    near(10.0 / 28, v.ciou());
    // IoUs 1, 1/2, 1/2, 0, 0, 0
    near(2.0 / 6, v.giou());
    exact(0.5, v.precision50());
    near(1.0 / 6, v.precision60());
    near(1.0 / 6, v.precision90());
    assertEquals(6L, v.masks().longValue());
    assertEquals(List.of(4L, 1L, 1L), counts(v), "n counts records, masks counts targets");
  }

  @Test
  void pixelSailVresScoresTheFirstTargetOnlyAndAMissingMaskAddsNothingToTheSums() {
    SegmentationTaskResult v = score(EvalProfile.PIXEL_SAIL, VRES, VRES_PREDICTIONS).tasks().vres();
    assertEquals("pixel-sail-vres", v.convention());
    // compared: v1's first target (4, 4) and v2's first target (4, 8); every other target,
    // v1's second included although a mask was given for it, is missing: (0, 0) and IoU 0
    near(8.0 / 12, v.ciou());
    // IoUs 1, 0, 1/2, 0, 0, 0
    exact(0.25, v.giou());
    near(2.0 / 6, v.precision50());
    near(1.0 / 6, v.precision60());
    assertEquals(6L, v.masks().longValue());
    assertEquals(List.of(4L, 1L, 1L), counts(v));
  }

  // Options A red, B blue, C green; correct A; the dataset's answer string "(A) red".
  // m1 "(A) red": strict reads A (correct); contains the answer string (correct)
  // m2 "B": strict wrong; pixel-sail wrong
  // m3 "no idea": strict unparsed; pixel-sail wrong
  // m4 "I think (A) red, or maybe (B) blue": strict sees two letters (unparsed); pixel-sail
  //    finds "(A) red" in it (correct)
  // m5 missing, m6 failed: wrong under both, never unparsed
  static final List<Sample> MCQ =
      List.of(
          TinySamples.mcq("m1"),
          TinySamples.mcq("m2"),
          TinySamples.mcq("m3"),
          TinySamples.mcq("m4"),
          TinySamples.mcq("m5"),
          TinySamples.mcq("m6"));

  static final Map<String, Prediction> MCQ_PREDICTIONS =
      Map.of(
          "m1", Prediction.text("m1", "(A) red"),
          "m2", Prediction.text("m2", "B"),
          "m3", Prediction.text("m3", "no idea"),
          "m4", Prediction.text("m4", "I think (A) red, or maybe (B) blue"),
          "m6", Prediction.failed("m6", "HTTP 500"));

  @Test
  void strictChoiceCountsCorrectWrongAndUnparsedAnswers() {
    ChoiceTaskResult m = score(EvalProfile.STANDARD, MCQ, MCQ_PREDICTIONS).tasks().mcq();
    assertEquals("strict", m.convention());
    assertEquals(List.of(6L, 1L, 1L), counts(m));
    assertEquals(1L, m.correct().longValue());
    assertEquals(2L, m.unparsed().longValue());
    near(1.0 / 6, m.accuracy());
  }

  @Test
  void pixelSailChoiceIsTheAuthorsSubstringRule() {
    ChoiceTaskResult m = score(EvalProfile.PIXEL_SAIL, MCQ, MCQ_PREDICTIONS).tasks().mcq();
    assertEquals("pixel-sail", m.convention());
    assertEquals(List.of(6L, 1L, 1L), counts(m));
    assertEquals(2L, m.correct().longValue());
    assertEquals(0L, m.unparsed().longValue());
    near(2.0 / 6, m.accuracy());
  }

  // c1: the first reference verbatim (0.75); c2: something else (0.25); c3 missing, c4 failed (0)
  static final List<Sample> CAPTIONS =
      List.of(
          TinySamples.caption("c1", "a red square", "a red box"),
          TinySamples.caption("c2", "a blue disc"),
          TinySamples.caption("c3", "a green line"),
          TinySamples.caption("c4", "a grey dot"));

  static final Map<String, Prediction> CAPTION_PREDICTIONS =
      Map.of(
          "c1", Prediction.text("c1", "a red square"),
          "c2", Prediction.text("c2", "a yellow star"),
          "c4", Prediction.failed("c4", "out of memory"));

  @Test
  void captionsAverageTheMetricWithZeroForMissingAndFailedWhichAreNeverScored() {
    FixedMetric metric = new FixedMetric();
    Evaluator ev = new Evaluator(EvalProfile.STANDARD, metric);
    for (Sample s : CAPTIONS) {
      ev.add(s, CAPTION_PREDICTIONS.get(s.id()));
    }
    CaptionTaskResult c = ev.result("tiny", CI).tasks().caption();
    assertEquals("meteor (NLTK)", c.convention());
    assertEquals(List.of(4L, 1L, 1L), counts(c));
    // (0.75 + 0.25 + 0 + 0) / 4
    exact(0.25, c.meteor());
    assertEquals(
        List.of("a red square | a red square / a red box", "a yellow star | a blue disc"),
        metric.calls);
  }

  @Test
  void overallIsTheMeanOfMeteorAccuracyAndTheVresIousInPercent() {
    List<Sample> samples = new ArrayList<>(CAPTIONS);
    samples.add(TinySamples.mcq("m1"));
    samples.add(TinySamples.mcq("m2"));
    samples.add(TinySamples.vres("v", rect(0, 4, 0, 1)));
    Map<String, Prediction> p = new java.util.HashMap<>(CAPTION_PREDICTIONS);
    p.put("m1", Prediction.text("m1", "A"));
    p.put("m2", Prediction.text("m2", "C"));
    p.put("v", Prediction.masks("v", List.of(rect(0, 2, 0, 1))));
    Evaluation e = score(EvalProfile.STANDARD, samples, p);
    // meteor 0.25; accuracy 1/2; vres one target (2, 4): cIoU = gIoU = 1/2
    exact(0.25, e.tasks().caption().meteor());
    exact(0.5, e.tasks().mcq().accuracy());
    exact(0.5, e.tasks().vres().ciou());
    exact(0.5, e.tasks().vres().giou());
    // (25 + 50 + (50 + 50) / 2) / 3 = 125 / 3
    near(125.0 / 3, e.overall());
    assertEquals(List.of(7L, 1L, 1L), counts(e));
  }

  @Test
  void overallNeedsCaptionMcqAndVresAll() {
    List<Sample> samples = new ArrayList<>(CAPTIONS);
    samples.add(TinySamples.mcq("m1"));
    samples.add(TinySamples.res("r", rect(0, 4, 0, 1)));
    Map<String, Prediction> p = new java.util.HashMap<>(CAPTION_PREDICTIONS);
    p.put("m1", Prediction.text("m1", "A"));
    Evaluation e = score(EvalProfile.STANDARD, samples, p);
    assertNotNull(e.tasks().caption());
    assertNotNull(e.tasks().mcq());
    assertNotNull(e.tasks().res());
    assertNull(e.overall(), "res does not stand in for vres");
  }

  @Test
  void intervalsOfSamplesThatAllScoreTheSameAreThatValue() {
    List<Sample> samples =
        List.of(
            TinySamples.res("a", rect(0, 4, 0, 1)),
            TinySamples.res("b", rect(0, 4, 2, 3)),
            TinySamples.mcq("m1"),
            TinySamples.mcq("m2"),
            TinySamples.caption("c1", "x y"),
            TinySamples.caption("c2", "x z"));
    // every res sample: half its column predicted, (I, U) = (2, 4); every answer correct; every
    // caption the first reference verbatim (0.75)
    Map<String, Prediction> p =
        Map.of(
            "a", Prediction.masks("a", List.of(rect(0, 2, 0, 1))),
            "b", Prediction.masks("b", List.of(rect(2, 4, 2, 3))),
            "m1", Prediction.text("m1", "A"),
            "m2", Prediction.text("m2", "red"),
            "c1", Prediction.text("c1", "x y"),
            "c2", Prediction.text("c2", "x z"));
    Evaluation e = score(EvalProfile.STANDARD, samples, p);
    assertEquals(new Interval(0.5, 0.5), e.tasks().res().ci().ciou());
    assertEquals(new Interval(0.5, 0.5), e.tasks().res().ci().giou());
    assertEquals(new Interval(1.0, 1.0), e.tasks().mcq().ci().accuracy());
    assertEquals(new Interval(0.75, 0.75), e.tasks().caption().ci().meteor());
  }

  @Test
  void anIntervalHoldsItsEstimateWhenTheSamplesDiffer() {
    SegmentationTaskResult res = score(EvalProfile.STANDARD, RES, resPredictions()).tasks().res();
    Interval g = res.ci().giou();
    assertTrue(g.lower() < g.upper(), g.toString());
    assertTrue(g.lower() <= res.giou() && res.giou() <= g.upper(), g + " vs " + res.giou());
    Interval c = res.ci().ciou();
    assertTrue(c.lower() <= res.ciou() && res.ciou() <= c.upper(), c + " vs " + res.ciou());
  }
}

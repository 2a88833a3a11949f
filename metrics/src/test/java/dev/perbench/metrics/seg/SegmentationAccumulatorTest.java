package dev.perbench.metrics.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.metrics.mask.Mask;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SegmentationAccumulatorTest {

  @ParameterizedTest
  @EnumSource(SegProfile.class)
  @DisplayName("with no samples every rate is 0 and N-acc and T-acc are null")
  void noSamples(SegProfile profile) {
    SegmentationResult r = new SegmentationAccumulator(profile).result();
    assertEquals(profile, r.profile());
    assertEquals(0, r.n());
    assertEquals(0.0, r.ciou());
    assertEquals(0.0, r.giou());
    assertEquals(SegmentationResult.THRESHOLDS, List.copyOf(r.precision().keySet()));
    r.precision().values().forEach(v -> assertEquals(0.0, v));
    assertNull(r.nAcc());
    assertNull(r.tAcc());
  }

  @Test
  @DisplayName("the default profile is standard")
  void defaultProfile() {
    assertEquals(SegProfile.STANDARD, new SegmentationAccumulator().profile());
  }

  @Test
  @DisplayName("standard: all unions empty gives gIoU 1 and cIoU 0, as the LISA scripts do")
  void standardAllUnionsEmpty() {
    SegmentationAccumulator acc = new SegmentationAccumulator(SegProfile.STANDARD);
    acc.add(0, 0, 0, false);
    acc.add(0, 0, 0, true);
    SegmentationResult r = acc.result();
    assertEquals(1.0, r.giou());
    assertEquals(0.0, r.ciou());
    assertEquals(1.0, r.precisionAt(0.9));
    assertEquals(0, r.unionSum());
    assertEquals(1, r.missingPredictions());
    assertEquals(2, r.noTargetSamples());
  }

  @Test
  @DisplayName("pycocotools: an empty union scores 0")
  void pycocotoolsEmptyUnion() {
    SegmentationAccumulator acc = new SegmentationAccumulator(SegProfile.PYCOCOTOOLS);
    assertEquals(0.0, acc.add(0, 0, 0, false).iou());
    assertEquals(0.0, acc.result().giou());
  }

  @Test
  @DisplayName("pixel-sail-vres: a missing prediction adds nothing to the sums but scores 0")
  void vresMissingPrediction() {
    SegmentationAccumulator acc = new SegmentationAccumulator(SegProfile.PIXEL_SAIL_VRES);
    acc.add(10, 10, 5, false); // IoU 5/15
    assertEquals(new SampleResult(0.0, 0, 0, true), acc.add(40, 0, 0, true));
    SegmentationResult r = acc.result();
    assertEquals(5.0 / 15, r.ciou());
    assertEquals((5.0 / 15) / 2, r.giou());
    // Under standard the same missing prediction is an empty mask: its target joins the union.
    SegmentationAccumulator std = new SegmentationAccumulator(SegProfile.STANDARD);
    std.add(10, 10, 5, false);
    std.add(40, 0, 0, true);
    assertEquals(5.0 / 55, std.result().ciou());
  }

  @Test
  @DisplayName("grefcoco: each of ReLA's four outcomes scores and sums as in its evaluator")
  void grefcocoOutcomes() {
    SegmentationAccumulator acc = new SegmentationAccumulator(SegProfile.GREFCOCO);
    assertEquals(new SampleResult(1.0, 0, 0, false), acc.add(0, 0, 0, true)); // TP
    assertEquals(new SampleResult(0.0, 0, 7, false), acc.add(0, 7, 0, false)); // FN
    assertEquals(new SampleResult(0.0, 0, 9, true), acc.add(9, 0, 0, false)); // FP
    assertEquals(new SampleResult(0.75, 3, 4, true), acc.add(4, 3, 3, false)); // TN
    SegmentationResult r = acc.result();
    assertEquals(3.0 / 20, r.ciou());
    assertEquals(1.75 / 4, r.giou());
    assertEquals(0.5, r.nAcc());
    assertEquals(0.5, r.tAcc());
    assertEquals(2, r.precisionSamples());
    assertEquals(0.5, r.precisionAt(0.7));
    assertEquals(0.0, r.precisionAt(0.8));
  }

  @Test
  @DisplayName("grefcoco: N-acc is null without no-target samples and T-acc without targets")
  void grefcocoNullRates() {
    SegmentationAccumulator targets = new SegmentationAccumulator(SegProfile.GREFCOCO);
    targets.add(4, 4, 4, false);
    assertNull(targets.result().nAcc());
    assertEquals(1.0, targets.result().tAcc());
    SegmentationAccumulator noTargets = new SegmentationAccumulator(SegProfile.GREFCOCO);
    noTargets.add(0, 0, 0, false);
    assertEquals(1.0, noTargets.result().nAcc());
    assertNull(noTargets.result().tAcc());
    assertEquals(0.0, noTargets.result().precisionAt(0.5), "no target samples: precision 0");
  }

  @Test
  @DisplayName("grefcoco and standard agree on cIoU and gIoU for any samples")
  void grefcocoMatchesStandardOnIous() {
    Random random = new Random(5);
    SegmentationAccumulator std = new SegmentationAccumulator(SegProfile.STANDARD);
    SegmentationAccumulator gres = new SegmentationAccumulator(SegProfile.GREFCOCO);
    for (int k = 0; k < 2000; k++) {
      long gt = random.nextInt(4) == 0 ? 0 : random.nextInt(50);
      boolean missing = random.nextInt(6) == 0;
      long pred = missing || random.nextInt(4) == 0 ? 0 : random.nextInt(50);
      long inter = Math.min(gt, pred) == 0 ? 0 : random.nextInt((int) Math.min(gt, pred) + 1);
      std.add(gt, pred, inter, missing);
      gres.add(gt, pred, inter, missing);
    }
    assertEquals(std.result().ciou(), gres.result().ciou());
    assertEquals(std.result().giou(), gres.result().giou());
    assertTrue(gres.result().precisionSamples() < std.result().precisionSamples());
  }

  @Test
  @DisplayName("an IoU exactly on a threshold counts as reaching it")
  void thresholdIsInclusive() {
    SegmentationAccumulator acc = new SegmentationAccumulator();
    acc.add(10, 7, 7, false);
    assertEquals(1.0, acc.result().precisionAt(0.7));
    assertEquals(0.0, acc.result().precisionAt(0.8));
  }

  @Test
  @DisplayName("inconsistent counts are rejected and leave the accumulator unchanged")
  void rejectsInconsistentCounts() {
    SegmentationAccumulator acc = new SegmentationAccumulator();
    assertThrows(IllegalArgumentException.class, () -> acc.add(-1, 0, 0, false));
    assertThrows(IllegalArgumentException.class, () -> acc.add(3, 5, 4, false));
    assertThrows(IllegalArgumentException.class, () -> acc.add(3, 5, -1, false));
    assertThrows(IllegalArgumentException.class, () -> acc.add(3, 5, 0, true));
    assertEquals(0, acc.result().n());
  }

  @Test
  @DisplayName("masks of different sizes are rejected")
  void rejectsMaskSizeMismatch() {
    SegmentationAccumulator acc = new SegmentationAccumulator();
    assertThrows(IllegalArgumentException.class, () -> acc.add(Mask.full(2, 3), Mask.full(3, 2)));
    assertEquals(0, acc.result().n());
  }

  @Test
  @DisplayName("masks: null ground truth is no target and null prediction is missing")
  void maskNulls() {
    SegmentationAccumulator acc = new SegmentationAccumulator(SegProfile.GREFCOCO);
    acc.add(null, null);
    acc.add(null, Mask.full(2, 2));
    acc.add(Mask.full(2, 2), null);
    SegmentationResult r = acc.result();
    assertEquals(2, r.noTargetSamples());
    assertEquals(2, r.missingPredictions());
    assertEquals(8, r.unionSum()); // 4 from the mask on no target, 4 from the missed target
  }

  @Test
  @DisplayName("sums do not overflow with very large masks")
  void largeCounts() {
    SegmentationAccumulator acc = new SegmentationAccumulator();
    for (int i = 0; i < 4; i++) {
      acc.add(2_000_000_000L, 2_000_000_000L, 1_000_000_000L, false);
    }
    assertEquals(12_000_000_000L, acc.result().unionSum());
    assertEquals(1.0 / 3, acc.result().ciou(), 1e-15);
  }

  @Test
  @DisplayName("result() is a snapshot: the accumulator goes on, and the map is read-only")
  void resultIsSnapshot() {
    SegmentationAccumulator acc = new SegmentationAccumulator();
    acc.add(4, 4, 4, false);
    SegmentationResult first = acc.result();
    acc.add(4, 4, 0, false);
    assertEquals(1, first.n());
    assertEquals(2, acc.result().n());
    assertThrows(UnsupportedOperationException.class, () -> first.precision().put(0.1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> first.precisionAt(0.75));
  }

  @Test
  @DisplayName("profiles are found by id, and an unknown id names the valid ones")
  void profileIds() {
    for (SegProfile p : SegProfile.values()) {
      assertEquals(p, SegProfile.fromId(p.id()));
      assertTrue(!p.description().isBlank());
    }
    assertEquals("pixel-sail-vres", SegProfile.PIXEL_SAIL_VRES.id());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SegProfile.fromId("lisa"));
    assertEquals(
        "unknown segmentation profile 'lisa'; expected one of standard, pycocotools, "
            + "pixel-sail-vres, grefcoco",
        e.getMessage());
  }
}

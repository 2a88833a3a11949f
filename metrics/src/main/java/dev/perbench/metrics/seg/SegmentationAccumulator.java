package dev.perbench.metrics.seg;

import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.MaskOverlap;
import dev.perbench.metrics.mask.Overlap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streams (ground truth, prediction) pairs into cIoU, gIoU, precision and, under {@link
 * SegProfile#GREFCOCO}, N-acc and T-acc. Memory is constant in the number of samples: only sums and
 * counts are kept, so per-sample values for a bootstrap are returned by {@link #add} for the caller
 * to keep.
 *
 * <p>cIoU = sum I / sum U is a micro average (big objects dominate); gIoU = mean per-sample IoU is
 * a macro average (every sample weighs the same). Per-sample IoU is the exact I/U; where the
 * LISA-family scripts divide by U + 1e-5 their per-sample value is lower by less than 1e-5 / U.
 *
 * <p>Not thread-safe; use one accumulator per thread.
 */
public final class SegmentationAccumulator {
  private static final List<Double> THRESHOLDS = SegmentationResult.THRESHOLDS;

  private final SegProfile profile;
  private long n;
  private long intersectionSum;
  private long unionSum;
  private double iouSum;
  private long precisionSamples;
  private final long[] precisionHits = new long[THRESHOLDS.size()];
  private long missingPredictions;
  private long noTargetSamples;
  // ReLA's counts: TP (no target, predicted empty; FN is the rest of noTargetSamples),
  // TN (target, predicted a mask) and FP (target, predicted empty).
  private long noTargetPredictedEmpty;
  private long targetPredictedMask;
  private long targetPredictedEmpty;

  /** An accumulator with the {@link SegProfile#DEFAULT} profile. */
  public SegmentationAccumulator() {
    this(SegProfile.DEFAULT);
  }

  /** An accumulator with the given profile. */
  public SegmentationAccumulator(SegProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  public SegProfile profile() {
    return profile;
  }

  /**
   * Adds one sample given as pixel counts; the union is {@code gtArea + predArea - intersection}.
   *
   * @param gtArea ground-truth pixels; 0 means no target (empty ground truth)
   * @param predArea predicted pixels; must be 0 when {@code predMissing}
   * @param intersection pixels in both
   * @param predMissing true when no prediction was given at all (not even an empty mask)
   * @return how the sample was scored
   * @throws IllegalArgumentException when the counts are negative or inconsistent; nothing is added
   *     then
   */
  public SampleResult add(long gtArea, long predArea, long intersection, boolean predMissing) {
    SampleResult s = profile.score(gtArea, predArea, intersection, predMissing);
    n++;
    intersectionSum += s.intersection();
    unionSum += s.union();
    iouSum += s.iou();
    if (s.countsForPrecision()) {
      precisionSamples++;
      for (int t = 0; t < precisionHits.length; t++) {
        if (s.iou() >= THRESHOLDS.get(t)) {
          precisionHits[t]++;
        }
      }
    }
    if (predMissing) {
      missingPredictions++;
    }
    boolean predictedEmpty = predMissing || predArea == 0;
    if (gtArea == 0) {
      noTargetSamples++;
      if (predictedEmpty) {
        noTargetPredictedEmpty++;
      }
    } else if (predictedEmpty) {
      targetPredictedEmpty++;
    } else {
      targetPredictedMask++;
    }
    return s;
  }

  /**
   * Adds one sample given as masks.
   *
   * @param gt the ground truth; null means no target
   * @param pred the prediction; null means no prediction was given
   * @return how the sample was scored
   * @throws IllegalArgumentException when both masks are given and differ in size
   */
  public SampleResult add(Mask gt, Mask pred) {
    long gtArea = gt == null ? 0 : gt.area();
    if (pred == null) {
      return add(gtArea, 0, 0, true);
    }
    if (gt == null) {
      return add(0, pred.area(), 0, false);
    }
    Overlap overlap = MaskOverlap.overlap(gt, pred);
    return add(gtArea, pred.area(), overlap.intersection(), false);
  }

  /** The metrics of every sample added so far; the accumulator can go on afterwards. */
  public SegmentationResult result() {
    Map<Double, Double> precision = new LinkedHashMap<>();
    for (int t = 0; t < precisionHits.length; t++) {
      precision.put(THRESHOLDS.get(t), rate(precisionHits[t], precisionSamples));
    }
    boolean generalized = profile == SegProfile.GREFCOCO;
    return new SegmentationResult(
        profile,
        n,
        unionSum == 0 ? 0.0 : (double) intersectionSum / unionSum,
        n == 0 ? 0.0 : iouSum / n,
        precision,
        generalized ? nullableRate(noTargetPredictedEmpty, noTargetSamples) : null,
        generalized
            ? nullableRate(targetPredictedMask, targetPredictedMask + targetPredictedEmpty)
            : null,
        intersectionSum,
        unionSum,
        precisionSamples,
        missingPredictions,
        noTargetSamples);
  }

  private static double rate(long count, long total) {
    return total == 0 ? 0.0 : (double) count / total;
  }

  private static Double nullableRate(long count, long total) {
    return total == 0 ? null : (double) count / total;
  }
}

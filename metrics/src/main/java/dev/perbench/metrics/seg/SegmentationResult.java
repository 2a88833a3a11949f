package dev.perbench.metrics.seg;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of a set of samples under one profile. Values are fractions in [0, 1].
 *
 * <p>A rate whose denominator is empty is 0 (cIoU when the summed union is 0, as the LISA-family
 * scripts' {@code sum I / (sum U + 1e-10)} gives; gIoU and precision when there are no samples);
 * check {@code n} and {@code precisionSamples} before presenting one. N-acc and T-acc are null
 * instead, and always null outside {@link SegProfile#GREFCOCO}.
 *
 * @param profile the conventions used
 * @param n number of samples
 * @param ciou cumulative IoU, sum of intersections / sum of unions: a micro average
 * @param giou mean per-sample IoU: a macro average
 * @param precision for each threshold in {@link #THRESHOLDS} (in that order), the fraction of
 *     precision samples whose IoU is at least the threshold
 * @param nAcc no-target accuracy, TP / (TP + FN) in ReLA's terms: no-target samples predicted empty
 *     over all no-target samples; null outside grefcoco or without no-target samples
 * @param tAcc target accuracy, TN / (TN + FP) in ReLA's terms: target samples given a non-empty
 *     mask over all target samples; null outside grefcoco or without target samples
 * @param intersectionSum the summed intersection behind cIoU
 * @param unionSum the summed union behind cIoU
 * @param precisionSamples the precision denominator (all samples, or target samples only)
 * @param missingPredictions samples given with no prediction at all
 * @param noTargetSamples samples whose ground truth is empty
 */
public record SegmentationResult(
    SegProfile profile,
    long n,
    double ciou,
    double giou,
    Map<Double, Double> precision,
    Double nAcc,
    Double tAcc,
    long intersectionSum,
    long unionSum,
    long precisionSamples,
    long missingPredictions,
    long noTargetSamples) {

  /** The IoU thresholds of the precision map: 0.5, 0.6, 0.7, 0.8, 0.9. */
  public static final List<Double> THRESHOLDS = List.of(0.5, 0.6, 0.7, 0.8, 0.9);

  /** Copies the precision map, keeping its order. */
  public SegmentationResult {
    Objects.requireNonNull(profile, "profile");
    precision = Collections.unmodifiableMap(new LinkedHashMap<>(precision));
  }

  /**
   * Precision at one of {@link #THRESHOLDS}.
   *
   * @throws IllegalArgumentException for any other threshold
   */
  public double precisionAt(double threshold) {
    Double value = precision.get(threshold);
    if (value == null) {
      throw new IllegalArgumentException(
          "no precision at " + threshold + "; thresholds are " + THRESHOLDS);
    }
    return value;
  }
}

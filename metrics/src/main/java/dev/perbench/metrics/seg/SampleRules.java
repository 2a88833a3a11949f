package dev.perbench.metrics.seg;

/**
 * The per-sample rules of each {@link SegProfile}, as pure functions. With U = gt + pred - I:
 *
 * <pre>
 * case                               standard     pycocotools  pixel-sail-vres  grefcoco
 * U &gt; 0, prediction given            I/U (I, U)   I/U (I, U)   I/U (I, U)       see below
 * U = 0 (both empty), given          1 (0, 0)     0 (0, 0)     1 (0, 0)         1 (0, 0)
 * prediction missing                 as empty     as empty     0 (0, 0)         as empty
 * </pre>
 *
 * grefcoco (an empty or missing prediction means "no target"): no-target ground truth and empty
 * prediction scores 1 and adds (0, 0); no-target ground truth and a mask scores 0 and adds (0,
 * pred); a target and an empty prediction scores 0 and adds (0, gt); a target and a mask scores I/U
 * and adds (I, U). Only target samples count towards precision there.
 */
final class SampleRules {
  private SampleRules() {}

  static void check(long gtArea, long predArea, long intersection, boolean predMissing) {
    if (gtArea < 0 || predArea < 0 || intersection < 0) {
      throw new IllegalArgumentException(
          "negative pixel count: gt "
              + gtArea
              + ", pred "
              + predArea
              + ", intersection "
              + intersection);
    }
    if (intersection > Math.min(gtArea, predArea)) {
      throw new IllegalArgumentException(
          "intersection "
              + intersection
              + " exceeds the smaller area (gt "
              + gtArea
              + ", pred "
              + predArea
              + ")");
    }
    if (predMissing && predArea != 0) {
      throw new IllegalArgumentException(
          "a missing prediction has no area, got " + predArea + " pixels");
    }
  }

  static SampleResult standard(long gt, long pred, long i, boolean missing) {
    return ratio(i, gt + pred - i, 1.0);
  }

  static SampleResult pycocotools(long gt, long pred, long i, boolean missing) {
    return ratio(i, gt + pred - i, 0.0);
  }

  static SampleResult pixelSailVres(long gt, long pred, long i, boolean missing) {
    // The script skips a None prediction but still divides by the number of targets.
    return missing ? new SampleResult(0.0, 0, 0, true) : standard(gt, pred, i, false);
  }

  static SampleResult grefcoco(long gt, long pred, long i, boolean missing) {
    boolean noTarget = gt == 0;
    boolean predictedEmpty = missing || pred == 0;
    if (noTarget) {
      return predictedEmpty
          ? new SampleResult(1.0, 0, 0, false)
          : new SampleResult(0.0, 0, pred, false);
    }
    return predictedEmpty
        ? new SampleResult(0.0, 0, gt, true)
        : new SampleResult((double) i / (gt + pred - i), i, gt + pred - i, true);
  }

  private static SampleResult ratio(long i, long u, double emptyUnionScore) {
    return new SampleResult(u == 0 ? emptyUnionScore : (double) i / u, i, u, true);
  }
}

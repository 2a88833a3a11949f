package dev.perbench.metrics.seg;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The scoring conventions of the published referring-segmentation evaluators, by name.
 *
 * <p>Every profile sums intersections and unions for cIoU and averages per-sample IoUs for gIoU;
 * they differ in how a sample with an empty union, a missing prediction or an empty ground truth
 * ("no target") is scored. The per-sample rules are pure functions in {@link SampleRules}; see
 * there for the exact table.
 */
public enum SegProfile {
  /**
   * LISA / GLaMM / Sa2VA (the RefCOCO numbers of the paper): IoU = I/U, an empty union scores 1 and
   * adds nothing to the sums, a missing prediction is an empty mask. The LISA-family scripts
   * compute {@code I/(U + 1e-5)}, which is below the exact I/U used here by less than {@code 1e-5 /
   * U}, and {@code sum I / (sum U + 1e-10)} for cIoU.
   */
  STANDARD(
      "standard",
      "LISA/GLaMM/Sa2VA: IoU = I/U, an empty union scores 1, a missing prediction is an empty mask",
      SampleRules::standard),

  /** As {@link #STANDARD}, but an empty union scores 0, as pycocotools' {@code iou} does. */
  PYCOCOTOOLS(
      "pycocotools",
      "as standard, but an empty union scores 0 (pycocotools iou)",
      SampleRules::pycocotools),

  /**
   * The PerBench (STBench) V-T RES script: a missing prediction adds nothing to I or U but still
   * counts as IoU 0 in gIoU; otherwise as {@link #STANDARD} (with the same 1e-5 and 1e-10 epsilons
   * in the script). gIoU is averaged over ground-truth masks.
   *
   * <p>Pairing is the caller's job. The authors' inference keeps one prediction entry per record
   * (the stack of all [SEG] masks) and their loop compares it with the first target only, so the
   * first predicted mask meets the first target and every further target of the record scores as a
   * missing prediction. Pass those targets with {@code predMissing} to reproduce their numbers.
   */
  PIXEL_SAIL_VRES(
      "pixel-sail-vres",
      "PerBench V-T RES script: a missing prediction adds nothing to I or U and scores IoU 0",
      SampleRules::pixelSailVres),

  /**
   * ReLA's gRefCOCO evaluator: an empty or missing prediction means "no target". No-target ground
   * truth predicted empty scores 1 and adds nothing; a mask predicted there adds its area to U and
   * scores 0; a target predicted empty adds its area to U and scores 0. Precision is over target
   * samples only; N-acc and T-acc are reported. With "no target" read from an empty mask, cIoU and
   * gIoU are the same as under {@link #STANDARD} (which is how the Pixel-SAIL code scores
   * gRefCOCO); precision and the two accuracies differ.
   */
  GREFCOCO(
      "grefcoco",
      "ReLA gRefCOCO: empty prediction = no target, N-acc/T-acc, precision over targets only",
      SampleRules::grefcoco);

  /** The profile used when none is named. */
  public static final SegProfile DEFAULT = STANDARD;

  private final String id;
  private final String description;
  private final SampleRule rule;

  SegProfile(String id, String description, SampleRule rule) {
    this.id = id;
    this.description = description;
    this.rule = rule;
  }

  /** The name used on the command line and in every output, e.g. {@code pixel-sail-vres}. */
  public String id() {
    return id;
  }

  /** One line saying what the profile does. */
  public String description() {
    return description;
  }

  /**
   * Scores one sample under this profile without accumulating it.
   *
   * @param gtArea ground-truth pixels; 0 means no target (empty ground truth)
   * @param predArea predicted pixels; must be 0 when {@code predMissing}
   * @param intersection pixels in both
   * @param predMissing true when no prediction was given at all
   * @throws IllegalArgumentException when the counts are negative or inconsistent
   */
  public SampleResult score(long gtArea, long predArea, long intersection, boolean predMissing) {
    SampleRules.check(gtArea, predArea, intersection, predMissing);
    return rule.score(gtArea, predArea, intersection, predMissing);
  }

  /**
   * The profile with this id.
   *
   * @throws IllegalArgumentException naming the valid ids when there is none
   */
  public static SegProfile fromId(String id) {
    for (SegProfile p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown segmentation profile '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(SegProfile::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }

  /** A per-sample scoring rule; the inputs have been checked. */
  @FunctionalInterface
  interface SampleRule {
    SampleResult score(long gtArea, long predArea, long intersection, boolean predMissing);
  }
}

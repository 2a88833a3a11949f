package dev.perbench.harness.score;

import dev.perbench.metrics.choice.ChoiceProfile;
import dev.perbench.metrics.seg.SegProfile;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The scoring conventions of a run, one name for all four tasks.
 *
 * <pre>
 * profile       res              vres                           mcq         caption (METEOR)
 * standard      standard         standard, i-th mask vs target  strict      NLTK order
 * pycocotools   pycocotools      pycocotools                    strict      NLTK order
 * grefcoco      grefcoco         standard                       strict      NLTK order
 * pixel-sail    standard         pixel-sail-vres, 1st only      pixel-sail  swapped (authors')
 * </pre>
 *
 * {@code pixel-sail} reproduces the authors' scripts, quirks included: their RES scripts score the
 * first {@code [SEG]} mask and never read the answer's text (so "No target [SEG]." is scored by its
 * mask); their V-T RES script compares the model's output with the first target of each record
 * only, so later targets count as missing; their MCQ rule is a substring test; their METEOR call
 * swaps prediction and reference.
 */
public enum EvalProfile {
  STANDARD(
      "standard", SegProfile.STANDARD, SegProfile.STANDARD, false, ChoiceProfile.STRICT, false),
  PYCOCOTOOLS(
      "pycocotools",
      SegProfile.PYCOCOTOOLS,
      SegProfile.PYCOCOTOOLS,
      false,
      ChoiceProfile.STRICT,
      false),
  GREFCOCO(
      "grefcoco", SegProfile.GREFCOCO, SegProfile.STANDARD, false, ChoiceProfile.STRICT, false),
  PIXEL_SAIL(
      "pixel-sail",
      SegProfile.STANDARD,
      SegProfile.PIXEL_SAIL_VRES,
      true,
      ChoiceProfile.PIXEL_SAIL,
      true);

  private final String id;
  private final SegProfile res;
  private final SegProfile vres;
  private final boolean vresFirstTargetOnly;
  private final ChoiceProfile mcq;
  private final boolean meteorSwapped;

  EvalProfile(
      String id,
      SegProfile res,
      SegProfile vres,
      boolean vresFirstTargetOnly,
      ChoiceProfile mcq,
      boolean meteorSwapped) {
    this.id = id;
    this.res = res;
    this.vres = vres;
    this.vresFirstTargetOnly = vresFirstTargetOnly;
    this.mcq = mcq;
    this.meteorSwapped = meteorSwapped;
  }

  public String id() {
    return id;
  }

  public SegProfile res() {
    return res;
  }

  public SegProfile vres() {
    return vres;
  }

  /** Whether V-T RES compares only the first predicted mask with the first target. */
  public boolean vresFirstTargetOnly() {
    return vresFirstTargetOnly;
  }

  public ChoiceProfile mcq() {
    return mcq;
  }

  /**
   * Whether res is scored as the authors' RES scripts do: the first predicted mask (the first
   * {@code [SEG]}) alone, whatever the answer's text says, so a {@code no_target} answer that still
   * has a mask is scored by its mask. Otherwise (the other profiles) several masks are merged by
   * union and {@code no_target} means an empty prediction (ReLA's rule for gRefCOCO).
   */
  public boolean resFirstMaskOnly() {
    return this == PIXEL_SAIL;
  }

  /** Whether METEOR is called as the authors do, with prediction and reference swapped. */
  public boolean meteorSwapped() {
    return meteorSwapped;
  }

  /** The profile with this id; the message lists the valid ones. */
  public static EvalProfile fromId(String id) {
    for (EvalProfile p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(EvalProfile::id).collect(Collectors.joining(", ")));
  }
}

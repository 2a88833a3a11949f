package dev.perbench.harness.djl;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import dev.perbench.data.model.Task;

/**
 * The fixed parts of the {@code djl:} tensor contract (docs/djl-models.md); the model-specific
 * parts are in its {@link DjlSidecar}.
 */
final class TensorContract {
  /** ImageNet's per-channel mean of RGB in [0, 1], the normalisation every djl: model gets. */
  static final float[] MEAN = {0.485f, 0.456f, 0.406f};

  /** ImageNet's per-channel standard deviation. */
  static final float[] STD = {0.229f, 0.224f, 0.225f};

  /** Output order of the TorchScript {@code forward}'s tuple. */
  static final String[] OUTPUTS = {"mask logits", "answer logits", "caption logits"};

  static final String DOC = "docs/djl-models.md";

  private TensorContract() {}

  /** The task input: caption 0, mcq 1, vres 2, res 3 (spelled out, not the enum's ordinal). */
  static long taskId(Task task) {
    return switch (task) {
      case CAPTION -> 0;
      case MCQ -> 1;
      case VRES -> 2;
      case RES -> 3;
    };
  }

  /**
   * Resizes an [h, w, c] float array bilinearly to [height, width, c] with the engine's own
   * interpolation (torch's {@code F.interpolate(mode="bilinear", align_corners=False)}, no
   * anti-aliasing), so a Python training script resizes exactly as the harness does.
   */
  static NDArray resizeHwc(NDArray hwc, int height, int width) {
    if (hwc.getShape().get(0) == height && hwc.getShape().get(1) == width) {
      return hwc;
    }
    return NDImageUtils.resize(hwc, width, height, Image.Interpolation.BILINEAR);
  }
}

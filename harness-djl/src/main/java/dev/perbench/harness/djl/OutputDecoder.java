package dev.perbench.harness.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.perbench.data.model.Sample;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one sample's (checked) outputs into its prediction, as the sample's task needs:
 *
 * <ul>
 *   <li>res: mask channel 0, upsampled bilinearly to the original image size, on where the logit is
 *       above 0 (sigmoid above 0.5), as Pixel-SAIL post-processes its masks;
 *   <li>vres: the same for channel 0, then channels 1, 2, ... in order while they are not empty
 *       (the first empty channel ends the list), matched to the targets by order;
 *   <li>mcq: the arg-max of the A-D logits over the options the question lists, answered with that
 *       option's line;
 *   <li>caption: the caption template filled with each field's arg-max value.
 * </ul>
 */
final class OutputDecoder {
  private final DjlSidecar sidecar;

  OutputDecoder(DjlSidecar sidecar) {
    this.sidecar = sidecar;
  }

  /**
   * @param outputs mask logits [M, h, w], answer logits [4], caption logits [C]
   */
  Prediction decode(ModelInput input, NDList outputs) {
    Sample s = input.sample();
    return switch (s.task()) {
      case RES -> Prediction.masks(s.id(), masks(s, outputs.get(0).get("0:1"), false));
      case VRES -> Prediction.masks(s.id(), masks(s, outputs.get(0), true));
      case MCQ ->
          Prediction.text(s.id(), McqOptions.parse(s.text()).answer(outputs.get(1).toFloatArray()));
      case CAPTION ->
          Prediction.text(s.id(), sidecar.caption().fill(outputs.get(2).toFloatArray()));
    };
  }

  private static List<Mask> masks(Sample s, NDArray logits, boolean untilEmpty) {
    int h = s.image().height();
    int w = s.image().width();
    NDArray hwc = TensorContract.resizeHwc(logits.transpose(1, 2, 0), h, w);
    byte[] on = hwc.gt(0f).transpose(2, 0, 1).toType(DataType.UINT8, false).toByteArray();
    int channels = on.length / (h * w);
    List<Mask> masks = new ArrayList<>(channels);
    for (int c = 0; c < channels; c++) {
      Mask m = Mask.fromBitmap(h, w, Arrays.copyOfRange(on, c * h * w, (c + 1) * h * w));
      if (c > 0 && untilEmpty && m.isEmpty()) {
        break;
      }
      masks.add(m);
    }
    return masks;
  }
}

package dev.perbench.harness.djl;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.VisualPrompt;
import dev.perbench.harness.model.ModelInput;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Collectors;

/**
 * Turns one sample into the contract's four input tensors (without the batch dimension, which DJL's
 * stack batchifier adds): image [3, H, W] float32, RGB in [0, 1] resized to the model's input size
 * then normalised with ImageNet's mean and std; prompts [K, H, W] float32, channel k the mask of
 * slot {@code <Prompt{k}>} (0/1, resized the same way); tokens [T] int64 from the sample's own
 * text; task [] int64.
 */
final class InputEncoder {
  private final DjlSidecar sidecar;
  private final WordTokenizer tokenizer;

  InputEncoder(DjlSidecar sidecar) {
    this.sidecar = sidecar;
    this.tokenizer = new WordTokenizer(sidecar.vocab(), sidecar.maxTokens());
  }

  /**
   * Why this sample cannot be run, or null. Checked before batching, so that one such sample fails
   * alone instead of failing its batch.
   */
  String problem(ModelInput input) {
    Sample s = input.sample();
    if (!sidecar.tasks().contains(s.task())) {
      return "model "
          + sidecar.name()
          + " does not do task "
          + s.task()
          + " (its sidecar lists "
          + sidecar.tasks().stream().map(Object::toString).collect(Collectors.joining(", "))
          + ")";
    }
    ImageRef image = s.image();
    for (VisualPrompt p : s.visualPrompts()) {
      if (p.slot() >= sidecar.promptChannels()) {
        return "visual prompt "
            + p.tag()
            + " is beyond the model's "
            + sidecar.promptChannels()
            + " prompt channels (slots 0-"
            + (sidecar.promptChannels() - 1)
            + ")";
      }
      if (p.mask().height() != image.height() || p.mask().width() != image.width()) {
        return "visual prompt "
            + p.tag()
            + " is "
            + p.mask().height()
            + "x"
            + p.mask().width()
            + " but image "
            + image.name()
            + " is "
            + image.height()
            + "x"
            + image.width();
      }
    }
    if (!Files.isRegularFile(image.file())) {
      return "image " + image.file() + " not found";
    }
    return null;
  }

  /** The four input tensors of one sample, made by {@code manager}. */
  NDList encode(NDManager manager, ModelInput input) throws IOException {
    Sample s = input.sample();
    ImageRef ref = s.image();
    Image decoded = ImageFactory.getInstance().fromFile(ref.file());
    if (decoded.getHeight() != ref.height() || decoded.getWidth() != ref.width()) {
      throw new IOException(
          "image "
              + ref.file()
              + " is "
              + decoded.getHeight()
              + "x"
              + decoded.getWidth()
              + " but the benchmark says "
              + ref.height()
              + "x"
              + ref.width());
    }
    int h = sidecar.inputHeight();
    int w = sidecar.inputWidth();
    NDArray rgb =
        decoded.toNDArray(manager, Image.Flag.COLOR).toType(DataType.FLOAT32, false).div(255f);
    NDArray image =
        TensorContract.resizeHwc(rgb, h, w)
            .sub(manager.create(TensorContract.MEAN))
            .div(manager.create(TensorContract.STD))
            .transpose(2, 0, 1);
    NDArray prompts = TensorContract.resizeHwc(promptsHwc(manager, s), h, w).transpose(2, 0, 1);
    NDArray tokens = manager.create(tokenizer.encode(s.text()));
    NDArray task = manager.create(TensorContract.taskId(s.task()));
    return new NDList(image, prompts, tokens, task);
  }

  /**
   * [h, w, K] at the image's size: 1 where slot k's mask is on (several prompts of a slot: union).
   */
  private NDArray promptsHwc(NDManager manager, Sample s) {
    int k = sidecar.promptChannels();
    int pixels = s.image().height() * s.image().width();
    float[] hwk = new float[pixels * k];
    for (VisualPrompt p : s.visualPrompts()) {
      byte[] bitmap = p.mask().toBitmap();
      for (int i = 0; i < pixels; i++) {
        if (bitmap[i] != 0) {
          hwk[i * k + p.slot()] = 1f;
        }
      }
    }
    return manager.create(hwk, new Shape(s.image().height(), s.image().width(), k));
  }
}

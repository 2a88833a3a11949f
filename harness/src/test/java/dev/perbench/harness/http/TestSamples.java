package dev.perbench.harness.http;

import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.data.model.VisualPrompt;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.metrics.mask.Mask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Tiny in-memory samples over a 4x6 PNG written to a temporary directory. */
public final class TestSamples {
  public static final int H = 4;
  public static final int W = 6;

  private TestSamples() {}

  public static ImageRef image(Path dir) throws IOException {
    Path png = dir.resolve("tiny.png");
    Files.write(png, tinyPng());
    return new ImageRef("tiny.png", png, H, W);
  }

  /** A 4x6 image; the content does not matter, its signature does. */
  public static byte[] tinyPng() throws IOException {
    var img = new java.awt.image.BufferedImage(W, H, java.awt.image.BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 1, 0xff0000);
    var out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** The top-left 2x3 block. */
  public static Mask region() {
    byte[] bits = new byte[H * W];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        bits[y * W + x] = 1;
      }
    }
    return Mask.fromBitmap(H, W, bits);
  }

  public static ModelInput res(ImageRef image, String id) {
    return new ModelInput(
        new Sample(
            id,
            Task.RES,
            image,
            "the red dot",
            List.of(),
            new Target.Masks(List.of(Mask.empty(H, W)), false)),
        "<image>\nPlease segment the red dot.");
  }

  public static ModelInput vres(ImageRef image, String id) {
    return new ModelInput(
        new Sample(
            id,
            Task.VRES,
            image,
            "what is left of <Prompt2>",
            List.of(new VisualPrompt(2, region())),
            new Target.Masks(List.of(Mask.empty(H, W)), false)),
        "<image>\nwhat is left of <Prompt2>");
  }

  public static ModelInput mcq(ImageRef image, String id) {
    return new ModelInput(
        new Sample(
            id,
            Task.MCQ,
            image,
            "Colour? A. red B. blue",
            List.of(new VisualPrompt(0, region())),
            new Target.Choice("A. red", Map.of("A", "red", "B", "blue"), "A")),
        "<image>\nPlease answer the question according to the <Prompt0>. Colour? A. red B. blue"
            + "Select a correct choice.");
  }

  public static ModelInput caption(ImageRef image, String id) {
    return new ModelInput(
        new Sample(
            id,
            Task.CAPTION,
            image,
            "",
            List.of(new VisualPrompt(0, region())),
            new Target.Descriptions(List.of("a red dot"))),
        "<image>\nDescribe <Prompt0>.");
  }

  public static ModelOptions options(int retries, Duration timeout) {
    return new ModelOptions("cpu", 1, 4, timeout, retries, false, 7);
  }

  public static ModelOptions options(int retries) {
    return options(retries, Duration.ofSeconds(10));
  }
}

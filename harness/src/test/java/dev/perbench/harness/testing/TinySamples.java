package dev.perbench.harness.testing;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.metrics.mask.Mask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Hand-built samples on a 4x4 image (16 pixels) whose masks are rectangles, so that every
 * intersection and union can be counted by hand. The image file does not exist: scoring never reads
 * pixels, and the test models here do not either.
 */
public final class TinySamples {
  public static final int H = 4;
  public static final int W = 4;
  public static final ImageRef IMAGE = new ImageRef("tiny.png", Path.of("tiny.png"), H, W);

  private TinySamples() {}

  /** The pixels of rows [y0, y1) and columns [x0, x1) of the 4x4 image. */
  public static Mask rect(int y0, int y1, int x0, int x1) {
    return rect(H, W, y0, y1, x0, x1);
  }

  /** The pixels of rows [y0, y1) and columns [x0, x1) of an h x w image. */
  public static Mask rect(int h, int w, int y0, int y1, int x0, int x1) {
    byte[] bits = new byte[h * w];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        bits[y * w + x] = 1;
      }
    }
    return Mask.fromBitmap(h, w, bits);
  }

  /** A text-only referring segmentation sample whose one target is {@code gt}. */
  public static Sample res(String id, Mask gt) {
    return new Sample(
        id, Task.RES, IMAGE, "the thing " + id, List.of(), new Target.Masks(List.of(gt), false));
  }

  /** A gRefCOCO-style "no target" expression: its mask is empty. */
  public static Sample noTargetRes(String id) {
    return new Sample(
        id,
        Task.RES,
        IMAGE,
        "nothing " + id,
        List.of(),
        new Target.Masks(List.of(Mask.empty(H, W)), true));
  }

  /** A V-T RES record with its targets in order. */
  public static Sample vres(String id, Mask... targets) {
    return new Sample(
        id,
        Task.VRES,
        IMAGE,
        "the things " + id,
        List.of(),
        new Target.Masks(Arrays.asList(targets), false));
  }

  /** Options A red, B blue, C green; the correct one is A, the dataset's answer "(A) red". */
  public static Sample mcq(String id) {
    return new Sample(
        id,
        Task.MCQ,
        IMAGE,
        "Which colour? (A) red (B) blue (C) green\n",
        List.of(),
        new Target.Choice("(A) red", Map.of("A", "red", "B", "blue", "C", "green"), "A"));
  }

  /** A detailed-description sample with these references. */
  public static Sample caption(String id, String... references) {
    return new Sample(
        id, Task.CAPTION, IMAGE, "", List.of(), new Target.Descriptions(List.of(references)));
  }

  /**
   * A benchmark of {@code n} res samples {@code r0, r1, ...}; sample i's target is column i mod 4
   * (4 pixels).
   */
  public static LoadedSplit split(String benchmark, int n) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      samples.add(res("r" + i, rect(0, H, i % W, i % W + 1)));
    }
    return new LoadedSplit(benchmark, samples, List.of());
  }
}

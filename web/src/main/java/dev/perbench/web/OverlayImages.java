package dev.perbench.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.VisualPrompt;
import dev.perbench.harness.io.PredictionJson;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A sample's image with its masks drawn over it, as PNG, rendered from the RLE masks and kept in a
 * cache bounded by size. Two views: {@code overlay} (the prediction filled magenta, the ground
 * truth outlined green) and {@code diff} (true-positive pixels green, false-positive red,
 * false-negative blue). Visual prompts are outlined yellow in both. An image file that is missing
 * or unreadable is drawn as grey, at the benchmark's image size.
 */
public final class OverlayImages {
  public static final List<String> VIEWS = List.of("overlay", "diff");

  /** Rendered images kept, by total bytes. */
  static final long CACHE_BYTES = 64L << 20;

  private static final int PREDICTED = 0xDC00DC;
  private static final int TRUTH = 0x00C800;
  private static final int PROMPT = 0xFFD700;
  private static final int TRUE_POSITIVE = 0x00B400;
  private static final int FALSE_POSITIVE = 0xE00000;
  private static final int FALSE_NEGATIVE = 0x1E50FF;

  private final SampleResults results;
  private final BenchmarkData data;
  private final Cache<String, byte[]> cache =
      Caffeine.newBuilder()
          .maximumWeight(CACHE_BYTES)
          .weigher((String k, byte[] v) -> v.length + k.length())
          .build();

  public OverlayImages(SampleResults results, BenchmarkData data) {
    this.results = results;
    this.data = data;
  }

  /**
   * The PNG of one sample of a public entry's result; empty when the entry has no such sample or
   * the benchmark's data is not installed here.
   */
  public Optional<byte[]> png(
      String entry, String bench, String sampleId, String view, Viewer viewer) {
    Optional<StoredSample> stored = results.one(entry, bench, sampleId, viewer);
    Optional<Sample> sample = data.sample(bench, sampleId);
    if (stored.isEmpty() || sample.isEmpty()) {
      return Optional.empty();
    }
    String prediction = stored.get().predictionJson();
    // The picture depends only on the sample, the prediction and the view.
    String key = bench + "\u0000" + sampleId + "\u0000" + view + "\u0000" + sha256(prediction);
    return Optional.of(
        cache.get(
            key,
            k ->
                render(
                    sample.get(),
                    prediction == null ? null : PredictionJson.read(prediction),
                    view)));
  }

  static byte[] render(Sample s, Prediction p, String view) {
    int h = s.image().height();
    int w = s.image().width();
    int[] rgb = base(s, h, w);
    byte[] truth = truth(s, h, w);
    byte[] predicted = predicted(p, h, w);
    if ("diff".equals(view)) {
      for (int i = 0; i < rgb.length; i++) {
        if (truth[i] != 0 && predicted[i] != 0) {
          rgb[i] = blend(rgb[i], TRUE_POSITIVE, 0.55);
        } else if (predicted[i] != 0) {
          rgb[i] = blend(rgb[i], FALSE_POSITIVE, 0.55);
        } else if (truth[i] != 0) {
          rgb[i] = blend(rgb[i], FALSE_NEGATIVE, 0.55);
        }
      }
    } else {
      for (int i = 0; i < rgb.length; i++) {
        if (predicted[i] != 0) {
          rgb[i] = blend(rgb[i], PREDICTED, 0.45);
        }
      }
      outline(rgb, truth, h, w, TRUTH);
    }
    for (VisualPrompt v : s.visualPrompts()) {
      if (v.mask().height() == h && v.mask().width() == w) {
        outline(rgb, v.mask().toBitmap(), h, w, PROMPT);
      }
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, rgb, 0, w);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The image's pixels, or grey when its file cannot be read at the expected size. */
  private static int[] base(Sample s, int h, int w) {
    int[] rgb = new int[h * w];
    try {
      BufferedImage img = ImageIO.read(s.image().file().toFile());
      if (img != null && img.getHeight() == h && img.getWidth() == w) {
        img.getRGB(0, 0, w, h, rgb, 0, w);
        return rgb;
      }
    } catch (IOException e) {
      // drawn grey below: the masks still say what the model did
    }
    java.util.Arrays.fill(rgb, 0x808080);
    return rgb;
  }

  private static byte[] truth(Sample s, int h, int w) {
    byte[] bits = new byte[h * w];
    if (s.target() instanceof Target.Masks m) {
      for (Mask mask : m.masks()) {
        or(bits, mask, h, w);
      }
    }
    return bits;
  }

  private static byte[] predicted(Prediction p, int h, int w) {
    byte[] bits = new byte[h * w];
    if (p != null && p.masks() != null) {
      for (Mask mask : p.masks()) {
        or(bits, mask, h, w);
      }
    }
    return bits;
  }

  private static void or(byte[] bits, Mask mask, int h, int w) {
    if (mask.height() != h || mask.width() != w) {
      return; // a validated prediction never has one; nothing sensible to draw
    }
    byte[] m = mask.toBitmap();
    for (int i = 0; i < bits.length; i++) {
      bits[i] |= m[i];
    }
  }

  /** Marks the mask's border pixels (a 4-neighbour outside the mask or the image). */
  private static void outline(int[] rgb, byte[] mask, int h, int w, int colour) {
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (mask[i] == 0) {
          continue;
        }
        boolean border =
            x == 0
                || y == 0
                || x == w - 1
                || y == h - 1
                || mask[i - 1] == 0
                || mask[i + 1] == 0
                || mask[i - w] == 0
                || mask[i + w] == 0;
        if (border) {
          rgb[i] = colour;
        }
      }
    }
  }

  private static int blend(int under, int over, double alpha) {
    int r = mix((under >> 16) & 0xFF, (over >> 16) & 0xFF, alpha);
    int g = mix((under >> 8) & 0xFF, (over >> 8) & 0xFF, alpha);
    int b = mix(under & 0xFF, over & 0xFF, alpha);
    return (r << 16) | (g << 8) | b;
  }

  private static int mix(int a, int b, double alpha) {
    return (int) Math.round(a * (1 - alpha) + b * alpha);
  }

  private static String sha256(String s) {
    if (s == null) {
      return "-";
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The overlay colours pixel by pixel on a 2x4 image whose file is missing (so drawn grey,
 * 0x808080): ground truth in columns 0-1, prediction in columns 1-2, nothing in column 3. Expected
 * colours are worked out by hand: a channel is round(128 * (1 - alpha) + colour * alpha).
 */
class OverlayImagesTest {
  static Mask columns(int from, int to) {
    byte[] bits = new byte[2 * 4];
    for (int y = 0; y < 2; y++) {
      for (int x = from; x < to; x++) {
        bits[y * 4 + x] = 1;
      }
    }
    return Mask.fromBitmap(2, 4, bits);
  }

  static final Sample SAMPLE =
      new Sample(
          "s",
          Task.RES,
          new ImageRef("missing.png", Path.of("target/no-such-image.png"), 2, 4),
          "the thing",
          List.of(),
          new Target.Masks(List.of(columns(0, 2)), false));
  static final Prediction PREDICTION = Prediction.masks("s", List.of(columns(1, 3)));

  static int[] row(String view) throws IOException {
    BufferedImage img =
        ImageIO.read(new ByteArrayInputStream(OverlayImages.render(SAMPLE, PREDICTION, view)));
    assertEquals(2, img.getHeight());
    assertEquals(4, img.getWidth());
    int[] px = new int[4];
    for (int x = 0; x < 4; x++) {
      px[x] = img.getRGB(x, 0) & 0xFFFFFF;
    }
    return px;
  }

  @Test
  void theDifferenceViewColoursTruePositivesFalsePositivesAndFalseNegatives() throws IOException {
    int[] px = row("diff");
    // column 0: ground truth only, false negative (0x1E50FF at 0.55): 57.6+16.5=74.1 -> 74,
    // 57.6+44=101.6 -> 102, 57.6+140.25=197.85 -> 198
    assertEquals(0x4A66C6, px[0]);
    // column 1: both, true positive (0x00B400): 58, 57.6+99=156.6 -> 157, 58
    assertEquals(0x3A9D3A, px[1]);
    // column 2: prediction only, false positive (0xE00000): 57.6+123.2=180.8 -> 181, 58, 58
    assertEquals(0xB53A3A, px[2]);
    assertEquals(0x808080, px[3]);
  }

  @Test
  void theOverlayFillsThePredictionAndOutlinesTheTruth() throws IOException {
    int[] px = row("overlay");
    // every ground-truth pixel of a 2-row mask is on its border: outlined green 0x00C800
    assertEquals(0x00C800, px[0]);
    assertEquals(0x00C800, px[1]);
    // prediction only, magenta 0xDC00DC at 0.45: 70.4+99=169.4 -> 169, 70, 169
    assertEquals(0xA946A9, px[2]);
    assertEquals(0x808080, px[3]);
  }
}

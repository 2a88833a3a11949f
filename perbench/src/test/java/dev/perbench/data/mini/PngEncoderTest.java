package dev.perbench.data.mini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Our own PNG and zlib encoders against the JDK's decoders. */
class PngEncoderTest {

  @Test
  void deflateOutputInflatesBackForEmptyFlatRandomAndRepetitiveData() throws DataFormatException {
    SplittableRandom random = new SplittableRandom(7);
    byte[] noise = new byte[70_000];
    random.nextBytes(noise);
    byte[] runs = new byte[100_000];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = (byte) ((i / 37) % 5);
    }
    byte[] text = "the red circle left of the blue square. ".repeat(900).getBytes();
    for (byte[] data :
        new byte[][] {new byte[0], new byte[] {42}, new byte[5000], noise, runs, text}) {
      byte[] z = Deflate.zlib(data);
      Inflater inflater = new Inflater();
      inflater.setInput(z);
      byte[] back = new byte[data.length + 10];
      int n = inflater.inflate(back);
      assertTrue(inflater.finished());
      assertEquals(0, inflater.getRemaining(), "Adler-32 trailer consumed");
      assertArrayEquals(data, Arrays.copyOf(back, n));
    }
  }

  @Test
  void flatDataShrinksToAboutThirteenBitsPerMaximalMatch() {
    byte[] flat = new byte[200_000];
    // 775 matches of 258 bytes, 13 bits each (fixed code 285 + distance code 0): ~1.3 KB.
    assertTrue(Deflate.zlib(flat).length < 1400, "" + Deflate.zlib(flat).length);
  }

  @Test
  void aPngRoundTripsThroughImageIo() throws IOException {
    int w = 37;
    int h = 23;
    int[] pixels = new int[w * h];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i % 7 == 0 ? random.nextInt(1 << 24) : (i / w) * 0x010203;
    }
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngEncoder.rgb(w, h, pixels)));
    assertEquals(w, image.getWidth());
    assertEquals(h, image.getHeight());
    for (int i = 0; i < pixels.length; i++) {
      assertEquals(pixels[i], image.getRGB(i % w, i / w) & 0xFFFFFF, "pixel " + i);
    }
  }

  @Test
  void theSameSceneAlwaysGivesTheSameBytes() {
    Scene scene = MiniGenerator.scene("test", 5, 99);
    assertArrayEquals(SceneImage.png(scene), SceneImage.png(scene));
  }
}

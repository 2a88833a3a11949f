package dev.perbench.metrics.mask;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * Masks to and from PNG images, using only the JDK's ImageIO.
 *
 * <p>Reading: a pixel is foreground when any colour band is non-zero (alpha is ignored), which
 * covers 0/1 and 0/255 grey masks, palette masks and coloured overlays on black. Writing: an 8-bit
 * grey PNG, 0 for background and 255 for foreground, so the file is viewable as is.
 */
public final class MaskPng {
  private MaskPng() {}

  /** Reads a mask from PNG (or any format ImageIO reads). */
  public static Mask read(InputStream in) throws IOException {
    BufferedImage image = ImageIO.read(in);
    if (image == null) {
      throw new IOException("not an image that ImageIO can read");
    }
    int h = image.getHeight();
    int w = image.getWidth();
    Raster raster = image.getRaster();
    int bands = image.getColorModel().getNumColorComponents();
    byte[] bitmap = new byte[h * w];
    int[] pixel = new int[raster.getNumBands()];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.getPixel(x, y, pixel);
        for (int b = 0; b < Math.min(bands, pixel.length); b++) {
          if (pixel[b] != 0) {
            bitmap[y * w + x] = 1;
            break;
          }
        }
      }
    }
    return Mask.fromBitmap(h, w, bitmap);
  }

  /** Writes the mask as an 8-bit grey PNG (0 and 255). */
  public static void write(Mask mask, OutputStream out) throws IOException {
    int h = mask.height();
    int w = mask.width();
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] bitmap = mask.toBitmap();
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        row[x] = bitmap[y * w + x] == 0 ? 0 : 255;
      }
      image.getRaster().setPixels(0, y, w, 1, row);
    }
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }
}

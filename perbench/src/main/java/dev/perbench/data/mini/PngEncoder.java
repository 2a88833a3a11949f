package dev.perbench.data.mini;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A minimal PNG writer (8-bit RGB, no interlace, one IDAT chunk) whose bytes depend on the pixels
 * alone. ImageIO's writer compresses with the platform's zlib, and zlib builds (zlib, zlib-ng,
 * vendor forks) may compress the same data to different bytes; the committed images must be
 * regenerable byte for byte anywhere, so the compression here is our own ({@link Deflate}). Any PNG
 * reader reads the result.
 */
final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngEncoder() {}

  /** Encodes row-major 0xRRGGBB pixels. */
  static byte[] rgb(int width, int height, int[] pixels) {
    if (pixels.length != width * height) {
      throw new IllegalArgumentException(
          pixels.length + " pixels for a " + width + "x" + height + " image");
    }
    int stride = 3 * width;
    byte[] raw = new byte[height * (stride + 1)];
    byte[] previous = new byte[stride];
    byte[] row = new byte[stride];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = pixels[y * width + x];
        row[3 * x] = (byte) (p >> 16);
        row[3 * x + 1] = (byte) (p >> 8);
        row[3 * x + 2] = (byte) p;
      }
      RowFilter.best(row, previous, 3, raw, y * (stride + 1));
      byte[] t = previous;
      previous = row;
      row = t;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE);
    byte[] header = new byte[13];
    putInt(header, 0, width);
    putInt(header, 4, height);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type: RGB
    chunk(out, "IHDR", header);
    chunk(out, "IDAT", Deflate.zlib(raw));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    byte[] length = new byte[4];
    putInt(length, 0, data.length);
    out.writeBytes(length);
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    byte[] sum = new byte[4];
    putInt(sum, 0, (int) crc.getValue());
    out.writeBytes(sum);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /** PNG's five row filters, choosing per row the one with the least sum of |bytes|. */
  static final class RowFilter {
    private RowFilter() {}

    static void best(byte[] row, byte[] up, int bpp, byte[] out, int at) {
      int n = row.length;
      byte[] trial = new byte[n];
      long bestCost = Long.MAX_VALUE;
      for (int type = 0; type <= 4; type++) {
        long cost = 0;
        for (int i = 0; i < n; i++) {
          int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
          int b = up[i] & 0xFF;
          int c = i >= bpp ? up[i - bpp] & 0xFF : 0;
          int predictor =
              switch (type) {
                case 0 -> 0;
                case 1 -> a;
                case 2 -> b;
                case 3 -> (a + b) >>> 1;
                default -> paeth(a, b, c);
              };
          trial[i] = (byte) ((row[i] & 0xFF) - predictor);
          cost += Math.abs((int) trial[i]);
        }
        if (cost < bestCost) {
          bestCost = cost;
          out[at] = (byte) type;
          System.arraycopy(trial, 0, out, at + 1, n);
        }
      }
    }

    private static int paeth(int a, int b, int c) {
      int p = a + b - c;
      int pa = Math.abs(p - a);
      int pb = Math.abs(p - b);
      int pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
  }
}

package dev.perbench.metrics.mask;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The compressed COCO counts string, byte-identical to pycocotools' {@code rleToString} and {@code
 * rleFrString}.
 *
 * <p>Each count is written as groups of 5 data bits, least significant first, one character per
 * group: bit 0x20 says another group follows, bit 0x10 of the last group is the sign, and 48 is
 * added so the characters fall in {@code '0'..'o'}. From the fourth count on (index 3, not 2: a
 * detail of pycocotools) the value written is the difference to the count two places back, which
 * keeps the strings of smooth shapes short.
 */
public final class RleCodec {
  private static final int MAX_GROUPS = 13; // 13 * 5 bits covers a signed 64-bit value

  private RleCodec() {}

  /** The compressed counts string of a mask. */
  public static String encode(Mask mask) {
    int[] counts = mask.rawCounts();
    StringBuilder out = new StringBuilder(counts.length * 2);
    for (int i = 0; i < counts.length; i++) {
      long x = counts[i];
      if (i > 2) {
        x -= counts[i - 2];
      }
      boolean more = true;
      while (more) {
        int c = (int) (x & 0x1f);
        x >>= 5;
        more = (c & 0x10) != 0 ? x != -1 : x != 0;
        if (more) {
          c |= 0x20;
        }
        out.append((char) (c + 48));
      }
    }
    return out.toString();
  }

  /**
   * Decodes a compressed counts string of a {@code height x width} mask.
   *
   * @throws IllegalArgumentException naming the character position when the string holds a
   *     character outside {@code '0'..'o'}, ends inside a count, decodes to a negative count, or
   *     its counts do not sum to height * width
   */
  public static Mask decode(int height, int width, String s) {
    Mask.pixelCount(height, width); // a size error comes first, as it always has
    // Bytes, not chars: about 1.4x faster. A character beyond Latin-1 would become '?', which
    // is itself a valid digit, so strings with a '?' are checked for such characters first.
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    if (s.indexOf('?') >= 0) {
      requireLatin1(s);
    }
    return decode(height, width, b, 0, b.length);
  }

  /**
   * Decodes a compressed counts string given as its Latin-1 bytes {@code b[from, to)}, e.g.
   * straight from a line of JSON that holds it without escapes; character positions in errors count
   * from {@code from}. Otherwise as {@link #decode(int, int, String)}.
   */
  public static Mask decode(int height, int width, byte[] b, int from, int to) {
    long pixels = Mask.pixelCount(height, width);
    int[] counts = new int[Math.max(4, to - from)];
    int m = 0;
    int p = from;
    long sum = 0;
    while (p < to) {
      int start = p;
      long x = 0;
      int k = 0;
      boolean more = true;
      while (more) {
        if (p >= to) {
          throw new IllegalArgumentException(
              "RLE string ends inside the count that starts at character " + (start - from));
        }
        int c = (b[p] & 0xff) - 48;
        if (c < 0 || c > 63) {
          throw invalidCharacter((char) (b[p] & 0xff), p - from);
        }
        if (k == MAX_GROUPS) {
          throw new IllegalArgumentException(
              "RLE string has an overlong count at character " + (start - from));
        }
        x |= (long) (c & 0x1f) << (5 * k);
        more = (c & 0x20) != 0;
        p++;
        k++;
        if (!more && (c & 0x10) != 0) {
          x |= -1L << (5 * k);
        }
      }
      if (m > 2) {
        x += counts[m - 2];
      }
      if (x < 0 || x > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "RLE string decodes to an invalid count "
                + x
                + " (count "
                + m
                + ", character "
                + (start - from)
                + ")");
      }
      counts[m++] = (int) x;
      sum += x;
    }
    if (m == 0) {
      throw new IllegalArgumentException("RLE string is empty (an empty mask still has one count)");
    }
    if (sum != pixels) {
      throw new IllegalArgumentException(
          "RLE counts sum to "
              + sum
              + " but the mask is "
              + height
              + "x"
              + width
              + " = "
              + pixels
              + " pixels");
    }
    return Mask.ofTrustedCounts(height, width, Arrays.copyOf(counts, m));
  }

  private static void requireLatin1(String s) {
    for (int p = 0; p < s.length(); p++) {
      if (s.charAt(p) > 0xff) {
        throw invalidCharacter(s, p);
      }
    }
  }

  private static IllegalArgumentException invalidCharacter(String s, int p) {
    return invalidCharacter(s.charAt(p), p);
  }

  private static IllegalArgumentException invalidCharacter(char c, int p) {
    return new IllegalArgumentException(
        "RLE string has invalid character '" + c + "' at position " + p + " (expected '0'..'o')");
  }
}

package dev.perbench.harness.pairs;

import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import dev.perbench.metrics.mask.RleCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path for one well-formed line: reads it straight from its bytes and builds the masks
 * with the same calls as {@link MaskPairsReader}; a compressed counts string is decoded from the
 * line's bytes without becoming a String.
 *
 * <p>Hand-written rather than Jackson's streaming parser, for speed only: Jackson copies every
 * string into a buffer of its own before it can be decoded, and its large tokenizer methods cost
 * more compile time in a two-second run than this class spends parsing. It is safe because it only
 * ever accepts: it reads a strict subset of JSON (the four keys and their value shapes, strings
 * without escapes or control characters, numbers in JSON's grammar) and at the first thing outside
 * that subset, or any mask that does not build, it returns null and {@link PairScorer} asks {@link
 * MaskPairsReader}'s checks (Jackson) what the problem is. So whether a line is valid, its error
 * message and which problem is reported first never depend on this class; the differential fuzz
 * test ({@code MaskEvaluationFuzzTest}) and {@code StreamingPairParserTest} hold it to that.
 *
 * <p>Numbers become the same doubles as Jackson's (and Python's {@code json}): an integer is
 * converted from its exact value; a decimal with at most 18 significant digits and a power of ten
 * within 10^&plusmn;22 is one IEEE multiplication or division of two exactly represented numbers,
 * which rounds correctly (Clinger's fast path, as every correct parser has); any other decimal goes
 * to {@link Double#parseDouble}, which rounds correctly too.
 */
final class StreamingPairParser {
  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10; // exact: 10^22 < 2^53 * 2^22 and 5^22 < 2^53
    }
  }

  private static final int ID = 0;
  private static final int SIZE = 1;
  private static final int GT = 2;
  private static final int PRED = 3;
  private static final int COUNTS = 4;
  private static final byte[][] KEYS = {
    ascii("id"), ascii("size"), ascii("gt"), ascii("pred"), ascii("counts")
  };

  /** "No mask" (a JSON null), as distinct from a field not read. */
  private static final Object NO_MASK = new Object();

  private final byte[] b;
  private final int end;
  private int p;

  /** Whether the string {@link #stringEnd} last read had escapes. */
  private boolean escaped;

  private StreamingPairParser(byte[] data, int from, int to) {
    this.b = data;
    this.p = from;
    this.end = to;
  }

  /** The pair on {@code data[from, to)}, or null when the line is not a valid pair. */
  static MaskPair parse(byte[] data, int from, int to, int line) {
    try {
      return new StreamingPairParser(data, from, to).pair(line);
    } catch (IllegalArgumentException e) {
      return null; // a mask that does not build: the reader words it
    }
  }

  /**
   * The JSON number that is exactly {@code data[from, to)} as the scanner reads it, or NaN when it
   * declines it (for tests: the reader's Jackson gives the same double for every number taken).
   */
  static double number(byte[] data, int from, int to) {
    StreamingPairParser scan = new StreamingPairParser(data, from, to);
    double v = scan.number();
    return scan.p == to ? v : Double.NaN;
  }

  private MaskPair pair(int line) {
    if (!next('{')) {
      return null;
    }
    String id = null;
    int[] size = null;
    Object gt = null;
    Object pred = null;
    do {
      int key = key();
      switch (key) {
        case ID:
          if (id != null || (id = string()) == null) {
            return null;
          }
          break;
        case SIZE:
          if (size != null || (size = size()) == null) {
            return null;
          }
          break;
        case GT:
          if (gt != null || (gt = segmentation()) == null) {
            return null;
          }
          break;
        case PRED:
          if (pred != null || (pred = segmentation()) == null) {
            return null;
          }
          break;
        default:
          return null;
      }
    } while (next(','));
    if (!next('}') || !atEnd() || id == null || size == null || gt == null || pred == null) {
      return null;
    }
    return new MaskPair(id, line, mask(gt, size), mask(pred, size));
  }

  /** {@code [h, w]} of two non-negative 32-bit integers, else null. */
  private int[] size() {
    if (!next('[')) {
      return null;
    }
    int[] size = new int[2];
    if ((size[0] = count()) < 0 || !next(',') || (size[1] = count()) < 0 || !next(']')) {
      return null;
    }
    return size;
  }

  /** {@link #NO_MASK}, an {@link Rle}, a list of polygons, or null. */
  private Object segmentation() {
    skipSpace();
    if (p < end && b[p] == 'n') {
      return literal("null") ? NO_MASK : null;
    }
    if (next('{')) {
      return rle();
    }
    if (next('[')) {
      return polygons();
    }
    return null;
  }

  private Rle rle() {
    int[] size = null;
    int[] counts = null;
    byte[] text = b;
    int from = -1;
    int to = -1;
    do {
      int key = key();
      if (key == SIZE && size == null) {
        if ((size = size()) == null) {
          return null;
        }
      } else if (key == COUNTS && counts == null && from < 0) {
        skipSpace();
        if (p < end && b[p] == '"') {
          from = p + 1;
          if ((to = stringEnd() - 1) < 0) {
            return null;
          }
          if (escaped) {
            text = unescape(from, to);
            from = 0;
            to = text.length;
          }
        } else if ((counts = counts()) == null) {
          return null;
        }
      } else {
        return null;
      }
    } while (next(','));
    if (!next('}') || size == null || (counts == null && from < 0)) {
      return null;
    }
    return new Rle(size, counts, text, from, to);
  }

  /** {@code [n, ...]} of non-negative 32-bit integers, else null. */
  private int[] counts() {
    if (!next('[')) {
      return null;
    }
    int[] out = new int[16];
    int n = 0;
    if (next(']')) {
      return new int[0];
    }
    do {
      int v = count();
      if (v < 0) {
        return null;
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = v;
    } while (next(','));
    return next(']') ? Arrays.copyOf(out, n) : null;
  }

  /** After '[': {@code [x1, y1, ...], ...]} with at least one polygon, else null. */
  private List<double[]> polygons() {
    List<double[]> polygons = new ArrayList<>(2);
    do {
      if (!next('[')) {
        return null;
      }
      double[] xy = new double[64];
      int n = 0;
      if (!next(']')) {
        do {
          double v = number();
          if (Double.isNaN(v)) {
            return null;
          }
          if (n == xy.length) {
            xy = Arrays.copyOf(xy, n * 2);
          }
          xy[n++] = v;
        } while (next(','));
        if (!next(']')) {
          return null;
        }
      }
      polygons.add(Arrays.copyOf(xy, n));
    } while (next(','));
    return next(']') ? polygons : null;
  }

  /** A quoted key followed by ':', as one of the constants, or -1. */
  private int key() {
    skipSpace();
    int from = p + 1;
    int after = stringEnd();
    if (after < 0 || !next(':')) {
      return -1;
    }
    int close = after - 1;
    for (int k = 0; k < KEYS.length; k++) {
      if (Arrays.equals(b, from, close, KEYS[k], 0, KEYS[k].length)) {
        return k;
      }
    }
    return -1;
  }

  /** A string (see {@link #stringEnd}) as a String; else null. */
  private String string() {
    skipSpace();
    int from = p + 1;
    int after = stringEnd();
    if (after < 0) {
      return null;
    }
    byte[] text = escaped ? unescape(from, after - 1) : b;
    int to = escaped ? text.length : after - 1;
    int start = escaped ? 0 : from;
    return new String(text, start, to - start, StandardCharsets.US_ASCII);
  }

  /**
   * At a quote: a string of printable ASCII whose only escapes are {@code \\}, {@code \"} and
   * {@code \/} (RLE strings hold backslashes); moves the cursor past its closing quote, sets {@link
   * #escaped} and returns that position, else -1. (Other escapes and control characters go to the
   * reader.)
   */
  private int stringEnd() {
    escaped = false;
    if (p >= end || b[p] != '"') {
      return -1;
    }
    p++;
    while (p < end) {
      byte c = b[p++];
      if (c == '"') {
        return p;
      }
      if (c == '\\') {
        if (p >= end || b[p] != '\\' && b[p] != '"' && b[p] != '/') {
          return -1;
        }
        escaped = true;
        p++;
      } else if (c < 0x20 || c == 0x7f) {
        return -1;
      }
    }
    return -1;
  }

  /** The characters of {@code b[from, to)} with the escapes {@link #stringEnd} allows undone. */
  private byte[] unescape(int from, int to) {
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      out[n++] = b[i] == '\\' ? b[++i] : b[i];
    }
    return Arrays.copyOf(out, n);
  }

  /** A non-negative integer that fits 32 bits, in JSON's form (no sign, no leading zero); or -1. */
  private int count() {
    skipSpace();
    int from = p;
    long v = 0;
    while (p < end && b[p] >= '0' && b[p] <= '9' && p - from < 11) {
      v = v * 10 + (b[p++] - '0');
    }
    int digits = p - from;
    if (digits == 0 || digits > 10 || v > Integer.MAX_VALUE || digits > 1 && b[from] == '0') {
      return -1;
    }
    return followedByDelimiter() ? (int) v : -1;
  }

  /** A JSON number as a double (see the class comment); NaN when it is not one. */
  private double number() {
    skipSpace();
    int from = p;
    boolean negative = p < end && b[p] == '-';
    if (negative) {
      p++;
    }
    int intFrom = p;
    long mantissa = 0;
    int digits = 0;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      if (digits < 19) {
        mantissa = mantissa * 10 + (b[p] - '0');
      }
      digits++;
      p++;
    }
    if (p == intFrom || p - intFrom > 1 && b[intFrom] == '0') {
      return Double.NaN;
    }
    int fraction = 0;
    boolean point = p < end && b[p] == '.';
    if (point) {
      p++;
      int fractionFrom = p;
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        if (digits < 19) {
          mantissa = mantissa * 10 + (b[p] - '0');
          fraction++;
        }
        digits++;
        p++;
      }
      if (p == fractionFrom) {
        return Double.NaN;
      }
    }
    boolean exponentGiven = p < end && (b[p] == 'e' || b[p] == 'E');
    int exponent = 0;
    if (exponentGiven) {
      p++;
      boolean down = p < end && b[p] == '-';
      if (p < end && (b[p] == '-' || b[p] == '+')) {
        p++;
      }
      int expFrom = p;
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        exponent = Math.min(exponent * 10 + (b[p++] - '0'), 100_000);
      }
      if (p == expFrom) {
        return Double.NaN;
      }
      exponent = down ? -exponent : exponent;
    }
    if (!followedByDelimiter()) {
      return Double.NaN;
    }
    if (!point && !exponentGiven) {
      // Jackson reads an integer as a long and converts it; beyond 18 digits the reader decides.
      return digits > 18 ? Double.NaN : (double) (negative ? -mantissa : mantissa);
    }
    int power = exponent - fraction;
    if (digits <= 18 && mantissa < (1L << 53) && power >= -22 && power <= 22) {
      double v = power < 0 ? mantissa / POW10[-power] : mantissa * POW10[power];
      return negative ? -v : v;
    }
    return Double.parseDouble(new String(b, from, p - from, StandardCharsets.US_ASCII));
  }

  /** Whether what follows a number is a character that may end it in JSON. */
  private boolean followedByDelimiter() {
    if (p >= end) {
      return true;
    }
    byte c = b[p];
    return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private boolean literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (p + i >= end || b[p + i] != word.charAt(i)) {
        return false;
      }
    }
    p += word.length();
    return true;
  }

  /** Consumes {@code c} after optional whitespace, or leaves the cursor after the whitespace. */
  private boolean next(char c) {
    skipSpace();
    if (p < end && b[p] == c) {
      p++;
      return true;
    }
    return false;
  }

  private boolean atEnd() {
    skipSpace();
    return p == end;
  }

  /** JSON's whitespace: space, tab, carriage return, line feed. */
  private void skipSpace() {
    while (p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return;
      }
      p++;
    }
  }

  /** The mask of a parsed value, by the calls {@code SegmentationJson.parse} makes. */
  @SuppressWarnings("unchecked")
  private Mask mask(Object value, int[] size) {
    if (value instanceof Rle) {
      Rle r = (Rle) value;
      if (r.size[0] != size[0] || r.size[1] != size[1]) {
        throw new IllegalArgumentException("RLE size differs");
      }
      return r.counts == null
          ? RleCodec.decode(size[0], size[1], r.text, r.from, r.to)
          : Mask.fromCounts(size[0], size[1], r.counts);
    }
    if (value instanceof List<?>) {
      return PolygonRasterizer.rasterize((List<double[]>) value, size[0], size[1]);
    }
    return null; // NO_MASK
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * An RLE object: its size, and either uncompressed counts or the counts string as {@code
   * text[from, to)} (the line itself, or a copy when the string had escapes).
   */
  private record Rle(int[] size, int[] counts, byte[] text, int from, int to) {}
}

package dev.perbench.metrics.mask;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable binary mask in COCO run-length encoding.
 *
 * <p>The runs cover the image in column-major order (down the first column, then the next) and
 * alternate zeros and ones starting with zeros, so a mask whose first pixel is set begins with a
 * run of length 0. Runs are kept exactly as given (a run of length 0 in the middle is allowed, as
 * pycocotools allows it) so that encoding a decoded string gives the same string back.
 *
 * <p>Counts are Java {@code int}s, so an image may hold at most {@link Integer#MAX_VALUE} pixels
 * (pycocotools' limit is 2^32 - 1; no real image comes near either).
 */
public final class Mask {
  private final int height;
  private final int width;
  private final int[] counts;
  private final long area;

  private Mask(int height, int width, int[] counts, long area) {
    this.height = height;
    this.width = width;
    this.counts = counts;
    this.area = area;
  }

  /**
   * Builds a mask from uncompressed COCO counts.
   *
   * @throws IllegalArgumentException if a count is negative or the counts do not sum to height *
   *     width
   */
  public static Mask fromCounts(int height, int width, int[] counts) {
    long pixels = pixelCount(height, width);
    if (counts.length == 0) {
      throw new IllegalArgumentException("RLE has no counts (an empty mask still has one count)");
    }
    long sum = 0;
    long ones = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("RLE count " + i + " is negative: " + counts[i]);
      }
      sum += counts[i];
      if ((i & 1) == 1) {
        ones += counts[i];
      }
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
    return new Mask(height, width, counts.clone(), ones);
  }

  /** Wraps counts that the caller built and checked; the array is not copied. */
  static Mask ofTrustedCounts(int height, int width, int[] counts) {
    long ones = 0;
    for (int i = 1; i < counts.length; i += 2) {
      ones += counts[i];
    }
    return new Mask(height, width, counts, ones);
  }

  /** An all-zero mask, encoded as pycocotools encodes one: a single run of zeros. */
  public static Mask empty(int height, int width) {
    return new Mask(height, width, new int[] {(int) pixelCount(height, width)}, 0);
  }

  /** An all-one mask: an empty run of zeros, then every pixel. */
  public static Mask full(int height, int width) {
    int pixels = (int) pixelCount(height, width);
    return pixels == 0
        ? empty(height, width)
        : new Mask(height, width, new int[] {0, pixels}, pixels);
  }

  /**
   * Encodes a dense bitmap given in row-major order (the order of a numpy array or an image
   * raster); any non-zero byte is foreground.
   */
  public static Mask fromBitmap(int height, int width, byte[] rowMajor) {
    long pixels = pixelCount(height, width);
    if (rowMajor.length != pixels) {
      throw new IllegalArgumentException(
          "bitmap has " + rowMajor.length + " pixels, expected " + height + "x" + width);
    }
    RunBuilder runs = new RunBuilder();
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        runs.add(rowMajor[y * width + x] != 0);
      }
    }
    return ofTrustedCounts(height, width, runs.finish());
  }

  /** Decodes to a dense row-major bitmap of 0 and 1 bytes. */
  public byte[] toBitmap() {
    byte[] bitmap = new byte[height * width];
    int pos = 0;
    for (int i = 0; i < counts.length; i++) {
      int end = pos + counts[i];
      if ((i & 1) == 1) {
        for (int p = pos; p < end; p++) {
          bitmap[(p % height) * width + p / height] = 1;
        }
      }
      pos = end;
    }
    return bitmap;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** The uncompressed COCO counts (a copy). */
  public int[] counts() {
    return counts.clone();
  }

  /** How many runs the counts hold (what a copy of {@link #counts} would take, without it). */
  public int runCount() {
    return counts.length;
  }

  /** Counts without copying, for the package's run-walking algorithms. */
  int[] rawCounts() {
    return counts;
  }

  /** Number of foreground pixels (pycocotools {@code area}). */
  public long area() {
    return area;
  }

  public boolean isEmpty() {
    return area == 0;
  }

  /** True when {@code other} has the same height and width. */
  public boolean sameSizeAs(Mask other) {
    return height == other.height && width == other.width;
  }

  /**
   * The bounding box {@code [x, y, width, height]} as pycocotools' {@code toBbox} computes it,
   * {@code [0, 0, 0, 0]} for an empty mask. A run of ones that wraps from one column into the next
   * makes the box span the full height, as in pycocotools.
   */
  public double[] boundingBox() {
    long h = height;
    int m = (counts.length / 2) * 2;
    if (m == 0) {
      return new double[4];
    }
    long xs = width;
    long ys = height;
    long xe = 0;
    long ye = 0;
    long xp = 0;
    long cc = 0;
    for (int j = 0; j < m; j++) {
      cc += counts[j];
      // pycocotools does this in unsigned 32-bit arithmetic; mirror it for degenerate counts.
      long t = (cc - (j % 2)) & 0xFFFF_FFFFL;
      long y = t % h;
      long x = (t - y) / h;
      if (j % 2 == 0) {
        xp = x;
      } else if (xp < x) {
        ys = 0;
        ye = h - 1;
      }
      xs = Math.min(xs, x);
      xe = Math.max(xe, x);
      ys = Math.min(ys, y);
      ye = Math.max(ye, y);
    }
    return new double[] {xs, ys, xe - xs + 1, ye - ys + 1};
  }

  /** Pixel-wise OR, with pycocotools' {@code merge(..., intersect=0)} run layout. */
  public Mask union(Mask other) {
    return merge(List.of(this, other), false);
  }

  /** Pixel-wise AND, with pycocotools' {@code merge(..., intersect=1)} run layout. */
  public Mask intersection(Mask other) {
    return merge(List.of(this, other), true);
  }

  /**
   * Merges masks of one size left to right, exactly as pycocotools' {@code merge}: a single mask is
   * returned unchanged (runs and all); otherwise runs are rebuilt at every change of value.
   */
  public static Mask merge(List<Mask> masks, boolean intersect) {
    if (masks.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Mask result = masks.get(0);
    for (int i = 1; i < masks.size(); i++) {
      Mask next = masks.get(i);
      if (!result.sameSizeAs(next)) {
        throw new IllegalArgumentException(
            "cannot merge a "
                + next.height
                + "x"
                + next.width
                + " mask into "
                + result.height
                + "x"
                + result.width);
      }
      result =
          ofTrustedCounts(
              result.height, result.width, RunMerger.merge(result.counts, next.counts, intersect));
    }
    return result;
  }

  static long pixelCount(int height, int width) {
    if (height < 0 || width < 0) {
      throw new IllegalArgumentException("negative mask size " + height + "x" + width);
    }
    long pixels = (long) height * width;
    if (pixels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "mask " + height + "x" + width + " has more than " + Integer.MAX_VALUE + " pixels");
    }
    return pixels;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mask m
        && m.height == height
        && m.width == width
        && Arrays.equals(m.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * height + width) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "Mask[" + height + "x" + width + ", area=" + area + ", runs=" + counts.length + "]";
  }
}

package dev.perbench.data.mini;

import java.util.Locale;

/**
 * Three sizes, far enough apart to be read off the bounding box: the extent is the width of the
 * shape's bounding box in pixels (the height too for circles and squares).
 */
public enum SizeClass {
  SMALL(16),
  MEDIUM(24),
  LARGE(34);

  private final int extent;

  SizeClass(int extent) {
    this.extent = extent;
  }

  /** Bounding-box width in pixels. */
  public int extent() {
    return extent;
  }

  /** {@code small}, {@code medium}, {@code large}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SizeClass fromWord(String word) {
    for (SizeClass s : values()) {
      if (s.word().equals(word)) {
        return s;
      }
    }
    return null;
  }
}

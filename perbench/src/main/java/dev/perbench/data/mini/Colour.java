package dev.perbench.data.mini;

import java.util.Locale;

/**
 * The six fill colours: saturated and far apart in RGB, so a small network tells them apart from
 * single pixels, and all dark enough to stand out from the light backgrounds.
 */
public enum Colour {
  RED(0xDC2626),
  GREEN(0x16A34A),
  BLUE(0x2563EB),
  YELLOW(0xEAB308),
  PURPLE(0x9333EA),
  ORANGE(0xF97316);

  private final int rgb;

  Colour(int rgb) {
    this.rgb = rgb;
  }

  /** The word used in every text: {@code red}, {@code green}, ... */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The fill as 0xRRGGBB. */
  public int rgb() {
    return rgb;
  }

  /** The colour named by {@code word}, or null. */
  static Colour fromWord(String word) {
    for (Colour c : values()) {
      if (c.word().equals(word)) {
        return c;
      }
    }
    return null;
  }
}

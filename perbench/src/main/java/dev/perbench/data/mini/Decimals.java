package dev.perbench.data.mini;

/**
 * Polygon coordinates are multiples of 0.01, held as the double nearest to k / 100 and written as
 * that decimal: {@code Double.parseDouble} of the text (what any JSON reader does) gives back the
 * very double the generator rasterised, so a loader's mask is the generator's mask. The text is
 * made from the integer k, never by a locale- or JDK-dependent float formatter.
 */
final class Decimals {
  private Decimals() {}

  /** The double nearest to {@code v} rounded to 2 decimals (IEEE division is exact-rounded). */
  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** A {@link #round2}ed value as JSON number text: {@code 12.0}, {@code 12.5}, {@code 12.35}. */
  static String format(double v) {
    long k = Math.round(v * 100);
    String sign = k < 0 ? "-" : "";
    k = Math.abs(k);
    long whole = k / 100;
    long frac = k % 100;
    String digits = frac % 10 == 0 ? Long.toString(frac / 10) : (frac < 10 ? "0" : "") + frac;
    return sign + whole + "." + digits;
  }
}

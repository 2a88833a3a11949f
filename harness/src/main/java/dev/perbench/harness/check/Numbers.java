package dev.perbench.harness.check;

import java.math.BigDecimal;
import java.util.Locale;

/** How the check's reports print numbers. */
final class Numbers {
  private Numbers() {}

  /** A number as a person wrote it in the gate: 0.5, 2, 0.7 (no exponent, no trailing zeros). */
  static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** A fraction in points with two decimals: 0.62113 is 62.11. */
  static String points(double fraction) {
    return String.format(Locale.ROOT, "%.2f", 100 * fraction);
  }

  /** A value already in percent (the overall score) with two decimals: 82.32. */
  static String percent(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** A difference of fractions in points with a sign: -1.23, +0.40. */
  static String signedPoints(double fraction) {
    String s = String.format(Locale.ROOT, "%+.2f", 100 * fraction);
    // A tolerance of 0 is -0.0 as a threshold; a sign on zero would only confuse.
    return s.equals("-0.00") || s.equals("+0.00") ? "0.00" : s;
  }

  /** A p-value: 0.0002, 0.0431, 1. */
  static String p(double p) {
    return String.format(Locale.ROOT, "%.4f", p);
  }
}

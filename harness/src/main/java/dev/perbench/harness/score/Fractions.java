package dev.perbench.harness.score;

import dev.perbench.harness.json.Check;
import dev.perbench.harness.json.FieldException;
import java.util.Locale;

/** The value rules of the task results, each naming its field (as {@code metrics.json} does). */
final class Fractions {
  private Fractions() {}

  /** A fraction in [0, 1], or null; a percentage gets a hint. */
  static void fraction(String field, Double v) {
    if (v == null) {
      return;
    }
    if (!(v >= 0 && v <= 1)) {
      throw new FieldException(
          field,
          v
              + " is outside [0, 1]"
              + (v > 1 && v <= 100
                  ? String.format(
                      Locale.ROOT,
                      " (values are fractions: write %s for %s%%)",
                      String.format(Locale.ROOT, "%.4f", v / 100)
                          .replaceAll("0+$", "")
                          .replaceAll("\\.$", ".0"),
                      v)
                  : ""));
    }
  }

  /** A count: a non-negative integer, or null. */
  static void count(String field, Long v) {
    Check.atLeast(field, v, 0, true);
  }

  /** The convention every task result names. */
  static void convention(String convention) {
    if (Check.present("convention", convention).isBlank()) {
      throw new FieldException("convention", "must name the metric convention");
    }
  }

  /** The counts every task result has. */
  static void counts(Long n, Long missing, Long failed) {
    count("n", n);
    count("missing", missing);
    count("failed", failed);
  }
}

package dev.perbench.metrics.text;

import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * METEOR's penalty {@code gamma * (chunks / matches) ^ beta}, with the power correctly rounded.
 *
 * <p>NLTK computes {@code frag_frac ** beta} with the C library's {@code pow}, so its last bit
 * depends on the platform: glibc's pow (error up to 0.52 units in the last place) misrounds the
 * cube of about 1 in 1,000 ratios {@code chunks / matches} (for example 73/81). This class computes
 * the exactly rounded power instead, the same on every JVM and reproducible in Python as {@code
 * float(Fraction(x) ** 3)}. For an integer beta from 0 to 64 the power of the double ratio is
 * evaluated exactly in {@link BigDecimal} and rounded once (cached per ratio); any other beta falls
 * back to {@link StrictMath#pow}.
 */
final class FragmentationPenalty {
  private static final int CACHE_LIMIT = 100_000;

  private final double beta;
  private final double gamma;
  private final int integerBeta;
  private final ConcurrentHashMap<Long, Double> powers = new ConcurrentHashMap<>();

  FragmentationPenalty(double beta, double gamma) {
    this.beta = beta;
    this.gamma = gamma;
    this.integerBeta = beta >= 0 && beta <= 64 && beta == Math.rint(beta) ? (int) beta : -1;
  }

  /** {@code gamma * (chunks / matches) ^ beta}, for 1 &lt;= chunks &lt;= matches. */
  double of(int chunks, int matches) {
    return gamma * power(chunks, matches);
  }

  private double power(int chunks, int matches) {
    double fraction = (double) chunks / matches;
    if (integerBeta < 0) {
      return StrictMath.pow(fraction, beta);
    }
    long key = ((long) chunks << 32) | matches;
    Double cached = powers.get(key);
    if (cached != null) {
      return cached;
    }
    double value = new BigDecimal(fraction).pow(integerBeta).doubleValue();
    if (powers.size() >= CACHE_LIMIT) {
      powers.clear();
    }
    powers.put(key, value);
    return value;
  }
}

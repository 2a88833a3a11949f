package dev.perbench.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The ratio-of-sums bootstrap (cIoU) against a direct transcription of its definition. */
class RatioBootstrapTest {
  @Test
  void itResamplesPairsWithTheMeanBootstrapsIndexStream() {
    double[] num = {3, 0, 5, 2, 8, 1, 0, 4};
    double[] den = {4, 2, 9, 2, 10, 3, 1, 4};
    ConfidenceInterval ci = Bootstrap.ratioOfSums(num, den, 0.9, 500, 42);
    // Direct: the same SplitMix64 draws, ratio per resample, linear percentiles.
    SplitMix64 rng = new SplitMix64(42);
    double[] ratios = new double[500];
    for (int r = 0; r < 500; r++) {
      double a = 0;
      double b = 0;
      for (int i = 0; i < num.length; i++) {
        int k = rng.nextIndex(num.length);
        a += num[k];
        b += den[k];
      }
      ratios[r] = a / b;
    }
    Arrays.sort(ratios);
    assertEquals(23.0 / 35, ci.estimate(), 1e-15);
    assertEquals(Percentiles.linear(ratios, 0.05), ci.lower(), 1e-15);
    assertEquals(Percentiles.linear(ratios, 0.95), ci.upper(), 1e-15);
    assertEquals(true, ci.lower() < ci.estimate() && ci.estimate() < ci.upper());
  }

  @Test
  void allZeroDenominatorsGiveZeroAndMismatchedLengthsAreRefused() {
    ConfidenceInterval ci =
        Bootstrap.ratioOfSums(new double[] {0, 0}, new double[] {0, 0}, 0.95, 10, 1);
    assertEquals(0.0, ci.estimate());
    assertEquals(0.0, ci.upper());
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.ratioOfSums(new double[] {1}, new double[] {1, 2}, 0.95, 10, 1));
  }
}

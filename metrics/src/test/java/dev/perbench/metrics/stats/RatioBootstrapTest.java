package dev.perbench.metrics.stats;

import static dev.perbench.metrics.stats.StatsReference.doubles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ratio-of-sums bootstrap (cIoU) against {@code reference/bootstrap_numpy.json}, computed with
 * numpy by {@code gen_bootstrap_numpy.py} (its own SplitMix64, numpy's sums and quantiles): bit for
 * bit where the inputs are whole numbers (pixel counts), within 1e-12 otherwise (numpy sums in
 * another order).
 */
class RatioBootstrapTest {
  static Stream<Arguments> numpy() {
    return StatsReference.cases("bootstrap_numpy.json", "ratio_of_sums");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numpy")
  void intervalEqualsNumpys(String name, JsonNode c) {
    ConfidenceInterval ci =
        Bootstrap.ratioOfSums(
            doubles(c.get("numerators")),
            doubles(c.get("denominators")),
            c.get("level").asDouble(),
            c.get("resamples").asInt(),
            c.get("seed").asLong());
    BootstrapTest.assertInterval(c, ci);
  }

  @Test
  void allZeroDenominatorsGiveZeroAndMismatchedLengthsAreRefused() {
    ConfidenceInterval ci =
        Bootstrap.ratioOfSums(new double[] {0, 0}, new double[] {0, 0}, 0.95, 10, 1);
    assertEquals(0.0, ci.estimate());
    assertEquals(0.0, ci.lower());
    assertEquals(0.0, ci.upper());
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.ratioOfSums(new double[] {1}, new double[] {1, 2}, 0.95, 10, 1));
  }
}

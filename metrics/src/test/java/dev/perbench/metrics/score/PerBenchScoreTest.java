package dev.perbench.metrics.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerBenchScoreTest {
  /** The paper prints one decimal: a correct formula is within half of its last digit. */
  private static final double PAPER_ROUNDING = 0.05 + 1e-9;

  @ParameterizedTest(name = "{0}: overall {5}")
  @CsvSource({
    "LISA 7B,          0,    0,    0,    0,    0",
    "Osprey 7B,        13.4, 0.12, 0,    0,    8.5",
    "GLaMM 7B,         12.6, 0.14, 24.3, 14.6, 15.3",
    "Sa2VA 4B,         19.2, 0.71, 31.9, 21.9, 39.0",
    "Pixel-SAIL 0.5B,  21.4, 0.69, 29.7, 19.8, 38.4",
    "Pixel-SAIL 3B,    24.2, 0.74, 33.4, 23.5, 42.2",
  })
  @DisplayName("every row of the paper's Table 3 is reproduced from its components")
  void reproducesTable3(
      String model, double meteor, double acc, double ciou, double giou, double overall) {
    assertEquals(overall, PerBenchScore.overall(meteor, acc, ciou, giou), PAPER_ROUNDING, model);
  }

  @Test
  @DisplayName("the score is the mean of METEOR, accuracy in percent and the mean of the IoUs")
  void formula() {
    assertEquals((30 + 60 + 45) / 3.0, PerBenchScore.overall(30, 0.6, 40, 50), 1e-12);
    assertEquals(100.0, PerBenchScore.overall(100, 1, 100, 100), 1e-12);
  }

  @Test
  @DisplayName("components outside their ranges are rejected, such as accuracy in percent")
  void rejectsOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> PerBenchScore.overall(20, 71, 30, 20));
    assertThrows(IllegalArgumentException.class, () -> PerBenchScore.overall(-1, 0.5, 30, 20));
    assertThrows(IllegalArgumentException.class, () -> PerBenchScore.overall(20, 0.5, 130, 20));
    assertThrows(
        IllegalArgumentException.class, () -> PerBenchScore.overall(20, 0.5, 30, Double.NaN));
  }

  @Test
  @DisplayName("with a judge score in place of METEOR: the same bits, and above 100 allowed")
  void withJudge() {
    double[][] cases = {
      {24.2, 0.74, 33.4, 23.5}, {0, 0, 0, 0}, {100, 1, 100, 100}, {71.3, 0.5, 1, 2}
    };
    for (double[] c : cases) {
      assertEquals(
          PerBenchScore.overall(c[0], c[1], c[2], c[3]),
          PerBenchScore.overallWithJudge(c[0], c[1], c[2], c[3]));
    }
    assertEquals((150 + 60 + 45) / 3.0, PerBenchScore.overallWithJudge(150, 0.6, 40, 50), 1e-12);
    assertThrows(
        IllegalArgumentException.class, () -> PerBenchScore.overallWithJudge(-1, 0.5, 30, 20));
    assertThrows(
        IllegalArgumentException.class,
        () -> PerBenchScore.overallWithJudge(Double.POSITIVE_INFINITY, 0.5, 30, 20));
    assertThrows(
        IllegalArgumentException.class, () -> PerBenchScore.overallWithJudge(50, 71, 30, 20));
  }
}

package dev.perbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FragmentationPenaltyTest {
  @Test
  @DisplayName("the cube is correctly rounded where glibc's pow (NLTK on Linux) is one ulp off")
  void correctlyRounded() {
    FragmentationPenalty cube = new FragmentationPenalty(3.0, 1.0);
    // Python: float(Fraction(73/81) ** 3); glibc's (73/81) ** 3.0 is 0x1.76c93e5f08551p-1.
    assertEquals(0x1.76c93e5f08550p-1, cube.of(73, 81), 0.0);
    // glibc gives 0x1.d20fb69fd42c2p-6 here.
    assertEquals(0x1.d20fb69fd42c3p-6, cube.of(29, 95), 0.0);
    assertEquals(0.5 * 0x1.76c93e5f08550p-1, new FragmentationPenalty(3.0, 0.5).of(73, 81), 0.0);
  }

  @Test
  @DisplayName("a non-integer beta uses StrictMath.pow")
  void otherBeta() {
    assertEquals(StrictMath.pow(0.5, 2.5), new FragmentationPenalty(2.5, 1.0).of(1, 2), 0.0);
    assertEquals(1.0, new FragmentationPenalty(0.0, 1.0).of(1, 2), 0.0);
  }
}

package dev.perbench.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Coordinates: the text written is the decimal whose parse is the double rasterised. */
class DecimalsTest {

  @Test
  void valuesAreWrittenWithTheFewestDecimalsButAlwaysOne() {
    assertEquals("12.0", Decimals.format(12));
    assertEquals("12.5", Decimals.format(12.5));
    assertEquals("12.35", Decimals.format(Decimals.round2(12.3456)));
    assertEquals("0.05", Decimals.format(0.05));
    assertEquals("-0.5", Decimals.format(-0.5));
    assertEquals("127.99", Decimals.format(Decimals.round2(127.994)));
  }

  @Test
  void parsingTheTextGivesBackTheRoundedDouble() {
    for (int k = 0; k <= 12_800; k++) {
      double v = Decimals.round2(k / 100.0 + 0.001);
      assertEquals(v, Double.parseDouble(Decimals.format(v)), "k=" + k);
    }
  }
}

package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code perbench bench check} at its smallest (one trial per cell, 100 resamples): the table's
 * shape and the reproduce line, never the rates (CheckSimulationTest checks those).
 */
class BenchCheckCommandTest {
  @Test
  @Timeout(120)
  void oneTrialPerCellPrintsTheWholeGrid() {
    CommandRun r =
        CommandRun.of("bench", "check", "--trials", "1", "--resamples", "100", "--seed", "3");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    // the header row, then 2 metrics x 2 sizes x 4 drops x 2 gates (the rule reads |---|)
    long rows = r.out().lines().filter(l -> l.startsWith("| ")).count();
    assertEquals(1 + 32, rows, r.out());
    assertTrue(r.out().contains("| res.ciou | 3,000 | 5 |"), r.out());
    assertTrue(r.out().contains("| mcq.accuracy | 300 | 0 |"), r.out());
    assertTrue(
        r.out().contains("reproduce: bin/perbench bench check --trials 1 --resamples 100 --seed 3"),
        r.out());
  }

  @Test
  void tooFewResamplesAreAnInputError() {
    CommandRun r = CommandRun.of("bench", "check", "--resamples", "50");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("--resamples must be 100 to 1,000,000, not 50"), r.err());
  }
}

package dev.perbench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.bench.CheckSimulation.Cell;
import dev.perbench.bench.CheckSimulation.Metric;
import dev.perbench.bench.CheckSimulation.Result;
import dev.perbench.bench.CheckSimulation.Settings;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The error rates of {@code perbench check}'s paired drop rule, by {@link CheckSimulation}, at
 * sizes small enough for a unit test (4,000 checks at n = 300 and 100 at n = 3,000, 1,000 resamples
 * each). Each bound is chosen from a long run of the simulation so that a correct implementation
 * breaks it with probability below 1e-4; the binomial tails are in the comments (computed with
 * scipy.stats.binom). The reference rates come from {@code CheckSimulation} runs of 4,000 trials at
 * n = 300 (seed 99) and 1,000 trials at n = 3,000 (seed 77), 1,000 resamples each, so other seeds
 * than the tests' own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckSimulationTest {
  /** Trials of the n = 300 cells. */
  private static final int TRIALS = 1_000;

  private static final int RESAMPLES = 1_000;
  private static final long SEED = 20_240_601;

  private Result res300;
  private Result res300drop5;
  private Result mcq300;

  @BeforeAll
  void simulate() {
    // res with no drop under max_drop 0 and 1, res with a 5-point drop under max_drop 0, mcq with
    // no drop under max_drop 0: 4 checks per trial
    res300 = simulate(Metric.RES_CIOU, 300, 0, List.of(0.0, 1.0), TRIALS);
    res300drop5 = simulate(Metric.RES_CIOU, 300, 5, List.of(0.0), TRIALS);
    mcq300 = simulate(Metric.MCQ_ACCURACY, 300, 0, List.of(0.0), TRIALS);
  }

  private static Result simulate(Metric m, int n, double drop, List<Double> maxDrops, int trials) {
    return CheckSimulation.run(
        new Settings(
            List.of(m), List.of(n), List.of(drop), maxDrops, 0.95, trials, RESAMPLES, SEED, 2),
        line -> {});
  }

  @Test
  @DisplayName("max_drop 0, a rerun of the same quality (n = 300): at most 6% of trials fail")
  void falsePositivesAtMaxDrop0() {
    // The rule fails when the whole 95% interval lies below 0: one-sided at 2.5%. Long runs gave
    // 2.5% (res, 95% Wilson 2.1-3.1%) and 2.6% (mcq, 2.1-3.1%). With 1,000 trials a bound of 6%
    // allows 60 failures: P(Bin(1000, 0.031) > 60) = 7.9e-7, P(Bin(1000, 0.035) > 60) = 3.0e-5.
    // A rule that failed on a one-sided 5% test (twice the rate) would still pass this bound, but
    // one at 10% or one that failed whenever the estimate is below 0 (50%) would not.
    for (Cell c : List.of(cell(res300, 0, 0), cell(mcq300, 0, 0))) {
      assertTrue(c.fail() <= 60, c.metric().id() + ": " + c.fail() + " of " + c.trials());
      assertEquals(TRIALS, c.fail() + c.warn() + c.pass());
    }
  }

  @Test
  @DisplayName("max_drop 1, a rerun of the same quality: false positives all but vanish")
  void falsePositivesAtMaxDrop1() {
    // res at n = 300: a long run gave 0.4% (Wilson 0.2-0.6%). 2% of 1,000 allows 20:
    // P(Bin(1000, 0.006) > 20) = 1.3e-6.
    Cell c = cell(res300, 0, 1);
    assertTrue(c.fail() <= 20, c.fail() + " of " + c.trials());
    // res at n = 3,000, the bound of 1%: a long run had 0 failures in 1,000 trials. Its pass share
    // (71.1%, the lower end at or above -1 point) puts the standard error of the difference at
    // about 0.40 points, so the rate is about Phi(-(1 / 0.40 + 1.96)) = 4e-6; 1% of 100 allows 1:
    // P(Bin(100, 4e-6) > 1) = 7.9e-8 (and 4.9e-5 even at a rate of 0.01%).
    Result big = simulate(Metric.RES_CIOU, 3_000, 0, List.of(1.0), 100);
    Cell b = big.cells().get(0);
    assertEquals(3_000, b.n());
    assertTrue(b.failShare() <= 0.01, b.fail() + " of " + b.trials());
  }

  @Test
  @DisplayName(
      "a 5-point drop of res.ciou at n = 300 fails at least 92% of trials under max_drop 0")
  void powerAgainstA5PointDrop() {
    // A long run failed 96.0% (Wilson 95.3-96.5%). 92% of 1,000 needs 920:
    // P(Bin(1000, 0.953) < 920) = 2.3e-6.
    Cell c = cell(res300drop5, 5, 0);
    assertTrue(c.fail() >= 920, c.fail() + " of " + c.trials());
    // Clipping at 0 and 1 can only shave the injected drop: the long run realised 4.80 points,
    // and the mean over 1,000 trials has a standard error of about 0.04 points.
    assertTrue(c.realisedDrop() > 4.5 && c.realisedDrop() < 5.0, "" + c.realisedDrop());
    // With no drop, the realised drop is noise around 0.
    assertTrue(Math.abs(cell(res300, 0, 0).realisedDrop()) < 0.3);
  }

  @Test
  @DisplayName("the same seed gives the same table, whatever the threads and the rest of the grid")
  void deterministic() {
    Settings a = tiny(List.of(0.0, 2.0), 7, 1);
    Settings b = tiny(List.of(0.0, 2.0), 7, 2);
    String ta = CheckSimulation.table(CheckSimulation.run(a, line -> {}));
    assertEquals(ta, CheckSimulation.table(CheckSimulation.run(b, line -> {})));
    assertEquals(ta, CheckSimulation.table(CheckSimulation.run(a, line -> {})));
    assertNotEquals(
        ta, CheckSimulation.table(CheckSimulation.run(tiny(List.of(0.0, 2.0), 8, 2), x -> {})));
    // a cell's trials depend on the seed, the metric, n and the trial only
    Result whole = CheckSimulation.run(a, line -> {});
    Result part = CheckSimulation.run(tiny(List.of(2.0), 7, 2), line -> {});
    for (Cell c : part.cells()) {
      Cell same =
          whole.cells().stream()
              .filter(x -> x.metric() == c.metric() && x.drop() == c.drop())
              .filter(x -> x.maxDrop() == c.maxDrop())
              .findFirst()
              .orElseThrow();
      assertEquals(same, c);
    }
    // the table's shape: the header row, then one per cell (2 metrics x 2 drops x 2 gates)
    long rows = ta.lines().filter(l -> l.startsWith("| ")).count();
    assertEquals(1 + 8, rows);
  }

  @Test
  @DisplayName("the Wilson interval of the fail share")
  void wilson() {
    // values from solving (k/n - p)^2 = z^2 p (1 - p) / n for p (scipy brentq), z = 1.959964
    assertArrayEquals(new double[] {0, 0.0188453264}, CheckSimulation.wilson(0, 200), 1e-9);
    assertArrayEquals(
        new double[] {0.0107247197, 0.0571783404}, CheckSimulation.wilson(5, 200), 1e-9);
    assertArrayEquals(
        new double[] {0.2992980082, 0.7007019918}, CheckSimulation.wilson(10, 20), 1e-9);
    assertArrayEquals(new double[] {0.9811546736, 1}, CheckSimulation.wilson(200, 200), 1e-9);
  }

  private static Settings tiny(List<Double> drops, long seed, int threads) {
    return new Settings(
        List.of(Metric.values()),
        List.of(60),
        drops,
        List.of(0.0, 1.0),
        0.95,
        30,
        200,
        seed,
        threads);
  }

  private static Cell cell(Result r, double drop, double maxDrop) {
    return r.cells().stream()
        .filter(c -> c.drop() == drop && c.maxDrop() == maxDrop)
        .findFirst()
        .orElseThrow();
  }
}

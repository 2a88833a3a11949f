package dev.perbench.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests of {@link Bootstrap}'s paired bootstrap against {@link ReferencePairedBootstrap},
 * an independent and deliberately slow transcription of the procedure in {@link Bootstrap}'s class
 * comment, plus algebraic properties that need no reference at all.
 *
 * <p>Each property is a parameterized test over the case indices 0 to 199 ({@value #CASES} cases).
 * Case i of a property is generated from a {@link SplitMix64} of its own, seeded with the
 * property's number and i (see {@link Gen#forCase}), so the cases are the same on every run and on
 * every JDK, and a failing case is named by its index ("case 17"), which is all it takes to rebuild
 * it (case 17 of the swap property is {@code boundedCase(Gen.forCase(SWAP, 17))}, or the call
 * {@code swappingTheRunsNegates(17)}); the failure message prints the case's inputs as well.
 *
 * <p>Sizes are small (n in 1..60, resamples in 1..300) so that the class runs in a few seconds;
 * small sizes are also where the percentile's corner cases (one resample, a virtual index landing
 * on the last element) are hit often.
 */
class PairedBootstrapPropertyTest {
  private static final int CASES = 200;

  /*
   * Generation is steered explicitly: numbers are drawn uniformly, and the generators below mix in
   * the special values (n and resamples 1 and 2, extreme seeds and levels, zeros, whole numbers,
   * degenerate runs) with weights of their own, so that neither the special values nor the
   * ordinary ones crowd the other out.
   *
   * Each property draws its cases from its own seeds, below, so that no two properties see the
   * same inputs.
   */
  private static final int REFERENCE = 1;
  private static final int TIES = 2;
  private static final int SINGLE_RUN = 3;
  private static final int UNIT_DENOMINATORS = 4;
  private static final int IDENTICAL = 5;
  private static final int SWAP = 6;
  private static final int SHIFT = 7;

  /** The case indices of every property. */
  static IntStream cases() {
    return IntStream.range(0, CASES);
  }

  /** One run: a numerator and a denominator per sample. */
  record Run(double[] num, double[] den) {
    @Override
    public String toString() {
      return "num=" + Arrays.toString(num) + " den=" + Arrays.toString(den);
    }
  }

  /** The inputs of one paired bootstrap, and the case that they are ("case 17"). */
  record Case(String name, Run a, Run b, double level, int resamples, long seed) {
    PairedDifference bootstrap() {
      return Bootstrap.pairedRatioDifference(a.num, a.den, b.num, b.den, level, resamples, seed);
    }

    @Override
    public String toString() {
      return name
          + ": A: "
          + a
          + ", B: "
          + b
          + ", level="
          + level
          + ", resamples="
          + resamples
          + ", seed="
          + seed;
    }
  }

  // 1. Bit for bit against the reference, on any finite non-negative inputs.

  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void pairedRatioDifferenceEqualsTheReference(int index) {
    assertEqualsReference(anyCase(Gen.forCase(REFERENCE, index)));
  }

  /**
   * Property 1 where numpy's lerp is most fragile. A virtual index with a fraction of exactly 0.5
   * is interpolated from the upper neighbour, {@code b - diff * 0.5}, not {@code a + diff * 0.5};
   * the two differ when {@code diff = b - a} rounds, as it does for neighbours of opposite sign,
   * which few rounds over few samples make common. Random levels almost never land on such an
   * index, so these cases are made on purpose: level 0.5 with 3, 7, 11 or 15 resamples puts both
   * virtual indices ((R - 1) / 4 and 3 (R - 1) / 4) at a fraction of 0.5.
   */
  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void pairedRatioDifferenceEqualsTheReferenceAtInterpolationTies(int index) {
    assertEqualsReference(tieCase(Gen.forCase(TIES, index)));
  }

  private static void assertEqualsReference(Case c) {
    PairedDifference d = c.bootstrap();
    ReferencePairedBootstrap.Result r =
        ReferencePairedBootstrap.pairedRatioDifference(
            c.a.num, c.a.den, c.b.num, c.b.den, c.level, c.resamples, c.seed);
    // assertEquals(double, double) compares Double.doubleToLongBits, so this is bit for bit
    // (0.0 and -0.0 differ; NaN equals NaN, which overflowing sums of huge values can give).
    assertEquals(r.estimate(), d.estimate(), at("estimate", c));
    assertEquals(r.lower(), d.lower(), at("lower", c));
    assertEquals(r.upper(), d.upper(), at("upper", c));
    assertEquals(r.pValue(), d.pValue(), at("p-value", c));
    assertEquals(c.level, d.level(), at("level", c));
    assertEquals(c.resamples, d.resamples(), at("resamples", c));
    assertEquals(c.seed, d.seed(), at("seed", c));
  }

  /** The single-run bootstraps share the index stream, so they get the same treatment. */
  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void meanPairedDifferenceAndRatioOfSumsEqualTheReference(int index) {
    Case c = anyCase(Gen.forCase(SINGLE_RUN, index));
    ConfidenceInterval mean = Bootstrap.mean(c.a.num, c.level, c.resamples, c.seed);
    assertBitwise(
        ReferencePairedBootstrap.mean(c.a.num, c.level, c.resamples, c.seed), mean, "mean", c);

    ConfidenceInterval paired =
        Bootstrap.pairedDifference(c.a.num, c.b.num, c.level, c.resamples, c.seed);
    assertBitwise(
        ReferencePairedBootstrap.pairedDifference(c.a.num, c.b.num, c.level, c.resamples, c.seed),
        paired,
        "pairedDifference",
        c);

    ConfidenceInterval ratio =
        Bootstrap.ratioOfSums(c.a.num, c.a.den, c.level, c.resamples, c.seed);
    assertBitwise(
        ReferencePairedBootstrap.ratioOfSums(c.a.num, c.a.den, c.level, c.resamples, c.seed),
        ratio,
        "ratioOfSums",
        c);
  }

  // 2. Unit denominators: the mean difference, up to rounding.

  /**
   * Not bitwise: pairedDifference sums the per-sample differences {@code a[k] - b[k]}, while
   * pairedRatioDifference sums each run and subtracts the two means, which rounds differently.
   * Values are in [0, 1] (accuracy, METEOR, gIoU), where the two differ by a few ulps of n.
   */
  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void unitDenominatorsGivePairedDifference(int index) {
    Gen g = Gen.forCase(UNIT_DENOMINATORS, index);
    int n = size(g);
    double[] a = column(g, UNIT_INTERVAL_VALUE, n);
    double[] b = column(g, UNIT_INTERVAL_VALUE, n);
    double level = level(g);
    int resamples = resamples(g);
    long seed = seed(g);
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    Case c = new Case(g.caseName(), new Run(a, ones), new Run(b, ones), level, resamples, seed);
    PairedDifference d = c.bootstrap();
    ConfidenceInterval ci = Bootstrap.pairedDifference(a, b, level, resamples, seed);
    assertEquals(ci.estimate(), d.estimate(), 1e-12, at("estimate", c));
    assertEquals(ci.lower(), d.lower(), 1e-12, at("lower", c));
    assertEquals(ci.upper(), d.upper(), 1e-12, at("upper", c));
  }

  // 3. Identical runs.

  /**
   * Every round difference is {@code x - x}, which is +0.0 for any finite x, so the bounds are
   * exactly +0.0 and every round counts on both sides of zero. Bounded values, because overflowing
   * sums would make x infinite or NaN and x - x NaN.
   */
  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void identicalRunsGiveZeroAndPValueOne(int index) {
    Case c = boundedCase(Gen.forCase(IDENTICAL, index));
    double[] num = c.a.num;
    double[] den = c.a.den;
    PairedDifference d =
        Bootstrap.pairedRatioDifference(
            num, den, num.clone(), den.clone(), c.level, c.resamples, c.seed);
    // Only run A of c is used: the message shows that alone.
    Supplier<String> inputs = () -> c.name + ": A: " + c.a;
    assertEquals(0.0, d.estimate(), at("estimate", inputs));
    assertEquals(0.0, d.lower(), at("lower", inputs));
    assertEquals(0.0, d.upper(), at("upper", inputs));
    assertEquals(1.0, d.pValue(), at("p-value", inputs));
  }

  // 4. Swapping the runs.

  /**
   * Each round difference of B - A is exactly the negation of that of A - B (IEEE subtraction is
   * antisymmetric), so the sorted B - A differences are the A - B ones negated and reversed, the
   * estimate is negated and the p-value's two counts trade places: those are compared exactly, with
   * {@code ==} rather than bit for bit because {@code x - x} is +0.0 both ways round, so a zero's
   * negation is -0.0 on one side and +0.0 on the other.
   *
   * <p>The bounds mirror exactly only where the two quantile positions do. In general they do not:
   * the virtual indices fl((R - 1) * alpha / 2) and fl((R - 1) * fl(1 - alpha / 2)) need not add up
   * to R - 1 (level 0.8, R = 4: 0.29999999999999993 and 2.7, which leave 0.2999999999999998 for the
   * mirror), so lower(B - A) and -upper(A - B) interpolate with fractions a few ulps apart. numpy's
   * quantile does the same (checked with numpy 2.4.6 on A all 0, B = 0 0 0 1 over 0 0 0 1, seed 0:
   * 0x1.3333333333332p-2 against 0x1.3333333333330p-2), so this is the procedure's and not
   * Bootstrap's. Each index is within 1e-13 of its exact value (R - 1 &lt; 300), so the bounds may
   * differ by 1e-13 times the gap between the neighbours they sit between, which is at most the
   * range of the round differences, hence the tolerance below.
   *
   * <p>At level 0.5 the positions are (R - 1) / 4 and 3 (R - 1) / 4, both exact, with fractions 0,
   * 0.25, 0.5 or 0.75 whose complements are exact; numpy's lerp then evaluates the same expression
   * on both sides (a + diff * 0.25 mirrors b - diff * (1 - 0.75)), so the bounds are asserted to
   * mirror exactly, except for the fraction 0.5 ((R - 1) % 4 == 2), where one side computes lo +
   * diff / 2 and the other hi - diff / 2, which differ when diff = hi - lo rounds.
   */
  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void swappingTheRunsNegates(int index) {
    Case c = boundedCase(Gen.forCase(SWAP, index));
    PairedDifference ab = c.bootstrap();
    PairedDifference ba =
        Bootstrap.pairedRatioDifference(
            c.b.num, c.b.den, c.a.num, c.a.den, c.level, c.resamples, c.seed);
    assertNumericallyEqual(-ab.estimate(), ba.estimate(), "estimate", c);
    assertEquals(ab.pValue(), ba.pValue(), at("p-value", c));
    if (c.level == 0.5 && (c.resamples - 1) % 4 != 2) {
      assertNumericallyEqual(-ab.upper(), ba.lower(), "lower(B - A) = -upper(A - B)", c);
      assertNumericallyEqual(-ab.lower(), ba.upper(), "upper(B - A) = -lower(A - B)", c);
    } else {
      double tolerance = 1e-12 * (1 + maxRatio(c.a) + maxRatio(c.b));
      assertEquals(-ab.upper(), ba.lower(), tolerance, at("lower(B - A) = -upper(A - B)", c));
      assertEquals(-ab.lower(), ba.upper(), tolerance, at("upper(B - A) = -lower(A - B)", c));
    }
  }

  /**
   * A bound on any resample's ratio for run r, and so (summed over the two runs) on the range of
   * the round differences: a resample's numerators add up to at most n * max(num), and if its
   * denominators add up to more than 0 they add up to at least the smallest positive one.
   */
  private static double maxRatio(Run r) {
    double maxNum = 0;
    double minPositiveDen = Double.POSITIVE_INFINITY;
    for (int i = 0; i < r.num.length; i++) {
      maxNum = Math.max(maxNum, r.num[i]);
      if (r.den[i] > 0) {
        minPositiveDen = Math.min(minPositiveDen, r.den[i]);
      }
    }
    return r.num.length * maxNum / minPositiveDen;
  }

  // 5. A shift of A's per-sample values.

  /**
   * With A's denominators all 1, A's ratio in every round is its mean, and adding c to every
   * numerator adds c to every round's mean (the same indices are drawn) and so to every round
   * difference, to their order statistics and to the estimate. Within 1e-9 because each sum rounds.
   * (For general denominators a ratio of sums does not shift like this, so that is not asserted.)
   * B's ratios stay below 6e4 in magnitude, so the subtraction's rounding stays small. The shift is
   * 0 to 1000 in steps of 0.01.
   */
  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void shiftingANumeratorsWithUnitDenominatorsShiftsByC(int index) {
    Gen g = Gen.forCase(SHIFT, index);
    Case c = boundedCase(g);
    double shift = g.between(0, 100_000) / 100.0;
    int n = c.a.num.length;
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    double[] shifted = new double[n];
    for (int i = 0; i < n; i++) {
      shifted[i] = c.a.num[i] + shift;
    }
    PairedDifference before =
        Bootstrap.pairedRatioDifference(
            c.a.num, ones, c.b.num, c.b.den, c.level, c.resamples, c.seed);
    PairedDifference after =
        Bootstrap.pairedRatioDifference(
            shifted, ones, c.b.num, c.b.den, c.level, c.resamples, c.seed);
    // A's denominators are replaced by ones: the message shows them as drawn.
    Supplier<String> inputs = () -> c + ", A's denominators all 1, shift=" + shift;
    assertEquals(before.estimate() + shift, after.estimate(), 1e-9, at("estimate", inputs));
    assertEquals(before.lower() + shift, after.lower(), 1e-9, at("lower", inputs));
    assertEquals(before.upper() + shift, after.upper(), 1e-9, at("upper", inputs));
  }

  // A case small enough to check by hand.

  /**
   * n = 2, resamples = 4, seed 11, level 0.5 (so alpha / 2 = 0.25 and 1 - alpha / 2 = 0.75, both
   * exact). The expected numbers come from the arithmetic below, not from Bootstrap.
   *
   * <pre>
   * Samples:        0          1
   *   run A       0 / 2      3 / 2
   *   run B       1 / 2      0 / 0
   *
   * SplitMix64(11) outputs 0x50f5647d2380309d 0x432a5cd27a6b13a1 0xa356be306e9b126d
   * 0x812e6299272e6df0 0x2a4a0f1a750459c4 0x8d4bc9e17ab0580e 0x19bb512052f09f64 0xc7ace7416bba95ea,
   * i.e. nextDouble() = 0.316, 0.262, 0.638, 0.505, 0.165, 0.552, 0.101, 0.780, so nextIndex(2) =
   * floor(2u) (the top bit of each output) = 0 0 | 1 1 | 0 1 | 0 1.
   *
   * A resample's difference depends only on how many of its two indices are 1:
   *   {0, 0}: A = (0 + 0) / (2 + 2) = 0,    B = (1 + 1) / (2 + 2) = 0.5      d = -0.5
   *   {0, 1}: A = (0 + 3) / (2 + 2) = 0.75, B = (1 + 0) / (2 + 0) = 0.5      d = 0.25
   *   {1, 1}: A = (3 + 3) / (2 + 2) = 1.5,  B = (0 + 0) / (0 + 0) -&gt; 0     d = 1.5
   *           (B's denominators sum to 0: ratio 0 by cIoU's convention)
   * Rounds: {0,0} -0.5, {1,1} 1.5, {0,1} 0.25, {0,1} 0.25; sorted: -0.5, 0.25, 0.25, 1.5.
   *
   * estimate = A - B on the full sample = {0, 1} = 0.75 - 0.5 = 0.25
   * lower: virtual index 3 * 0.25 = 0.75 between -0.5 and 0.25, diff 0.75, gamma 0.75 &gt;= 0.5,
   *        so from above: 0.25 - 0.75 * (1 - 0.75) = 0.25 - 0.1875 = 0.0625
   * upper: virtual index 3 * 0.75 = 2.25 between 0.25 and 1.5, diff 1.25, gamma 0.25 &lt; 0.5,
   *        so from below: 0.25 + 1.25 * 0.25 = 0.25 + 0.3125 = 0.5625
   * p-value: #{d &lt;= 0} = 1, #{d &gt;= 0} = 3, so min(1, 2 * 1 / 4) = 0.5
   * </pre>
   *
   * Every number above is a dyadic fraction, so the arithmetic is exact and so are the asserts.
   */
  @Test
  void tinyCaseByHand() {
    PairedDifference d =
        Bootstrap.pairedRatioDifference(
            new double[] {0, 3},
            new double[] {2, 2},
            new double[] {1, 0},
            new double[] {2, 0},
            0.5,
            4,
            11);
    assertEquals(0.25, d.estimate(), "estimate");
    assertEquals(0.0625, d.lower(), "lower");
    assertEquals(0.5625, d.upper(), "upper");
    assertEquals(0.5, d.pValue(), "p-value");
    // The reference must agree too, or the property above compares against the wrong thing.
    ReferencePairedBootstrap.Result r =
        ReferencePairedBootstrap.pairedRatioDifference(
            new double[] {0, 3},
            new double[] {2, 2},
            new double[] {1, 0},
            new double[] {2, 0},
            0.5,
            4,
            11);
    assertEquals(
        new ReferencePairedBootstrap.Result(0.25, 0.0625, 0.5625, 0.5), r, "the reference");
  }

  /** {@code expected == actual} as Java compares doubles: exact, but -0.0 equals 0.0. */
  private static void assertNumericallyEqual(double expected, double actual, String what, Case c) {
    assertTrue(
        expected == actual,
        () -> what + ": expected " + expected + " but was " + actual + "; " + c);
  }

  private static void assertBitwise(
      ReferencePairedBootstrap.Result expected, ConfidenceInterval actual, String what, Case c) {
    assertEquals(expected.estimate(), actual.estimate(), at(what + " estimate", c));
    assertEquals(expected.lower(), actual.lower(), at(what + " lower", c));
    assertEquals(expected.upper(), actual.upper(), at(what + " upper", c));
  }

  /** An assertion message naming what is compared and the inputs, built only on failure. */
  private static Supplier<String> at(String what, Object inputs) {
    return () -> what + " for " + inputs;
  }

  /** {@link #at(String, Object)} for inputs that are described by a message of their own. */
  private static Supplier<String> at(String what, Supplier<String> inputs) {
    return () -> what + " for " + inputs.get();
  }

  // Generators.

  /**
   * The random source of the generators: the project's {@link SplitMix64} (whose outputs are pinned
   * by golden vectors in BootstrapTest), so that a case index stands for the same inputs on any
   * JDK. The inputs' seed is unrelated to the seed in a {@link Case}, which the bootstrap uses.
   */
  static final class Gen {
    private final SplitMix64 rng;
    private final int index;

    private Gen(long seed, int index) {
      this.rng = new SplitMix64(seed);
      this.index = index;
    }

    /**
     * The generator of case {@code index} of property {@code property}: seeded with property * 2^32
     * + index, so that every (property, case) has a seed of its own.
     */
    static Gen forCase(int property, int index) {
      return new Gen(((long) property << 32) + index, index);
    }

    /**
     * "case " and the index, as the case's test is named ("case 17"; surefire's console numbers the
     * invocations from 1 instead, so there it is invocation [18]).
     */
    String caseName() {
      return "case " + index;
    }

    /** An int uniform in [lo, hi]. */
    int between(int lo, int hi) {
      return lo + rng.nextIndex(hi - lo + 1);
    }

    /** Any long, uniform. */
    long anyLong() {
      return rng.nextLong();
    }

    /** A long uniform in [0, max]. */
    long upTo(long max) {
      long bits;
      do {
        bits = rng.nextLong() >>> 1;
      } while (bits > max);
      return bits;
    }

    /** A double in [0, 1) with all 53 bits, as SplitMix64's nextDouble makes them. */
    double unit() {
      return rng.nextDouble();
    }

    double oneOf(double... values) {
      return values[rng.nextIndex(values.length)];
    }

    int oneOf(int... values) {
      return values[rng.nextIndex(values.length)];
    }

    long oneOf(long... values) {
      return values[rng.nextIndex(values.length)];
    }

    /** The index i of a weight, drawn with probability weights[i] / (the sum of the weights). */
    int pick(int... weights) {
      int r = rng.nextIndex(IntStream.of(weights).sum());
      int i = 0;
      while (r >= weights[i]) {
        r -= weights[i];
        i++;
      }
      return i;
    }
  }

  private static final ToDoubleFunction<Gen> BOUNDED_VALUE =
      PairedBootstrapPropertyTest::boundedValue;
  private static final ToDoubleFunction<Gen> BOUNDED_DENOMINATOR =
      PairedBootstrapPropertyTest::boundedDenominator;
  private static final ToDoubleFunction<Gen> UNIT_INTERVAL_VALUE =
      PairedBootstrapPropertyTest::unitIntervalValue;

  /**
   * Any finite non-negative inputs. Most cases keep to moderate values; some draw from the whole
   * range of doubles (subnormal to 1e308), and a few mix in MAX_VALUE and its like, whose sums
   * overflow to infinity and whose ratios can be NaN (both implementations must still agree). The
   * regime is chosen per case, not per value, so that one huge value does not swamp every run.
   */
  static Case anyCase(Gen g) {
    ToDoubleFunction<Gen> values =
        switch (g.pick(7, 2, 1)) {
          case 0 -> BOUNDED_VALUE;
          case 1 -> PairedBootstrapPropertyTest::fullRangeValue;
          default -> PairedBootstrapPropertyTest::extremeValue;
        };
    return cases(g, values, values);
  }

  /** Mostly bounded, sometimes any finite non-negative double (its bits uniform). */
  private static double fullRangeValue(Gen g) {
    if (g.pick(4, 1) == 0) {
      return boundedValue(g);
    }
    return Double.longBitsToDouble(g.upTo(Double.doubleToLongBits(Double.MAX_VALUE)));
  }

  /** Mostly bounded, sometimes the smallest or the largest doubles. */
  private static double extremeValue(Gen g) {
    if (g.pick(8, 1) == 0) {
      return boundedValue(g);
    }
    return g.oneOf(Double.MIN_VALUE, Double.MIN_NORMAL, 1e300, Double.MAX_VALUE);
  }

  /** Level 0.5 with 3, 7, 11 or 15 resamples over 1 to 5 samples (see its property). */
  static Case tieCase(Gen g) {
    int n = g.between(1, 5);
    Run a = run(g, BOUNDED_VALUE, BOUNDED_VALUE, n);
    Run b = run(g, BOUNDED_VALUE, BOUNDED_VALUE, n);
    return new Case(g.caseName(), a, b, 0.5, g.oneOf(3, 7, 11, 15), seed(g));
  }

  /** Values whose sums and ratios stay well inside the range of doubles (see each property). */
  static Case boundedCase(Gen g) {
    return cases(g, BOUNDED_VALUE, BOUNDED_DENOMINATOR);
  }

  static double level(Gen g) {
    return switch (g.pick(6, 3, 1)) {
      // The customary levels; 0.5 makes alpha / 2 and 1 - alpha / 2 exact.
      case 0 -> g.oneOf(0.5, 0.8, 0.9, 0.95, 0.99);
      // Any level strictly inside (0, 1), with 8 decimals.
      case 1 -> g.between(1, 99_999_999) / 1e8;
      // The extremes: alpha = 1 puts both bounds at the median; alpha = 2^-53 makes
      // 1 - alpha / 2 round to 1.0, so the upper virtual index is the last element itself.
      default -> g.oneOf(Double.MIN_VALUE, 1e-9, 1 - 1e-9, Math.nextDown(1.0));
    };
  }

  /** 1 to 300, with 1 and 2 (a single round; two rounds, one interpolation) mixed in. */
  static int resamples(Gen g) {
    return g.pick(1, 9) == 0 ? g.oneOf(1, 2) : g.between(1, 300);
  }

  /** Any long, with the extremes (0, -1, MIN_VALUE, MAX_VALUE) mixed in. */
  static long seed(Gen g) {
    return g.pick(1, 9) == 0 ? g.oneOf(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE) : g.anyLong();
  }

  private static Case cases(
      Gen g, ToDoubleFunction<Gen> values, ToDoubleFunction<Gen> denominators) {
    int n = size(g);
    Run a = run(g, values, denominators, n);
    Run b = run(g, values, denominators, n);
    double level = level(g);
    int resamples = resamples(g);
    return new Case(g.caseName(), a, b, level, resamples, seed(g));
  }

  /** 1 to 60 samples, with 1 and 2 (every round the same sample; nextIndex(2)) mixed in. */
  private static int size(Gen g) {
    return g.pick(1, 9) == 0 ? g.oneOf(1, 2) : g.between(1, 60);
  }

  /**
   * A run of n samples; one in three is degenerate (all zeros, zero denominators, or zero
   * numerators), because those are where the ratio's 0-denominator convention and the p-value's
   * rounds at exactly 0 come in.
   */
  private static Run run(
      Gen g, ToDoubleFunction<Gen> values, ToDoubleFunction<Gen> denominators, int n) {
    return switch (g.pick(6, 1, 1, 1)) {
      case 0 -> new Run(column(g, values, n), column(g, denominators, n));
      case 1 -> new Run(new double[n], new double[n]);
      case 2 -> new Run(column(g, values, n), new double[n]);
      default -> new Run(new double[n], column(g, denominators, n));
    };
  }

  private static double[] column(Gen g, ToDoubleFunction<Gen> values, int n) {
    double[] column = new double[n];
    for (int i = 0; i < n; i++) {
      column[i] = values.applyAsDouble(g);
    }
    return column;
  }

  /**
   * Finite non-negative values up to 1000: zeros and small whole numbers (exact sums, ties, rounds
   * at exactly 0), and doubles with all 53 bits of precision (rounding in every sum).
   */
  private static double boundedValue(Gen g) {
    return switch (g.pick(3, 4, 4, 2)) {
      case 0 -> 0.0;
      case 1 -> g.between(0, 10);
      case 2 -> unitIntervalValue(g);
      default -> unitIntervalValue(g) * 1000;
    };
  }

  /**
   * Denominators for {@link #boundedCase}: 0 or at least 1, so that a ratio is at most n * 1000 and
   * the shift property's 1e-9 is not eaten by the rounding of a huge ratio.
   */
  private static double boundedDenominator(Gen g) {
    return switch (g.pick(2, 4, 2)) {
      case 0 -> 0.0;
      case 1 -> g.between(1, 10);
      default -> 1 + unitIntervalValue(g) * 999;
    };
  }

  /** 0, 1, or a double in [0, 1) with all 53 bits, as SplitMix64's nextDouble makes them. */
  private static double unitIntervalValue(Gen g) {
    return g.pick(1, 3) == 0 ? g.oneOf(0.0, 1.0) : g.unit();
  }
}

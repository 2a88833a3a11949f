package dev.perbench.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * Property tests (jqwik) of {@link Bootstrap}'s paired bootstrap against {@link
 * ReferencePairedBootstrap}, an independent and deliberately slow transcription of the procedure in
 * {@link Bootstrap}'s class comment, plus algebraic properties that need no reference at all.
 *
 * <p>Sizes are small (n in 1..60, resamples in 1..300) and every property has a bounded number of
 * tries, so that the class runs in a few seconds; small sizes are also where the percentile's
 * corner cases (one resample, a virtual index landing on the last element) are hit often.
 */
class PairedBootstrapPropertyTest {
  private static final int TRIES = 200;

  /*
   * Generation is steered explicitly. jqwik's default distribution for numbers is biased towards
   * small values, and in its default edge-case mode (MIXIN) every generator also injects its own
   * edge cases; together they made about half of all seeds 0, +-1, +-2, MIN or MAX, half of all
   * levels 0.5 and half of all sizes below 10, and turned the random bits of a fraction into
   * values near 0. So every property runs with edgeCases = NONE, numbers are drawn uniformly, and
   * the generators below mix in the special values (n and resamples 1 and 2, extreme seeds and
   * levels, zeros, whole numbers, degenerate runs) with weights of their own.
   */
  private static final RandomDistribution UNIFORM = RandomDistribution.uniform();

  /** One run: a numerator and a denominator per sample. */
  record Run(double[] num, double[] den) {
    @Override
    public String toString() {
      return "num=" + Arrays.toString(num) + " den=" + Arrays.toString(den);
    }
  }

  /** The inputs of one paired bootstrap. */
  record Case(Run a, Run b, double level, int resamples, long seed) {
    PairedDifference bootstrap() {
      return Bootstrap.pairedRatioDifference(a.num, a.den, b.num, b.den, level, resamples, seed);
    }

    @Override
    public String toString() {
      return "A: "
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

  @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
  void pairedRatioDifferenceEqualsTheReference(@ForAll("anyCase") Case c) {
    assertEqualsReference(c);
  }

  /**
   * Property 1 where numpy's lerp is most fragile. A virtual index with a fraction of exactly 0.5
   * is interpolated from the upper neighbour, {@code b - diff * 0.5}, not {@code a + diff * 0.5};
   * the two differ when {@code diff = b - a} rounds, as it does for neighbours of opposite sign,
   * which few rounds over few samples make common. Random levels almost never land on such an
   * index, so these cases are made on purpose: level 0.5 with 3, 7, 11 or 15 resamples puts both
   * virtual indices ((R - 1) / 4 and 3 (R - 1) / 4) at a fraction of 0.5.
   */
  @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
  void pairedRatioDifferenceEqualsTheReferenceAtInterpolationTies(@ForAll("tieCase") Case c) {
    assertEqualsReference(c);
  }

  private static void assertEqualsReference(Case c) {
    PairedDifference d = c.bootstrap();
    ReferencePairedBootstrap.Result r =
        ReferencePairedBootstrap.pairedRatioDifference(
            c.a.num, c.a.den, c.b.num, c.b.den, c.level, c.resamples, c.seed);
    // assertEquals(double, double) compares Double.doubleToLongBits, so this is bit for bit
    // (0.0 and -0.0 differ; NaN equals NaN, which overflowing sums of huge values can give).
    assertEquals(r.estimate(), d.estimate(), "estimate");
    assertEquals(r.lower(), d.lower(), "lower");
    assertEquals(r.upper(), d.upper(), "upper");
    assertEquals(r.pValue(), d.pValue(), "p-value");
    assertEquals(c.level, d.level());
    assertEquals(c.resamples, d.resamples());
    assertEquals(c.seed, d.seed());
  }

  /** The single-run bootstraps share the index stream, so they get the same treatment. */
  @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
  void meanPairedDifferenceAndRatioOfSumsEqualTheReference(@ForAll("anyCase") Case c) {
    ConfidenceInterval mean = Bootstrap.mean(c.a.num, c.level, c.resamples, c.seed);
    assertBitwise(
        ReferencePairedBootstrap.mean(c.a.num, c.level, c.resamples, c.seed), mean, "mean");

    ConfidenceInterval paired =
        Bootstrap.pairedDifference(c.a.num, c.b.num, c.level, c.resamples, c.seed);
    assertBitwise(
        ReferencePairedBootstrap.pairedDifference(c.a.num, c.b.num, c.level, c.resamples, c.seed),
        paired,
        "pairedDifference");

    ConfidenceInterval ratio =
        Bootstrap.ratioOfSums(c.a.num, c.a.den, c.level, c.resamples, c.seed);
    assertBitwise(
        ReferencePairedBootstrap.ratioOfSums(c.a.num, c.a.den, c.level, c.resamples, c.seed),
        ratio,
        "ratioOfSums");
  }

  // 2. Unit denominators: the mean difference, up to rounding.

  /**
   * Not bitwise: pairedDifference sums the per-sample differences {@code a[k] - b[k]}, while
   * pairedRatioDifference sums each run and subtracts the two means, which rounds differently.
   * Values are in [0, 1] (accuracy, METEOR, gIoU), where the two differ by a few ulps of n.
   */
  @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
  void unitDenominatorsGivePairedDifference(
      @ForAll("unitIntervalColumnPair") double[][] ab,
      @ForAll("level") double level,
      @ForAll("resamples") int resamples,
      @ForAll("seed") long seed) {
    double[] a = ab[0];
    double[] b = ab[1];
    double[] ones = new double[a.length];
    Arrays.fill(ones, 1);
    PairedDifference d = Bootstrap.pairedRatioDifference(a, ones, b, ones, level, resamples, seed);
    ConfidenceInterval ci = Bootstrap.pairedDifference(a, b, level, resamples, seed);
    assertEquals(ci.estimate(), d.estimate(), 1e-12, "estimate");
    assertEquals(ci.lower(), d.lower(), 1e-12, "lower");
    assertEquals(ci.upper(), d.upper(), 1e-12, "upper");
  }

  // 3. Identical runs.

  /**
   * Every round difference is {@code x - x}, which is +0.0 for any finite x, so the bounds are
   * exactly +0.0 and every round counts on both sides of zero. Bounded values, because overflowing
   * sums would make x infinite or NaN and x - x NaN.
   */
  @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
  void identicalRunsGiveZeroAndPValueOne(@ForAll("boundedCase") Case c) {
    double[] num = c.a.num;
    double[] den = c.a.den;
    PairedDifference d =
        Bootstrap.pairedRatioDifference(
            num, den, num.clone(), den.clone(), c.level, c.resamples, c.seed);
    assertEquals(0.0, d.estimate(), "estimate");
    assertEquals(0.0, d.lower(), "lower");
    assertEquals(0.0, d.upper(), "upper");
    assertEquals(1.0, d.pValue(), "p-value");
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
  @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
  void swappingTheRunsNegates(@ForAll("boundedCase") Case c) {
    PairedDifference ab = c.bootstrap();
    PairedDifference ba =
        Bootstrap.pairedRatioDifference(
            c.b.num, c.b.den, c.a.num, c.a.den, c.level, c.resamples, c.seed);
    assertNumericallyEqual(-ab.estimate(), ba.estimate(), "estimate");
    assertEquals(ab.pValue(), ba.pValue(), "p-value");
    if (c.level == 0.5 && (c.resamples - 1) % 4 != 2) {
      assertNumericallyEqual(-ab.upper(), ba.lower(), "lower(B - A) = -upper(A - B)");
      assertNumericallyEqual(-ab.lower(), ba.upper(), "upper(B - A) = -lower(A - B)");
    } else {
      double tolerance = 1e-12 * (1 + maxRatio(c.a) + maxRatio(c.b));
      assertEquals(-ab.upper(), ba.lower(), tolerance, "lower(B - A) = -upper(A - B)");
      assertEquals(-ab.lower(), ba.upper(), tolerance, "upper(B - A) = -lower(A - B)");
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
   * B's ratios stay below 6e4 in magnitude, so the subtraction's rounding stays small.
   */
  @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
  void shiftingANumeratorsWithUnitDenominatorsShiftsByC(
      @ForAll("boundedCase") Case c, @ForAll @DoubleRange(min = 0, max = 1000) double shift) {
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
    assertEquals(before.estimate() + shift, after.estimate(), 1e-9, "estimate");
    assertEquals(before.lower() + shift, after.lower(), 1e-9, "lower");
    assertEquals(before.upper() + shift, after.upper(), 1e-9, "upper");
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
  private static void assertNumericallyEqual(double expected, double actual, String what) {
    assertTrue(expected == actual, () -> what + ": expected " + expected + " but was " + actual);
  }

  private static void assertBitwise(
      ReferencePairedBootstrap.Result expected, ConfidenceInterval actual, String what) {
    assertEquals(expected.estimate(), actual.estimate(), what + " estimate");
    assertEquals(expected.lower(), actual.lower(), what + " lower");
    assertEquals(expected.upper(), actual.upper(), what + " upper");
  }

  // Generators.

  /**
   * Any finite non-negative inputs. Most cases keep to moderate values; some draw from the whole
   * range of doubles (subnormal to 1e308), and a few mix in MAX_VALUE and its like, whose sums
   * overflow to infinity and whose ratios can be NaN (both implementations must still agree). The
   * regime is chosen per case, not per value, so that one huge value does not swamp every run.
   */
  @Provide
  Arbitrary<Case> anyCase() {
    Arbitrary<Double> fullRange =
        Arbitraries.frequencyOf(
            List.of(
                Tuple.of(4, boundedValue()),
                Tuple.of(
                    1,
                    Arbitraries.longs()
                        .between(0, Double.doubleToLongBits(Double.MAX_VALUE))
                        .withDistribution(UNIFORM)
                        .map(Double::longBitsToDouble))));
    Arbitrary<Double> extremes =
        Arbitraries.frequencyOf(
            List.of(
                Tuple.of(8, boundedValue()),
                Tuple.of(
                    1,
                    Arbitraries.of(Double.MIN_VALUE, Double.MIN_NORMAL, 1e300, Double.MAX_VALUE))));
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(7, cases(boundedValue(), boundedValue())),
            Tuple.of(2, cases(fullRange, fullRange)),
            Tuple.of(1, cases(extremes, extremes))));
  }

  @Provide
  Arbitrary<Case> tieCase() {
    return Arbitraries.integers()
        .between(1, 5)
        .flatMap(
            n ->
                Combinators.combine(
                        run(boundedValue(), boundedValue(), n),
                        run(boundedValue(), boundedValue(), n),
                        Arbitraries.just(0.5),
                        Arbitraries.of(3, 7, 11, 15),
                        seed())
                    .as(Case::new));
  }

  /** Values whose sums and ratios stay well inside the range of doubles (see each property). */
  @Provide
  Arbitrary<Case> boundedCase() {
    return cases(boundedValue(), boundedDenominator());
  }

  @Provide
  Arbitrary<double[][]> unitIntervalColumnPair() {
    return sizes()
        .flatMap(n -> column(unitIntervalValue(), n).list().ofSize(2))
        .map(columns -> new double[][] {columns.get(0), columns.get(1)});
  }

  @Provide
  Arbitrary<Double> level() {
    return Arbitraries.frequencyOf(
        List.of(
            // The customary levels; 0.5 makes alpha / 2 and 1 - alpha / 2 exact.
            Tuple.of(6, Arbitraries.of(0.5, 0.8, 0.9, 0.95, 0.99)),
            // Any level strictly inside (0, 1).
            Tuple.of(
                3,
                Arbitraries.doubles()
                    .between(0, false, 1, false)
                    .ofScale(8)
                    .withDistribution(UNIFORM)),
            // The extremes: alpha = 1 puts both bounds at the median; alpha = 2^-53 makes
            // 1 - alpha / 2 round to 1.0, so the upper virtual index is the last element itself.
            Tuple.of(1, Arbitraries.of(Double.MIN_VALUE, 1e-9, 1 - 1e-9, Math.nextDown(1.0)))));
  }

  /** 1 to 300, with 1 and 2 (a single round; two rounds, one interpolation) mixed in. */
  @Provide
  Arbitrary<Integer> resamples() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(1, Arbitraries.of(1, 2)),
            Tuple.of(9, Arbitraries.integers().between(1, 300).withDistribution(UNIFORM))));
  }

  /** Any long, with the extremes (0, -1, MIN_VALUE, MAX_VALUE) mixed in. */
  @Provide
  Arbitrary<Long> seed() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(1, Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)),
            Tuple.of(9, Arbitraries.longs().withDistribution(UNIFORM))));
  }

  private Arbitrary<Case> cases(Arbitrary<Double> values, Arbitrary<Double> denominators) {
    return sizes()
        .flatMap(
            n ->
                Combinators.combine(
                        run(values, denominators, n),
                        run(values, denominators, n),
                        level(),
                        resamples(),
                        seed())
                    .as(Case::new));
  }

  /** 1 to 60 samples, with 1 and 2 (every round the same sample; nextIndex(2)) mixed in. */
  private static Arbitrary<Integer> sizes() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(1, Arbitraries.of(1, 2)),
            Tuple.of(9, Arbitraries.integers().between(1, 60).withDistribution(UNIFORM))));
  }

  /**
   * A run of n samples; one in three is degenerate (all zeros, zero denominators, or zero
   * numerators), because those are where the ratio's 0-denominator convention and the p-value's
   * rounds at exactly 0 come in.
   */
  private static Arbitrary<Run> run(
      Arbitrary<Double> values, Arbitrary<Double> denominators, int n) {
    Arbitrary<double[]> zeros = Arbitraries.create(() -> new double[n]);
    Arbitrary<double[]> nums = column(values, n);
    Arbitrary<double[]> dens = column(denominators, n);
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(6, Combinators.combine(nums, dens).as(Run::new)),
            Tuple.of(1, Combinators.combine(zeros, zeros).as(Run::new)),
            Tuple.of(1, Combinators.combine(nums, zeros).as(Run::new)),
            Tuple.of(1, Combinators.combine(zeros, dens).as(Run::new))));
  }

  private static Arbitrary<double[]> column(Arbitrary<Double> values, int n) {
    return values
        .list()
        .ofSize(n)
        .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * Finite non-negative values up to 1000: zeros and small whole numbers (exact sums, ties, rounds
   * at exactly 0), and doubles with all 53 bits of precision (rounding in every sum).
   */
  private static Arbitrary<Double> boundedValue() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(3, Arbitraries.just(0.0)),
            Tuple.of(4, Arbitraries.integers().between(0, 10).map(Integer::doubleValue)),
            Tuple.of(4, unitIntervalValue()),
            Tuple.of(2, unitIntervalValue().map(u -> u * 1000))));
  }

  /**
   * Denominators for {@link #boundedCase}: 0 or at least 1, so that a ratio is at most n * 1000 and
   * the shift property's 1e-9 is not eaten by the rounding of a huge ratio.
   */
  private static Arbitrary<Double> boundedDenominator() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(2, Arbitraries.just(0.0)),
            Tuple.of(4, Arbitraries.integers().between(1, 10).map(Integer::doubleValue)),
            Tuple.of(2, unitIntervalValue().map(u -> 1 + u * 999))));
  }

  /** 0, 1, or a double in [0, 1) with all 53 bits, as SplitMix64's nextDouble makes them. */
  private static Arbitrary<Double> unitIntervalValue() {
    return Arbitraries.frequencyOf(
        List.of(
            Tuple.of(1, Arbitraries.of(0.0, 1.0)),
            Tuple.of(
                3,
                Arbitraries.longs()
                    .withDistribution(UNIFORM)
                    .map(bits -> (bits >>> 11) * 0x1.0p-53))));
  }
}

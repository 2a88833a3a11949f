package dev.perbench.metrics.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The bootstraps of {@link Bootstrap}, written again from its class comment the obvious, slow way,
 * so that {@code PairedBootstrapPropertyTest} can compare the two bit for bit. Nothing here calls
 * {@link Bootstrap} or {@link Percentiles}: each resample is materialised as a list of the samples
 * it picked, each statistic is computed from that list, the round statistics are collected into a
 * {@code List<Double>} and sorted with {@link Collections#sort}, and the percentile and the p-value
 * are computed here. Only {@link SplitMix64} is shared, as the random source (it has golden vectors
 * of its own in BootstrapTest, from Python).
 *
 * <p>"Bit for bit" constrains the arithmetic, not the structure: every sum runs left to right over
 * the resample in draw order, a mean divides that sum by n, and a ratio divides the numerator sum
 * by the denominator sum, because that is what the class comment specifies and a different order of
 * additions would round differently.
 */
final class ReferencePairedBootstrap {
  private ReferencePairedBootstrap() {}

  /** One sample of two paired runs: run A's numerator and denominator, then run B's. */
  record Sample(double numA, double denA, double numB, double denB) {}

  /** What {@link ConfidenceInterval} and {@link PairedDifference} report, minus the inputs. */
  record Result(double estimate, double lower, double upper, double pValue) {}

  /** The reference for {@link Bootstrap#pairedRatioDifference}. */
  static Result pairedRatioDifference(
      double[] numA,
      double[] denA,
      double[] numB,
      double[] denB,
      double level,
      int resamples,
      long seed) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < numA.length; i++) {
      samples.add(new Sample(numA[i], denA[i], numB[i], denB[i]));
    }
    List<Double> differences = new ArrayList<>();
    SplitMix64 rng = new SplitMix64(seed);
    for (int round = 0; round < resamples; round++) {
      List<Sample> resample = resample(samples, rng);
      differences.add(ratioA(resample) - ratioB(resample));
    }
    // Counted before sorting only to mirror the specification's wording; order does not matter.
    int atMostZero = 0;
    int atLeastZero = 0;
    for (double d : differences) {
      if (d <= 0) {
        atMostZero++;
      }
      if (d >= 0) {
        atLeastZero++;
      }
    }
    double pValue = Math.min(1.0, 2.0 * Math.min(atMostZero, atLeastZero) / resamples);
    Collections.sort(differences);
    double alpha = 1 - level;
    return new Result(
        ratioA(samples) - ratioB(samples),
        percentile(differences, alpha / 2),
        percentile(differences, 1 - alpha / 2),
        pValue);
  }

  /**
   * The reference for {@link Bootstrap#ratioOfSums}: the same as run A of {@link
   * #pairedRatioDifference} (run B is filled with zeros and never read).
   */
  static Result ratioOfSums(
      double[] numerators, double[] denominators, double level, int resamples, long seed) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < numerators.length; i++) {
      samples.add(new Sample(numerators[i], denominators[i], 0, 0));
    }
    List<Double> ratios = new ArrayList<>();
    SplitMix64 rng = new SplitMix64(seed);
    for (int round = 0; round < resamples; round++) {
      ratios.add(ratioA(resample(samples, rng)));
    }
    Collections.sort(ratios);
    double alpha = 1 - level;
    return new Result(
        ratioA(samples),
        percentile(ratios, alpha / 2),
        percentile(ratios, 1 - alpha / 2),
        Double.NaN);
  }

  /**
   * The reference for {@link Bootstrap#mean}: each value is run A's numerator of a sample, and a
   * resample's statistic is the sum of those numerators divided by n.
   */
  static Result mean(double[] values, double level, int resamples, long seed) {
    List<Sample> samples = new ArrayList<>();
    for (double v : values) {
      samples.add(new Sample(v, 0, 0, 0));
    }
    List<Double> means = new ArrayList<>();
    SplitMix64 rng = new SplitMix64(seed);
    for (int round = 0; round < resamples; round++) {
      means.add(meanOfA(resample(samples, rng)));
    }
    Collections.sort(means);
    double alpha = 1 - level;
    return new Result(
        meanOfA(samples),
        percentile(means, alpha / 2),
        percentile(means, 1 - alpha / 2),
        Double.NaN);
  }

  /**
   * The reference for {@link Bootstrap#pairedDifference}: the mean of the per-sample differences
   * {@code a[i] - b[i]}, each difference taken before the sum (which is what makes it differ from
   * {@link #pairedRatioDifference} with unit denominators by rounding).
   */
  static Result pairedDifference(double[] a, double[] b, double level, int resamples, long seed) {
    double[] differences = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      differences[i] = a[i] - b[i];
    }
    return mean(differences, level, resamples, seed);
  }

  /** One round: n indices drawn in turn with {@code rng.nextIndex(n)}, the samples they pick. */
  private static List<Sample> resample(List<Sample> samples, SplitMix64 rng) {
    int n = samples.size();
    List<Sample> picked = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      picked.add(samples.get(rng.nextIndex(n)));
    }
    return picked;
  }

  /** Run A's ratio of sums over these samples. */
  private static double ratioA(List<Sample> samples) {
    return ratio(samples, Sample::numA, Sample::denA);
  }

  /** Run B's ratio of sums over these samples. */
  private static double ratioB(List<Sample> samples) {
    return ratio(samples, Sample::numB, Sample::denB);
  }

  private static double ratio(
      List<Sample> samples,
      ToDoubleFunction<Sample> numerator,
      ToDoubleFunction<Sample> denominator) {
    double num = 0;
    double den = 0;
    for (Sample s : samples) {
      num += numerator.applyAsDouble(s);
      den += denominator.applyAsDouble(s);
    }
    // cIoU's convention: a run whose denominators sum to 0 has ratio 0.
    return den == 0 ? 0 : num / den;
  }

  private static double meanOfA(List<Sample> samples) {
    double sum = 0;
    for (Sample s : samples) {
      sum += s.numA();
    }
    return sum / samples.size();
  }

  /**
   * numpy's {@code quantile(sorted, q, method='linear')}: the virtual index {@code (n - 1) * q}
   * between the elements at its floor and the next one, interpolated like numpy's {@code _lerp},
   * which works from the upper neighbour when the fraction is at least 0.5 ({@code b - diff * (1 -
   * gamma)}) and from the lower one otherwise ({@code a + diff * gamma}). Both forms are needed:
   * they are equal in exact arithmetic but round differently.
   */
  static double percentile(List<Double> sorted, double q) {
    int n = sorted.size();
    double virtualIndex = (n - 1) * q;
    int below = (int) Math.floor(virtualIndex);
    // q = 1 lands exactly on the last element, which has no upper neighbour.
    int above = below + 1 < n ? below + 1 : below;
    double gamma = virtualIndex - below;
    double a = sorted.get(below);
    double b = sorted.get(above);
    double diff = b - a;
    if (gamma >= 0.5) {
      return b - diff * (1 - gamma);
    }
    return a + diff * gamma;
  }
}

package dev.perbench.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Repeated measurements of one figure, summarised: the median (the figure to quote; one slow run on
 * a shared machine moves it little) with the smallest and largest value.
 *
 * @param n how many measurements
 */
public record Spread(double median, double min, double max, int n) {
  /** The spread of {@code values}; at least one. */
  public static Spread of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no measurements");
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int m = v.length / 2;
    double median = v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    return new Spread(median, v[0], v[v.length - 1], v.length);
  }
}

package dev.perbench.metrics.stats;

/** Quantiles of sorted data by numpy's default method ({@code method='linear'}). */
public final class Percentiles {
  private Percentiles() {}

  /**
   * numpy's {@code quantile(a, q)} for one {@code q} in [0, 1] on ascending data: the virtual index
   * (n - 1) * q, interpolated between its neighbours the way numpy's {@code _lerp} does (from the
   * upper neighbour when the fraction is at least 0.5), so results agree bit for bit.
   *
   * @param sorted ascending values, not empty
   * @throws IllegalArgumentException when {@code sorted} is empty or q is outside [0, 1]
   */
  public static double linear(double[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
    }
    int n = sorted.length;
    double virtual = (n - 1) * q;
    double floor = Math.floor(virtual);
    int previous = (int) floor;
    int next = Math.min(previous + 1, n - 1);
    double gamma = virtual - floor;
    double a = sorted[previous];
    double b = sorted[next];
    double diff = b - a;
    return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  }
}

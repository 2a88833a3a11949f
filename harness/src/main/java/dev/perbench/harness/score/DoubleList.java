package dev.perbench.harness.score;

import java.util.Arrays;

/** A growable array of doubles: the per-sample values behind a confidence interval. */
final class DoubleList {
  private double[] values = new double[64];
  private int size;

  void add(double v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  double[] toArray() {
    return Arrays.copyOf(values, size);
  }
}

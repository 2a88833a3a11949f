package dev.perbench.harness.djl;

/** Arg-max over a slice; ties go to the first, as in torch.argmax. */
final class ArgMax {
  private ArgMax() {}

  /** The offset within {@code [from, from + n)} of the largest value; NaN never wins. */
  static int of(float[] values, int from, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (values[from + i] > values[from + best] || Float.isNaN(values[from + best])) {
        best = i;
      }
    }
    return best;
  }
}

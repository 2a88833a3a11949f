package dev.perbench.metrics.mask;

import java.util.Arrays;

/** Collects pixels in column-major order into COCO runs (first run counts zeros). */
final class RunBuilder {
  private int[] runs = new int[16];
  private int size;
  private int current;
  private boolean value;

  void add(boolean pixel) {
    if (pixel != value) {
      push(current);
      current = 0;
      value = pixel;
    }
    current++;
  }

  int[] finish() {
    push(current);
    return Arrays.copyOf(runs, size);
  }

  private void push(int run) {
    if (size == runs.length) {
      runs = Arrays.copyOf(runs, size * 2);
    }
    runs[size++] = run;
  }
}

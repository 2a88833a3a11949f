package dev.perbench.bench;

import java.util.function.IntToLongFunction;

/**
 * A minimal in-process throughput measurement: warm up, then call the operation on items 0, 1, 2,
 * ... (modulo the item count) until the time is up, and report operations per second. Good for
 * ratios between implementations measured in the same run, which is all it is used for.
 */
final class Stopwatch {
  private final double warmupSeconds;
  private final double seconds;
  private long sink;

  Stopwatch(double warmupSeconds, double seconds) {
    this.warmupSeconds = warmupSeconds;
    this.seconds = seconds;
  }

  /** Operations per second of {@code op} over {@code items} items. */
  double opsPerSecond(int items, IntToLongFunction op) {
    run(items, op, warmupSeconds);
    return run(items, op, seconds);
  }

  private double run(int items, IntToLongFunction op, double budget) {
    long start = System.nanoTime();
    long deadline = start + (long) (budget * 1e9);
    long ops = 0;
    long now;
    do {
      for (int i = 0; i < items; i++) {
        sink += op.applyAsLong(i);
      }
      ops += items;
      now = System.nanoTime();
    } while (now < deadline);
    return ops / ((now - start) / 1e9);
  }

  /** Read by the caller so that no measured result is dead code. */
  long sink() {
    return sink;
  }
}

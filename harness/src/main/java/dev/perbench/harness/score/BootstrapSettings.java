package dev.perbench.harness.score;

import dev.perbench.harness.json.FieldException;

/**
 * How the confidence intervals were computed: percentile bootstrap at {@code level} with {@code
 * resamples} resamples drawn from a generator seeded with {@code seed} (the {@code ci} of {@code
 * metrics.json}).
 */
public record BootstrapSettings(double level, int resamples, long seed) {
  /** The most resamples accepted: enough for any interval, small enough to stay in memory. */
  public static final int MAX_RESAMPLES = 1_000_000;

  public BootstrapSettings {
    if (!(level > 0 && level < 1)) {
      throw new FieldException("level", "must be in (0, 1), not " + level);
    }
    if (resamples < 1 || resamples > MAX_RESAMPLES) {
      throw new FieldException("resamples", "must be 1 to " + MAX_RESAMPLES + ", not " + resamples);
    }
  }

  /** 95% intervals from {@code resamples} resamples. */
  public static BootstrapSettings percent95(int resamples, long seed) {
    return new BootstrapSettings(0.95, resamples, seed);
  }
}

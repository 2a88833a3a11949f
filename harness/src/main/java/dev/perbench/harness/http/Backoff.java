package dev.perbench.harness.http;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * When to retry a request that failed with a 5xx answer, a connection error or a timeout:
 * exponential backoff with "equal jitter" from a seeded schedule.
 *
 * <p>Before retry {@code k} (1 for the second attempt) the harness waits {@code d = min(max, base *
 * 2^(k-1))} scaled by a factor drawn uniformly from [0.5, 1), so the waits are about half to all of
 * {@code base, 2 base, 4 base, ...}. The factor comes from a {@link SplittableRandom} seeded with
 * (seed, sample id, k): a rerun waits exactly as long, yet samples that failed together (a server
 * restart) do not come back in lockstep. A {@code Retry-After} header (in seconds) from the server
 * lengthens the wait up to {@code max}.
 *
 * @param base the first wait before jitter
 * @param max no wait is longer
 * @param seed seeds the jitter (the run's {@code --seed})
 */
public record Backoff(Duration base, Duration max, long seed) {
  /** The default first wait: 0.5 s, so 3 retries wait about 0.25-0.5, 0.5-1 and 1-2 s. */
  public static final Duration DEFAULT_BASE = Duration.ofMillis(500);

  /** The default longest wait. */
  public static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("negative backoff " + base + " / " + max);
    }
  }

  /** The default schedule with this seed. */
  public static Backoff standard(long seed) {
    return new Backoff(DEFAULT_BASE, DEFAULT_MAX, seed);
  }

  /** No waiting at all (tests). */
  public static Backoff none() {
    return new Backoff(Duration.ZERO, Duration.ZERO, 0);
  }

  /**
   * The wait before retry {@code retry} (1-based) of sample {@code sampleId}.
   *
   * @param retryAfter what the server asked for, or null
   */
  public Duration delay(String sampleId, int retry, Duration retryAfter) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry numbers start at 1, not " + retry);
    }
    long maxNanos = max.toNanos();
    // 2^(k-1) * base, saturating instead of overflowing for absurd retry counts.
    long nominal = retry > 62 ? Long.MAX_VALUE : saturatedShift(base.toNanos(), retry - 1);
    nominal = Math.min(nominal, maxNanos);
    long mix = seed * 0x9E3779B97F4A7C15L + sampleId.hashCode() * 31L + retry;
    double factor = 0.5 + 0.5 * new SplittableRandom(mix).nextDouble();
    long nanos = (long) (nominal * factor);
    if (retryAfter != null) {
      nanos = Math.max(nanos, Math.min(retryAfter.toNanos(), maxNanos));
    }
    return Duration.ofNanos(nanos);
  }

  private static long saturatedShift(long value, int shift) {
    return value > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : value << shift;
  }
}

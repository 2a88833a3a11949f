package dev.perbench.metrics.stats;

/**
 * Steele, Lea and Flood's SplitMix64 generator: a 64-bit state advanced by the golden-ratio
 * increment and finalized with Stafford's "Mix13" constants. Chosen because it is tiny and exactly
 * reproducible anywhere (Python: mask every step to 64 bits).
 *
 * <pre>
 * state += 0x9E3779B97F4A7C15
 * z = state
 * z = (z ^ (z &gt;&gt;&gt; 30)) * 0xBF58476D1CE4E5B9
 * z = (z ^ (z &gt;&gt;&gt; 27)) * 0x94D049BB133111EB
 * return z ^ (z &gt;&gt;&gt; 31)
 * </pre>
 *
 * <p>Not thread-safe and not for cryptography.
 */
public final class SplitMix64 {
  private long state;

  /** A generator whose state starts at {@code seed} (its first output mixes seed + increment). */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** The next 64 random bits (read as unsigned where it matters). */
  public long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A double uniform in [0, 1): the top 53 bits times 2^-53. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * An index uniform in [0, n): {@code floor(nextDouble() * n)}. The product stays below n for
   * every n below 2^53, because nextDouble() is at most 1 - 2^-53.
   *
   * @throws IllegalArgumentException when n is not positive
   */
  public int nextIndex(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("index bound must be positive, got " + n);
    }
    return (int) Math.floor(nextDouble() * n);
  }
}

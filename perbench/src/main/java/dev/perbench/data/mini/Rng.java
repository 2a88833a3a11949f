package dev.perbench.data.mini;

import dev.perbench.metrics.stats.SplitMix64;
import java.util.List;

/**
 * The generator's only source of randomness: SplitMix64 (exactly reproducible in any language) with
 * the few draws the generator needs. Every scene and every task of a scene draws from its own
 * stream, derived from the split seed, the scene index and a purpose, so that changing how one task
 * is generated never changes the scenes or the other tasks.
 */
final class Rng {
  /** Stream purposes; the numbers are part of the data's definition and must not change. */
  enum Stream {
    SCENE(1),
    RES(2),
    VRES(3),
    MCQ(4),
    CAPTION(5);

    private final long salt;

    Stream(long salt) {
      this.salt = salt;
    }
  }

  private final SplitMix64 bits;

  Rng(long seed) {
    this.bits = new SplitMix64(seed);
  }

  /** The stream for one purpose of one scene. */
  static Rng of(long seed, Stream stream, int sceneIndex) {
    long s = mix(seed ^ (stream.salt * 0xD1B54A32D192ED03L));
    return new Rng(mix(s + sceneIndex));
  }

  private static long mix(long x) {
    return new SplitMix64(x).nextLong();
  }

  /** Uniform in [0, n). */
  int nextInt(int n) {
    return bits.nextIndex(n);
  }

  /** Uniform in [lo, hi). */
  double uniform(double lo, double hi) {
    return lo + bits.nextDouble() * (hi - lo);
  }

  boolean chance(double p) {
    return bits.nextDouble() < p;
  }

  <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  /** Fisher-Yates, from the last element down. */
  <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      T t = items.get(i);
      items.set(i, items.get(j));
      items.set(j, t);
    }
  }
}

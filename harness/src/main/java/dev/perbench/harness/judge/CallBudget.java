package dev.perbench.harness.judge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One judge's call budget ({@code --judge-max-calls}), shared by everything that judge is asked
 * (the descriptions, and the mcq answers with {@code --judge-mcq}): the first asking of every chat
 * is reserved before any call; a re-ask only uses what is left beyond the reservation, so it never
 * takes a first call's place.
 */
final class CallBudget {
  private final long max;
  private volatile long reserved;
  private final AtomicLong reasks = new AtomicLong();

  /**
   * @param max the most calls (0: no limit)
   */
  CallBudget(long max) {
    this.max = max;
  }

  /** Reserves the first calls that judging needs after the cache (in place of any before). */
  void reserve(long firstCalls) {
    reserved = firstCalls;
  }

  /** Whether one more re-ask may be made; takes it if so. */
  boolean takeReask() {
    if (max <= 0) {
      return true;
    }
    if (reasks.incrementAndGet() > max - reserved) {
      reasks.decrementAndGet();
      return false;
    }
    return true;
  }
}

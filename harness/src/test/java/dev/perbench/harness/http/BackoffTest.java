package dev.perbench.harness.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 42);

  @Test
  void waitsDoubleWithJitterBetweenHalfAndAllOfTheNominalWait() {
    long[] nominal = {100, 200, 400, 800, 1000, 1000};
    for (int retry = 1; retry <= nominal.length; retry++) {
      long ms = backoff.delay("res:1", retry, null).toMillis();
      assertTrue(ms >= nominal[retry - 1] / 2 && ms < nominal[retry - 1], retry + ": " + ms);
    }
  }

  @Test
  void theScheduleIsTheSameOnEveryRunButDiffersBetweenSamplesAndSeeds() {
    assertEquals(
        backoff.delay("res:1", 2, null),
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 42).delay("res:1", 2, null));
    assertNotEquals(backoff.delay("res:1", 2, null), backoff.delay("res:2", 2, null));
    assertNotEquals(
        backoff.delay("res:1", 2, null),
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 43).delay("res:1", 2, null));
  }

  @Test
  void retryAfterLengthensTheWaitUpToTheMaximumOnly() {
    assertEquals(Duration.ofMillis(700), backoff.delay("a", 1, Duration.ofMillis(700)));
    assertEquals(Duration.ofSeconds(1), backoff.delay("a", 1, Duration.ofSeconds(60)));
    assertTrue(backoff.delay("a", 3, Duration.ofMillis(1)).toMillis() >= 200);
  }

  @Test
  void absurdRetryCountsSaturateAtTheMaximum() {
    long ms = backoff.delay("a", 1000, null).toMillis();
    assertTrue(ms >= 500 && ms < 1000, String.valueOf(ms));
    assertEquals(Duration.ZERO, Backoff.none().delay("a", 5, null));
    assertThrows(IllegalArgumentException.class, () -> backoff.delay("a", 0, null));
  }

  @Test
  void theStandardScheduleWaitsAboutAQuarterHalfAndOneSecondsBeforeThreeRetries() {
    Backoff standard = Backoff.standard(0);
    long total = 0;
    for (int retry = 1; retry <= 3; retry++) {
      total += standard.delay("vres:0", retry, null).toMillis();
    }
    assertTrue(total >= 1750 && total < 3500, String.valueOf(total));
  }
}

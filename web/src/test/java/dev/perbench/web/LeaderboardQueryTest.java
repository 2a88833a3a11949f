package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** LeaderboardQuery without a database: the size buckets of parameter counts. */
class LeaderboardQueryTest {
  @Test
  void parameterCountsFallIntoTheirSizeBuckets() {
    assertEquals("<4B", LeaderboardQuery.bucket("0.5B"));
    assertEquals("<4B", LeaderboardQuery.bucket("350M"));
    assertEquals("4-10B", LeaderboardQuery.bucket("7B"));
    assertEquals("10-20B", LeaderboardQuery.bucket("13B"));
    assertEquals("20-40B", LeaderboardQuery.bucket("34B"));
    assertEquals(">40B", LeaderboardQuery.bucket("70B"));
    assertEquals(">40B", LeaderboardQuery.bucket("1.2T"));
    assertEquals("unknown", LeaderboardQuery.bucket(null));
  }
}

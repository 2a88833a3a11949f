package dev.perbench.harness.judge;

import java.util.Objects;

/**
 * How one judge is asked.
 *
 * @param temperature 0 by default
 * @param seed sent with every request (servers that support it sample reproducibly); 0 by default
 * @param maxTokens the longest reply
 * @param concurrency how many requests are in flight at once
 * @param maxCalls the most chat calls judging may make (0: no limit): judging refuses to start when
 *     it needs more after the cache, and a re-ask beyond it is not made
 */
public record JudgeSettings(
    JudgeSpec spec,
    JudgeProtocol protocol,
    double temperature,
    Long seed,
    int maxTokens,
    int concurrency,
    long maxCalls) {
  public JudgeSettings {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(protocol, "protocol");
    if (concurrency < 1 || maxTokens < 1 || maxCalls < 0) {
      throw new IllegalArgumentException(
          "concurrency and max tokens must be at least 1, max calls 0 or more");
    }
  }
}

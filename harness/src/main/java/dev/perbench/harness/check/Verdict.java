package dev.perbench.harness.check;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a rule, or the whole check, came to. */
public enum Verdict {
  /** The rule holds. */
  PASS("pass"),
  /** Inconclusive: the interval straddles the tolerance (a failure only with --strict). */
  WARN("warn"),
  /** The rule is broken: a significant regression beyond the tolerance, or below a floor. */
  FAIL("fail");

  private final String id;

  Verdict(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  /** The worse of two verdicts. */
  public Verdict and(Verdict other) {
    return compareTo(other) >= 0 ? this : other;
  }
}

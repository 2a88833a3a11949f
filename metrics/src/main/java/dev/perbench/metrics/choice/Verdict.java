package dev.perbench.metrics.choice;

/** How one multiple-choice answer was judged. */
public enum Verdict {
  /** The chosen option is the correct one. */
  CORRECT,
  /** An option was chosen and it is wrong. */
  WRONG,
  /** No option could be read from the answer; counts as wrong. */
  UNPARSED
}

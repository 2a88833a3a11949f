package dev.perbench.metrics.choice;

import java.util.Objects;

/** Streams multiple-choice verdicts into an accuracy; keeps only counts. Not thread-safe. */
public final class ChoiceAccuracy {
  private final ChoiceProfile profile;
  private long n;
  private long correct;
  private long unparsed;

  public ChoiceAccuracy(ChoiceProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  public ChoiceProfile profile() {
    return profile;
  }

  /** Judges one answer with this accumulator's profile and counts it. */
  public Verdict add(String output, ChoiceQuestion question) {
    Verdict verdict = profile.judge(output, question);
    add(verdict);
    return verdict;
  }

  /** Counts a verdict reached elsewhere (for example, one read back from a results file). */
  public void add(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    n++;
    switch (verdict) {
      case CORRECT -> correct++;
      case UNPARSED -> unparsed++;
      case WRONG -> {}
    }
  }

  /** The accuracy of everything counted so far. */
  public ChoiceResult result() {
    return new ChoiceResult(profile, n, correct, unparsed, n == 0 ? 0.0 : (double) correct / n);
  }
}

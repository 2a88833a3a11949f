package dev.perbench.harness.judge;

/**
 * A judge's verdict on one sample, in the form every protocol's score is made of: the score over a
 * set of samples is {@code 100 * sum(numerator) / sum(denominator)}.
 *
 * @param rating the sample's rating of the model's answer on the judge's 1-10 scale (for agreement
 *     between judges); 0 for {@link McqExtract}, which rates nothing
 * @param inconsistent for a protocol that asks in both orders, whether the two orders disagree on
 *     which answer is better; null for other protocols
 * @param choice for {@link McqExtract}: the option letter the judge read from the answer, or null
 *     when it read none ({@code NONE}); null for other protocols
 */
public record SampleVerdict(
    double numerator, double denominator, double rating, Boolean inconsistent, String choice) {
  /** A caption protocol's verdict (no choice). */
  public SampleVerdict(double numerator, double denominator, double rating, Boolean inconsistent) {
    this(numerator, denominator, rating, inconsistent, null);
  }
}

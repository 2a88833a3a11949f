package dev.perbench.harness.judge;

/**
 * A judge's verdict on one sample, in the form every protocol's score is made of: the score over a
 * set of samples is {@code 100 * sum(numerator) / sum(denominator)}.
 *
 * @param rating the sample's rating of the model's answer on the judge's 1-10 scale (for agreement
 *     between judges)
 * @param inconsistent for a protocol that asks in both orders, whether the two orders disagree on
 *     which answer is better; null for other protocols
 */
public record SampleVerdict(
    double numerator, double denominator, double rating, Boolean inconsistent) {}

package dev.perbench.metrics.choice;

/**
 * Multiple-choice accuracy over a set of answers.
 *
 * @param profile the rule that judged the answers
 * @param n answers judged
 * @param correct answers judged correct
 * @param unparsed answers from which no option could be read (included in {@code n}, not in {@code
 *     correct})
 * @param accuracy {@code correct / n} as a fraction; 0 when {@code n} is 0
 */
public record ChoiceResult(
    ChoiceProfile profile, long n, long correct, long unparsed, double accuracy) {}

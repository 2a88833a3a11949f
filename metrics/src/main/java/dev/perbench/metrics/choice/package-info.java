/**
 * Multiple-choice accuracy.
 *
 * <p>Two profiles judge a model's free-text answer: {@link
 * dev.perbench.metrics.choice.ChoiceProfile#STRICT} parses the chosen option with the deterministic
 * {@link dev.perbench.metrics.choice.AnswerExtractor} (an answer it cannot parse is wrong and
 * counted as unparsed, never guessed), and {@link
 * dev.perbench.metrics.choice.ChoiceProfile#PIXEL_SAIL} reproduces the PerBench authors' rule (a
 * hit when the ground-truth answer string occurs in the output). {@link
 * dev.perbench.metrics.choice.ChoiceAccuracy} streams verdicts into a {@link
 * dev.perbench.metrics.choice.ChoiceResult}.
 */
package dev.perbench.metrics.choice;

package dev.perbench.metrics.choice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a multiple-choice answer is judged against.
 *
 * @param options option letter to option text, in display order (may be empty when only the {@link
 *     ChoiceProfile#PIXEL_SAIL} rule is used)
 * @param correctLetter the correct option's letter, needed by {@link ChoiceProfile#STRICT}; null
 *     when unknown
 * @param answer the ground-truth answer string exactly as the dataset gives it, needed by {@link
 *     ChoiceProfile#PIXEL_SAIL}; null when unknown
 */
public record ChoiceQuestion(Map<String, String> options, String correctLetter, String answer) {

  /**
   * Copies the options, keeping their order.
   *
   * @throws IllegalArgumentException when {@code correctLetter} is not one of the options
   */
  public ChoiceQuestion {
    Objects.requireNonNull(options, "options");
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    if (correctLetter != null && !options.containsKey(correctLetter)) {
      throw new IllegalArgumentException(
          "correct letter '" + correctLetter + "' is not one of the options " + options.keySet());
    }
  }
}

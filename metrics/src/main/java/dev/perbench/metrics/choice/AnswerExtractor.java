package dev.perbench.metrics.choice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the option a free-text answer chose, deterministically, and never guesses.
 *
 * <p>Option letters are single upper-case letters and are matched case-sensitively (a lone
 * lower-case "a" is an article, not a choice). The rules, in order:
 *
 * <ol>
 *   <li>The whole output is a letter: {@code B}, {@code (B)}, {@code [B]}, {@code B.}, {@code B)}
 *       or {@code B:} (surrounding whitespace ignored).
 *   <li>The whole output equals one option's text, ignoring case, runs of whitespace and trailing
 *       {@code .!?;:,}.
 *   <li>Explicit letters: a leading {@code (B)}, {@code [B]}, {@code B.}, {@code B)} or {@code B:}
 *       followed by a space; {@code answer}, {@code answer:}, {@code answer is} or {@code answer -}
 *       (any case) followed by a letter and a space, punctuation or the end (with further letters
 *       in "B or C", "B, C", "B and C", "B/C"); a {@code (B)} anywhere. Exactly one distinct option
 *       letter wins (over any option text); several are ambiguous.
 *   <li>Option text: the options whose normalized text occurs in the normalized output as whole
 *       words; an option all of whose occurrences lie inside a longer matched option's occurrence
 *       is dropped ("red" inside "dark red"). Exactly one left wins.
 * </ol>
 *
 * Anything else, including letters that are not options, is unparsed. A Python transcription of
 * these rules checks the hand-labelled vectors in {@code src/test/python/gen_reference.py}.
 */
public final class AnswerExtractor {
  private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;
  private static final String LETTER = "(?:\\(([A-Z])\\)|\\[([A-Z])\\]|([A-Z]))";
  private static final String LETTER_END = "(?=$|[\\s.,;:!)\\]])";
  private static final Pattern WHOLE_LETTER =
      Pattern.compile("^\\s*(?:\\(([A-Z])\\)|\\[([A-Z])\\]|([A-Z])[.):]?)\\s*$", FLAGS);
  private static final Pattern LEADING_LETTER =
      Pattern.compile("^\\s*(?:\\(([A-Z])\\)|\\[([A-Z])\\]|([A-Z])[.):])(?:\\s|$)", FLAGS);
  private static final Pattern ANSWER_LETTER =
      Pattern.compile("(?i:\\banswer)\\s*(?:(?i:is)|:|-)?\\s*:?\\s*" + LETTER + LETTER_END, FLAGS);
  private static final Pattern ANSWER_MORE =
      Pattern.compile("\\s*(?:,|/|\\bor\\b|\\band\\b)\\s*" + LETTER + LETTER_END, FLAGS);
  private static final Pattern PAREN_LETTER = Pattern.compile("\\(([A-Z])\\)", FLAGS);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+", FLAGS);
  private static final Pattern OPTION_KEY = Pattern.compile("[A-Z]");

  private AnswerExtractor() {}

  /**
   * The letter of the chosen option, or empty when the output cannot be parsed unambiguously.
   *
   * @param output the model's answer; null is unparsed
   * @param options option letter to option text
   * @throws IllegalArgumentException when an option key is not a single letter A-Z
   */
  public static Optional<String> extract(String output, Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!OPTION_KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "option key '" + key + "' is not a single upper-case letter A-Z");
      }
    }
    if (output == null) {
      return Optional.empty();
    }
    Matcher whole = WHOLE_LETTER.matcher(output);
    if (whole.matches()) {
      return onlyOption(Set.of(letter(whole)), options);
    }
    String norm = normalize(output);
    List<String> sameText = new ArrayList<>();
    options.forEach(
        (key, text) -> {
          if (normalize(text).equals(norm)) {
            sameText.add(key);
          }
        });
    if (sameText.size() == 1) {
      return Optional.of(sameText.get(0));
    }
    Set<String> letters = explicitLetters(output);
    letters.retainAll(options.keySet());
    if (!letters.isEmpty()) {
      return onlyOption(letters, options);
    }
    return byOptionText(norm, options);
  }

  private static Set<String> explicitLetters(String output) {
    Set<String> letters = new LinkedHashSet<>();
    Matcher leading = LEADING_LETTER.matcher(output);
    if (leading.lookingAt()) {
      letters.add(letter(leading));
    }
    Matcher answer = ANSWER_LETTER.matcher(output);
    while (answer.find()) {
      letters.add(letter(answer));
      Matcher more = ANSWER_MORE.matcher(output);
      int from = answer.end();
      // "the answer is B or C" names two letters.
      while (more.region(from, output.length()).lookingAt()) {
        letters.add(letter(more));
        from = more.end();
      }
    }
    Matcher paren = PAREN_LETTER.matcher(output);
    while (paren.find()) {
      letters.add(paren.group(1));
    }
    return letters;
  }

  private static Optional<String> byOptionText(String norm, Map<String, String> options) {
    Map<String, List<int[]>> spans = new LinkedHashMap<>();
    options.forEach(
        (key, text) -> {
          String needle = normalize(text);
          if (needle.isEmpty()) {
            return;
          }
          Matcher m =
              Pattern.compile("(?<!\\w)" + Pattern.quote(needle) + "(?!\\w)", FLAGS).matcher(norm);
          List<int[]> found = new ArrayList<>();
          while (m.find()) {
            found.add(new int[] {m.start(), m.end()});
          }
          if (!found.isEmpty()) {
            spans.put(key, found);
          }
        });
    List<String> alive = new ArrayList<>();
    spans.forEach(
        (key, occurrences) -> {
          if (!allInsideLonger(key, occurrences, spans)) {
            alive.add(key);
          }
        });
    return alive.size() == 1 ? Optional.of(alive.get(0)) : Optional.empty();
  }

  private static boolean allInsideLonger(
      String key, List<int[]> occurrences, Map<String, List<int[]>> spans) {
    for (int[] o : occurrences) {
      boolean inside = false;
      for (Map.Entry<String, List<int[]>> other : spans.entrySet()) {
        if (other.getKey().equals(key)) {
          continue;
        }
        for (int[] p : other.getValue()) {
          if (p[0] <= o[0] && o[1] <= p[1] && p[1] - p[0] > o[1] - o[0]) {
            inside = true;
          }
        }
      }
      if (!inside) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> onlyOption(Set<String> letters, Map<String, String> options) {
    if (letters.size() != 1) {
      return Optional.empty();
    }
    String letter = letters.iterator().next();
    return options.containsKey(letter) ? Optional.of(letter) : Optional.empty();
  }

  private static String letter(Matcher m) {
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    throw new IllegalStateException("pattern matched without a letter: " + m.pattern());
  }

  /** Lower case, single spaces, no trailing sentence punctuation. */
  static String normalize(String text) {
    String s = WHITESPACE.matcher(text.toLowerCase(Locale.ROOT).strip()).replaceAll(" ");
    int end = s.length();
    while (end > 0 && ".!?;:, ".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }
}

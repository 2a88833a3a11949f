package dev.perbench.data.stbench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the options a PerBench question lists, one per line ({@code A. red}, {@code (B) blue},
 * {@code C) green}, {@code D: yellow}), and which of them an answer string names. Options must be
 * consecutive letters from A; anything else gives no options, and the question can then be scored
 * only with the authors' substring rule.
 */
final class ChoiceOptions {
  private static final Pattern OPTION_LINE =
      Pattern.compile("^\\s*\\(?([A-Z])(?:\\)|[.:])\\s*(\\S.*?)\\s*$");
  private static final Pattern ANSWER_LETTER =
      Pattern.compile("^\\s*(?:\\(([A-Z])\\)|([A-Z])(?:[.):]|\\s*$))");

  private ChoiceOptions() {}

  /** Letter to option text, in order; empty when the question lists no clean A, B, C... */
  static Map<String, String> parse(String question) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String line : question.split("\\R")) {
      Matcher m = OPTION_LINE.matcher(line);
      if (m.matches()) {
        String expected = String.valueOf((char) ('A' + options.size()));
        if (!m.group(1).equals(expected)) {
          return Map.of();
        }
        options.put(m.group(1), m.group(2));
      }
    }
    return options.size() >= 2 ? options : Map.of();
  }

  /** The letter the answer names ("B", "B. blue", "(B)", or exactly an option's text), or null. */
  static String correctLetter(String answer, Map<String, String> options) {
    Matcher m = ANSWER_LETTER.matcher(answer);
    if (m.find()) {
      String letter = m.group(1) != null ? m.group(1) : m.group(2);
      if (options.containsKey(letter)) {
        return letter;
      }
    }
    String wanted = answer.strip().toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getValue().strip().toLowerCase(Locale.ROOT).equals(wanted)) {
        return e.getKey();
      }
    }
    return null;
  }
}

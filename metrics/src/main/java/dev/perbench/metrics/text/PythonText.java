package dev.perbench.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Python's {@code str.split()} (no arguments) and {@code str.lower()}: the tokeniser and the
 * preprocessing that NLTK's METEOR callers use. The PerBench script tokenises with {@code
 * text.split()}, so runs of any Unicode whitespace separate tokens and leading or trailing
 * whitespace yields no empty token.
 */
public final class PythonText {
  private PythonText() {}

  /**
   * Splits on runs of whitespace as Python's {@code str.split()} does; a blank or empty string
   * gives no tokens.
   */
  public static List<String> split(String text) {
    Objects.requireNonNull(text, "text");
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      // Every Python whitespace character is in the BMP, so chars suffice; a surrogate is
      // never whitespace and stays inside its token.
      if (isSpace(text.charAt(i))) {
        if (start >= 0) {
          tokens.add(text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      tokens.add(text.substring(start));
    }
    return tokens;
  }

  /**
   * Python's {@code str.lower()}: full Unicode lower-casing, locale-independent (so 'I' is 'i' on a
   * Turkish JVM too; 'İ' becomes "i̇" and a final capital sigma 'ς', as in Python).
   */
  public static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether Python's {@code str.isspace()} holds for this character: ASCII tab, newline, vertical
   * tab, form feed, carriage return, the four information separators U+001C..U+001F and space, plus
   * every character whose Unicode category is Zs or whose bidirectional class is WS, B or S.
   */
  public static boolean isSpace(int c) {
    if (c < 0x80) {
      return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    return c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }
}

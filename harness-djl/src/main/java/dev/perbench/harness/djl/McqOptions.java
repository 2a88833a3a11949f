package dev.perbench.harness.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options a multiple-choice question lists, one per line ({@code A. red}, {@code (B) blue},
 * {@code C) green}, {@code D: yellow}; consecutive letters from A, at least two), as PerBench's
 * loader reads them. The model's four answer logits stand for A-D; the answer is the arg-max over
 * the letters the question has, written as the question writes that option's line, so both the
 * authors' substring rule and letter extraction find it.
 */
final class McqOptions {
  static final int LETTERS = 4;
  private static final Pattern OPTION_LINE =
      Pattern.compile("^\\s*\\(?([A-Z])(?:\\)|[.:])\\s*(\\S.*?)\\s*$");

  private final List<String> lines;

  private McqOptions(List<String> lines) {
    this.lines = lines;
  }

  /** The question's option lines; none when it does not list clean A, B, C... options. */
  static McqOptions parse(String question) {
    List<String> lines = new ArrayList<>();
    for (String line : question.split("\\R")) {
      Matcher m = OPTION_LINE.matcher(line);
      if (m.matches()) {
        if (m.group(1).charAt(0) != 'A' + lines.size()) {
          return new McqOptions(List.of());
        }
        lines.add(line.strip());
      }
    }
    return new McqOptions(lines.size() >= 2 ? List.copyOf(lines) : List.of());
  }

  /**
   * The answer text for the model's A-D logits: the chosen option's line, or the bare letter
   * (arg-max over all four) when the question lists no options.
   */
  String answer(float[] logits) {
    if (lines.isEmpty()) {
      return String.valueOf((char) ('A' + ArgMax.of(logits, 0, LETTERS)));
    }
    return lines.get(ArgMax.of(logits, 0, Math.min(LETTERS, lines.size())));
  }
}

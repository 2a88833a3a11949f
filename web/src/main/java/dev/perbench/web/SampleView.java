package dev.perbench.web;

import dev.perbench.harness.score.SampleScore;
import java.util.List;
import java.util.Map;

/**
 * One sample as the sample browser shows it: the entry's score and answer (and the compared
 * entry's), with what the benchmark asked and expected.
 *
 * @param answer the model's text answer, or null
 * @param vs the compared entry's score, or null
 * @param vsAnswer the compared entry's text answer, or null
 * @param text the expression or question (empty for captions)
 * @param options mcq options by letter, in letter order (empty otherwise)
 * @param correct the correct mcq letter, or null
 * @param references the reference descriptions (captions; empty otherwise)
 */
public record SampleView(
    int seq,
    SampleScore score,
    String answer,
    SampleScore vs,
    String vsAnswer,
    String text,
    Map<String, String> options,
    String correct,
    List<String> references) {

  /** A's score as people read it. */
  public String shown() {
    return display(score);
  }

  /** B's score as people read it, or "-". */
  public String shownVs() {
    return display(vs);
  }

  /** A score as people read it: a percentage of IoU or METEOR, or right / wrong. */
  static String display(SampleScore s) {
    if (s == null) {
      return "-";
    }
    return switch (s.task()) {
      case MCQ -> s.score() == 1 ? "right" : "wrong";
      default -> String.format(java.util.Locale.ROOT, "%.1f", 100 * s.score());
    };
  }
}

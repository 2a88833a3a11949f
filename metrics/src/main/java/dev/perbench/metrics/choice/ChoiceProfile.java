package dev.perbench.metrics.choice;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a multiple-choice answer is judged, by name. */
public enum ChoiceProfile {
  /**
   * The option is read with {@link AnswerExtractor}; an answer it cannot parse is {@link
   * Verdict#UNPARSED} (and wrong). Needs the options and the correct letter.
   */
  STRICT("strict", "the chosen option is parsed deterministically; unparsable answers are wrong") {
    @Override
    public Verdict judge(String output, ChoiceQuestion question) {
      if (question.correctLetter() == null) {
        throw new IllegalArgumentException("profile strict needs the correct option letter");
      }
      return AnswerExtractor.extract(output, question.options())
          .map(letter -> letter.equals(question.correctLetter()) ? Verdict.CORRECT : Verdict.WRONG)
          .orElse(Verdict.UNPARSED);
    }
  },

  /**
   * The PerBench authors' rule ({@code metrics_acc.py}: {@code if gt in pred}): a hit when the
   * ground-truth answer string occurs in the output, case-sensitively. Never unparsed; an empty
   * answer string occurs in every output, and a null output is a miss.
   */
  PIXEL_SAIL("pixel-sail", "the authors' rule: a hit when the answer string occurs in the output") {
    @Override
    public Verdict judge(String output, ChoiceQuestion question) {
      if (question.answer() == null) {
        throw new IllegalArgumentException("profile pixel-sail needs the answer string");
      }
      return output != null && output.contains(question.answer()) ? Verdict.CORRECT : Verdict.WRONG;
    }
  };

  private final String id;
  private final String description;

  ChoiceProfile(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /**
   * Judges one answer.
   *
   * @throws IllegalArgumentException when the question lacks what this profile needs
   */
  public abstract Verdict judge(String output, ChoiceQuestion question);

  /** The name used on the command line and in outputs. */
  public String id() {
    return id;
  }

  /** One line saying what the profile does. */
  public String description() {
    return description;
  }

  /**
   * The profile with this id.
   *
   * @throws IllegalArgumentException naming the valid ids when there is none
   */
  public static ChoiceProfile fromId(String id) {
    for (ChoiceProfile p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown choice profile '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(ChoiceProfile::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}

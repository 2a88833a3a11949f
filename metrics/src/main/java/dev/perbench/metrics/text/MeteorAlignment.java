package dev.perbench.metrics.text;

import java.util.List;
import java.util.Objects;

/**
 * How a hypothesis lines up with one reference: the matched word pairs sorted by hypothesis
 * position (NLTK's {@code align_words}), and the two lengths in tokens.
 *
 * @param matches one entry per matched hypothesis word, sorted by {@link Match#hypothesis()}
 * @param hypothesisLength tokens in the hypothesis
 * @param referenceLength tokens in the reference
 */
public record MeteorAlignment(List<Match> matches, int hypothesisLength, int referenceLength) {
  /** The stage that matched a pair: exact word, equal Porter stem, or WordNet synonym. */
  public enum Stage {
    EXACT,
    STEM,
    SYNONYM
  }

  /**
   * One matched pair of token positions (0-based) and the stage that matched it.
   *
   * @param hypothesis position in the hypothesis
   * @param reference position in the reference
   * @param stage the stage that matched the pair
   */
  public record Match(int hypothesis, int reference, Stage stage) {
    public Match {
      Objects.requireNonNull(stage, "stage");
    }
  }

  public MeteorAlignment {
    matches = List.copyOf(matches);
    for (int i = 1; i < matches.size(); i++) {
      if (matches.get(i - 1).hypothesis() >= matches.get(i).hypothesis()) {
        throw new IllegalArgumentException("matches must be sorted by hypothesis position");
      }
    }
  }

  /**
   * NLTK's {@code _count_chunks}: the fewest runs of matches that are adjacent in both sentences.
   * Like NLTK it is 1 when there are no matches (the score is 0 then anyway).
   */
  public int chunks() {
    int chunks = 1;
    for (int i = 0; i + 1 < matches.size(); i++) {
      Match a = matches.get(i);
      Match b = matches.get(i + 1);
      if (b.hypothesis() != a.hypothesis() + 1 || b.reference() != a.reference() + 1) {
        chunks++;
      }
    }
    return chunks;
  }
}

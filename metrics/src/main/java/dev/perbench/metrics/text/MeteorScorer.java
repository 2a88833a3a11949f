package dev.perbench.metrics.text;

import java.util.List;
import java.util.Objects;

/**
 * NLTK's {@code single_meteor_score} and {@code meteor_score} on pre-tokenised sentences, with
 * fixed parameters and NLTK release. Immutable and thread-safe.
 *
 * <p>For one reference, with m matched words ({@link MeteorAlignment}), h hypothesis and r
 * reference tokens:
 *
 * <pre>
 * P = m / h,  R = m / r
 * Fmean = P * R / (alpha * P + (1 - alpha) * R)
 * penalty = gamma * (chunks / m) ^ beta
 * score = (1 - penalty) * Fmean
 * </pre>
 *
 * evaluated in that order in doubles, as NLTK does; the score is 0 when m, h or r is 0. With
 * several references the score is the best single one.
 */
public final class MeteorScorer {
  /** NLTK's default weight of precision against recall. */
  public static final double DEFAULT_ALPHA = 0.9;

  /** NLTK's default exponent of the fragmentation penalty. */
  public static final double DEFAULT_BETA = 3.0;

  /** NLTK's default weight of the fragmentation penalty. */
  public static final double DEFAULT_GAMMA = 0.5;

  private static final MeteorScorer NLTK_3_9 =
      new MeteorScorer(NltkVersion.NLTK_3_9, DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_GAMMA);
  private static final MeteorScorer NLTK_3_8 =
      new MeteorScorer(NltkVersion.NLTK_3_8, DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_GAMMA);

  private final NltkVersion version;
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final WordNetSynonyms synonyms;
  private final FragmentationPenalty penalty;

  private MeteorScorer(NltkVersion version, double alpha, double beta, double gamma) {
    this.version = Objects.requireNonNull(version, "version");
    if (!(alpha >= 0 && alpha <= 1)
        || !(beta >= 0)
        || !(gamma >= 0 && gamma <= 1)
        || Double.isInfinite(beta)) {
      throw new IllegalArgumentException(
          "METEOR needs 0 <= alpha <= 1, finite beta >= 0 and"
              + " 0 <= gamma <= 1; got alpha="
              + alpha
              + ", beta="
              + beta
              + ", gamma="
              + gamma);
    }
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.synonyms = WordNetSynonyms.of(version);
    this.penalty = new FragmentationPenalty(beta, gamma);
  }

  /** NLTK 3.9+ with its defaults (alpha 0.9, beta 3, gamma 0.5). */
  public static MeteorScorer nltk() {
    return NLTK_3_9;
  }

  /** The given NLTK release with its defaults. */
  public static MeteorScorer of(NltkVersion version) {
    return Objects.requireNonNull(version, "version") == NltkVersion.NLTK_3_8 ? NLTK_3_8 : NLTK_3_9;
  }

  /** The same release with other parameters (NLTK's {@code alpha}, {@code beta}, {@code gamma}). */
  public MeteorScorer withParameters(double alpha, double beta, double gamma) {
    return new MeteorScorer(version, alpha, beta, gamma);
  }

  public NltkVersion version() {
    return version;
  }

  public double alpha() {
    return alpha;
  }

  public double beta() {
    return beta;
  }

  public double gamma() {
    return gamma;
  }

  /**
   * NLTK's {@code single_meteor_score(reference, hypothesis)}: note the order, reference first.
   * Tokens are lower-cased here; split sentences with {@link PythonText#split}.
   */
  public double single(List<String> reference, List<String> hypothesis) {
    return score(align(reference, hypothesis));
  }

  /**
   * NLTK's {@code meteor_score(references, hypothesis)}: the best {@link #single} over the
   * references.
   *
   * @throws IllegalArgumentException when there is no reference (NLTK's {@code max()} fails)
   */
  public double score(List<? extends List<String>> references, List<String> hypothesis) {
    Objects.requireNonNull(references, "references");
    if (references.isEmpty()) {
      throw new IllegalArgumentException("METEOR needs at least one reference");
    }
    double best = Double.NEGATIVE_INFINITY;
    for (List<String> reference : references) {
      best = Math.max(best, single(reference, hypothesis));
    }
    return best;
  }

  /** The alignment NLTK finds between a hypothesis and one reference (reference first). */
  public MeteorAlignment align(List<String> reference, List<String> hypothesis) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(hypothesis, "hypothesis");
    return Aligner.align(hypothesis, reference, synonyms);
  }

  /** The score of an alignment, by the formula above. */
  public double score(MeteorAlignment alignment) {
    int m = alignment.matches().size();
    int h = alignment.hypothesisLength();
    int r = alignment.referenceLength();
    if (m == 0 || h == 0 || r == 0) {
      return 0.0; // NLTK catches the ZeroDivisionError and returns 0.0
    }
    double precision = (double) m / h;
    double recall = (double) m / r;
    double fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall);
    return (1 - penalty.of(alignment.chunks(), m)) * fmean;
  }
}

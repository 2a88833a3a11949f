package dev.perbench.metrics.stats;

/**
 * Cohen's kappa with quadratic weights between two raters (two LLM judges) who rate the same
 * samples on an integer scale {@code minRating..maxRating}.
 *
 * <p>Why this is written by hand: the agreement figures PerBench reports must equal those of the
 * reference tool, {@code sklearn.metrics.cohen_kappa_score(a, b, weights="quadratic",
 * labels=range(minRating, maxRating + 1))}, to the last bit, and no Java library computes it in
 * sklearn's order of operations. {@link #quadratic} follows that order step by step (checked bit
 * for bit against scikit-learn 1.2.1 with numpy 1.24.2 by {@code AgreementKappaTest}):
 *
 * <ol>
 *   <li>the confusion matrix C (rows: a's category, columns: b's), the category counts of a (C's
 *       row sums) and of b (its column sums), and the weights {@code w[i][j] = (i - j)^2}: all
 *       integers, exact;
 *   <li>the observed disagreement {@code sum(w * C)}: an integer, exact;
 *   <li>the expected matrix {@code E[i][j] = countB[i] * countA[j] / n} (numpy's {@code outer(sum0,
 *       sum1) / sum(sum0)}: the integer product, then one division), each term {@code w[i][j] *
 *       E[i][j]} rounded once, and their sum in row-major order with numpy's pairwise summation
 *       (blocks of up to 128 terms added in 8 interleaved accumulators, longer runs split in
 *       halves), which is what {@code np.sum} does with a contiguous array;
 *   <li>{@code 1 - observed / expected}.
 * </ol>
 *
 * <p>Steps 1 and 2 are exact and step 4 is two IEEE operations either way; step 3 rounds each term
 * and then the sum, whose order matters: a plain left-to-right sum is off from sklearn by an ulp
 * here and there (AgreementKappaTest's vectors catch it). Mirroring the order makes the two equal
 * bit for bit.
 *
 * <p>Degenerate case: when both raters give every sample the same rating, and the same one, the
 * expected disagreement is 0 and kappa is 0 / 0. sklearn returns NaN there (with a warning); {@link
 * #quadratic} returns {@link Double#NaN} too (agreement beyond chance is undefined when there is no
 * variation to agree on), so that a caller can report it as undefined rather than fail. This is the
 * only case with an expected disagreement of 0, so the only NaN. (Both raters constant on different
 * ratings gives 0; one rater constant gives a finite value.)
 *
 * <p>Where this differs from sklearn on purpose: sklearn silently drops samples with a rating
 * outside {@code labels}; here such a rating is an error.
 */
public final class WeightedKappa {
  /**
   * The most rating categories ({@code maxRating - minRating + 1}) accepted: the expected matrix
   * has that many squared terms per call, and a bootstrap calls it thousands of times. Far above
   * any judge's scale; a larger range is taken to be a mistake.
   */
  public static final int MAX_CATEGORIES = 1000;

  /** numpy's pairwise summation block (PW_BLOCKSIZE in numpy's loops_utils.h.src). */
  private static final int BLOCK = 128;

  private WeightedKappa() {}

  /**
   * Quadratic-weighted Cohen's kappa of ratings {@code a} and {@code b} of the same samples (sample
   * i rated {@code a[i]} and {@code b[i]}) on the categories {@code minRating..maxRating}: bit for
   * bit sklearn's {@code cohen_kappa_score(a, b, weights="quadratic", labels=range(minRating,
   * maxRating + 1))}. 1 is perfect agreement (never more: the observed disagreement is not
   * negative), 0 agreement at chance level, and it is negative for systematic disagreement, down to
   * -1 (for example b = minRating + maxRating - a where a's mean is the scale's midpoint). Like
   * sklearn's, the value is not clipped, so rounding can take it an ulp or two below -1 (sklearn
   * gives -1.0000000000000004 for a = [1, 2, 3], b = [3, 2, 1]).
   *
   * <p>The weights are squared rating differences, which do not depend on the range, and a category
   * that neither rater uses adds only zero terms: the range says which ratings are valid, and any
   * range that holds all the ratings gives the same kappa up to the last bit or so (the zero terms
   * move the others within numpy's summation order, in sklearn too).
   *
   * @return kappa, or {@link Double#NaN} when both raters give every sample one and the same rating
   *     (0 / 0, as sklearn; see the class comment)
   * @throws IllegalArgumentException when the arrays differ in length or are empty, {@code
   *     minRating > maxRating}, the range has more than {@link #MAX_CATEGORIES} categories, or a
   *     rating is outside {@code minRating..maxRating}
   */
  public static double quadratic(int[] a, int[] b, int minRating, int maxRating) {
    check(a, b, minRating, maxRating);
    return unchecked(a, b, minRating, maxRating - minRating + 1);
  }

  /**
   * Checks what {@link #quadratic} checks; for callers that compute many kappas of the same ratings
   * (a bootstrap) and check once.
   */
  static void check(int[] a, int[] b, int minRating, int maxRating) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "the raters rated different numbers of samples: " + a.length + " vs " + b.length);
    }
    if (a.length == 0) {
      throw new IllegalArgumentException("no ratings");
    }
    if (minRating > maxRating) {
      throw new IllegalArgumentException(
          "minRating " + minRating + " is above maxRating " + maxRating);
    }
    long categories = (long) maxRating - minRating + 1;
    if (categories > MAX_CATEGORIES) {
      throw new IllegalArgumentException(
          "too many rating categories: "
              + categories
              + " in "
              + minRating
              + ".."
              + maxRating
              + ", at most "
              + MAX_CATEGORIES);
    }
    checkRange("a", a, minRating, maxRating);
    checkRange("b", b, minRating, maxRating);
  }

  private static void checkRange(String name, int[] ratings, int minRating, int maxRating) {
    for (int i = 0; i < ratings.length; i++) {
      if (ratings[i] < minRating || ratings[i] > maxRating) {
        throw new IllegalArgumentException(
            name
                + "["
                + i
                + "] = "
                + ratings[i]
                + " is outside the rating range "
                + minRating
                + ".."
                + maxRating);
      }
    }
  }

  /** {@link #quadratic} on checked input, with {@code categories = maxRating - minRating + 1}. */
  static double unchecked(int[] a, int[] b, int minRating, int categories) {
    int n = a.length;
    long[] countA = new long[categories];
    long[] countB = new long[categories];
    long observed = 0;
    for (int i = 0; i < n; i++) {
      int ca = a[i] - minRating;
      int cb = b[i] - minRating;
      countA[ca]++;
      countB[cb]++;
      long d = ca - cb;
      observed += d * d;
    }
    double expected = new Expected(countA, countB, n).sum(0, categories * categories);
    if (expected == 0) {
      return Double.NaN;
    }
    return 1 - observed / expected;
  }

  /**
   * The terms {@code w[i][j] * E[i][j]} of the expected disagreement in row-major order (term t is
   * row {@code t / categories}, column {@code t % categories}), summed as numpy sums them.
   */
  private record Expected(long[] countA, long[] countB, double n) {
    double term(int t) {
      int k = countA.length;
      int i = t / k;
      int j = t % k;
      long d = i - j;
      // numpy: outer(sum0, sum1) is an int64 product (sum0 = column sums = b's counts), divided by
      // the int64 total as float64; then the int64 weight times that float64.
      return (double) (d * d) * ((double) (countB[i] * countA[j]) / n);
    }

    /** numpy's pairwise_sum of terms from .. from + count - 1. */
    double sum(int from, int count) {
      if (count < 8) {
        double res = 0.;
        for (int t = from; t < from + count; t++) {
          res += term(t);
        }
        return res;
      }
      if (count <= BLOCK) {
        double[] r = new double[8];
        for (int j = 0; j < 8; j++) {
          r[j] = term(from + j);
        }
        int t = 8;
        for (; t < count - count % 8; t += 8) {
          for (int j = 0; j < 8; j++) {
            r[j] += term(from + t + j);
          }
        }
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; t < count; t++) {
          res += term(from + t);
        }
        return res;
      }
      int half = count / 2;
      half -= half % 8;
      return sum(from, half) + sum(from + half, count - half);
    }
  }
}

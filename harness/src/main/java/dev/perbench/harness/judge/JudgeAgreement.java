package dev.perbench.harness.judge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.metrics.stats.AgreementBootstrap;
import dev.perbench.metrics.stats.AgreementInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far judges agree, on the samples both rated: per pair of judges, quadratic-weighted Cohen's
 * kappa (on the 1-10 ratings rounded half up to whole numbers, since kappa needs categories) and
 * Spearman's rho (on the ratings as they are); each judge's rho against METEOR; and, given human
 * ratings, each judge's kappa and rho against them. Every figure has a paired percentile-bootstrap
 * interval ({@link AgreementBootstrap}); a figure undefined on its samples (a constant column) is
 * null, as are bounds when no resample is defined.
 */
public final class JudgeAgreement {
  private JudgeAgreement() {}

  /** A statistic with its interval; nulls where undefined. */
  @JsonPropertyOrder({"estimate", "ci", "undefined_resamples"})
  public record Figure(
      Double estimate, List<Double> ci, @JsonProperty("undefined_resamples") int undefined) {
    static Figure of(AgreementInterval i) {
      return new Figure(
          finite(i.estimate()),
          Double.isNaN(i.lower()) ? null : List.of(i.lower(), i.upper()),
          i.undefinedResamples());
    }
  }

  /**
   * Agreement of {@code a} with {@code b} on {@code n} samples.
   *
   * @param kappa null where one side is not on the 1-10 scale (METEOR)
   */
  @JsonPropertyOrder({"a", "b", "n", "kappa_quadratic", "spearman"})
  public record Pair(
      String a, String b, int n, @JsonProperty("kappa_quadratic") Figure kappa, Figure spearman) {}

  /** The whole report, as {@code agreement.json} holds it. */
  @JsonPropertyOrder({"judges", "against_meteor", "against_human", "ci"})
  public record Report(
      List<Pair> judges,
      @JsonProperty("against_meteor") List<Pair> againstMeteor,
      @JsonProperty("against_human") List<Pair> againstHuman,
      BootstrapSettings ci) {}

  /**
   * The report.
   *
   * @param byJudge each judge's judgements (only {@code ok} ones count), by judge name, in a stable
   *     order
   * @param meteor each caption sample's METEOR, by sample id (empty: no such rows)
   * @param human each human rating 1-10, by sample id (empty: no such rows)
   */
  public static Report of(
      Map<String, List<Judgement>> byJudge,
      Map<String, Double> meteor,
      Map<String, Integer> human,
      BootstrapSettings ci) {
    Map<String, Map<String, Double>> ratings = new TreeMap<>();
    for (Map.Entry<String, List<Judgement>> e : byJudge.entrySet()) {
      Map<String, Double> r = new TreeMap<>();
      for (Judgement j : e.getValue()) {
        if (j.status().equals(Judgement.OK)) {
          r.put(j.sampleId(), j.verdict().rating());
        }
      }
      ratings.put(e.getKey(), r);
    }
    return ofRatings(ratings, meteor, human, ci);
  }

  /**
   * The report from each judge's ratings of the samples it rated ({@code ok}), by judge name and
   * sample id.
   */
  public static Report ofRatings(
      Map<String, Map<String, Double>> byJudge,
      Map<String, Double> meteor,
      Map<String, Integer> human,
      BootstrapSettings ci) {
    Map<String, Map<String, Double>> ratings = new TreeMap<>(byJudge);
    List<String> names = new ArrayList<>(ratings.keySet());
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      for (int k = i + 1; k < names.size(); k++) {
        pairs.add(
            pair(
                names.get(i),
                ratings.get(names.get(i)),
                names.get(k),
                ratings.get(names.get(k)),
                true,
                ci));
      }
    }
    List<Pair> vsMeteor = new ArrayList<>();
    List<Pair> vsHuman = new ArrayList<>();
    for (String name : names) {
      if (!meteor.isEmpty()) {
        vsMeteor.add(pair(name, ratings.get(name), "meteor", meteor, false, ci));
      }
      if (!human.isEmpty()) {
        Map<String, Double> h = new TreeMap<>();
        human.forEach((id, v) -> h.put(id, v.doubleValue()));
        vsHuman.add(pair(name, ratings.get(name), "human", h, true, ci));
      }
    }
    return new Report(pairs, vsMeteor, vsHuman, ci);
  }

  private static Pair pair(
      String a,
      Map<String, Double> ra,
      String b,
      Map<String, Double> rb,
      boolean kappa,
      BootstrapSettings ci) {
    List<String> shared = new ArrayList<>();
    for (String id : ra.keySet()) {
      if (rb.containsKey(id)) {
        shared.add(id);
      }
    }
    int n = shared.size();
    if (n == 0) {
      return new Pair(a, b, 0, null, null);
    }
    double[] x = new double[n];
    double[] y = new double[n];
    int[] ka = new int[n];
    int[] kb = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = ra.get(shared.get(i));
      y[i] = rb.get(shared.get(i));
      ka[i] = category(x[i]);
      kb[i] = kappa ? category(y[i]) : 0;
    }
    Figure rho =
        Figure.of(AgreementBootstrap.spearman(x, y, ci.level(), ci.resamples(), ci.seed()));
    Figure k =
        kappa
            ? Figure.of(
                AgreementBootstrap.quadraticKappa(
                    ka, kb, 1, 10, ci.level(), ci.resamples(), ci.seed()))
            : null;
    return new Pair(a, b, n, k, rho);
  }

  /** A 1-10 rating as a whole category, rounded half up (a pairwise mean of 6.5 is 7). */
  static int category(double rating) {
    return (int) Math.floor(rating + 0.5);
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }
}

package dev.perbench.harness.judge;

import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.ChoiceJudgeScore;
import dev.perbench.harness.score.Interval;
import dev.perbench.harness.score.JudgeScore;
import dev.perbench.metrics.stats.Bootstrap;
import dev.perbench.metrics.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A judge's {@link JudgeScore} from its judgements: the rated samples' verdicts, and counts. */
public final class JudgeScores {
  private JudgeScores() {}

  /**
   * The score: {@code 100 * sum(numerator) / sum(denominator)} over the samples judged {@code ok},
   * with a percentile-bootstrap interval over those samples (resampled as every interval in
   * metrics.json is); the unparsed and failed samples counted, never scored.
   */
  public static JudgeScore of(
      JudgeSettings settings, String endpoint, CaptionJudge.Result result, BootstrapSettings ci) {
    List<SampleVerdict> rated = new ArrayList<>();
    long unparsed = 0;
    long failed = 0;
    for (Judgement j : result.judgements()) {
      switch (j.status()) {
        case Judgement.OK:
          rated.add(j.verdict());
          break;
        case Judgement.UNPARSED:
          unparsed++;
          break;
        default:
          failed++;
      }
    }
    double[] num = new double[rated.size()];
    double[] den = new double[rated.size()];
    long inconsistent = 0;
    boolean orders = false;
    for (int i = 0; i < rated.size(); i++) {
      num[i] = rated.get(i).numerator();
      den[i] = rated.get(i).denominator();
      if (rated.get(i).inconsistent() != null) {
        orders = true;
        inconsistent += rated.get(i).inconsistent() ? 1 : 0;
      }
    }
    Double score = null;
    List<Double> interval = null;
    if (!rated.isEmpty()) {
      double sn = 0;
      double sd = 0;
      for (int i = 0; i < num.length; i++) {
        sn += num[i];
        sd += den[i];
      }
      score = sd == 0 ? 0 : 100 * sn / sd;
      ConfidenceInterval c = Bootstrap.ratioOfSums(num, den, ci.level(), ci.resamples(), ci.seed());
      interval = List.of(100 * c.lower(), 100 * c.upper());
    }
    CaptionJudge.Usage u = result.usage();
    return new JudgeScore(
        score,
        interval,
        settings.protocol().name(),
        settings.protocol().template().sha256(),
        settings.spec().model(),
        u.reportedModels().isEmpty() ? null : String.join(", ", u.reportedModels()),
        endpoint,
        settings.temperature(),
        settings.seed(),
        rated.size(),
        unparsed,
        failed,
        orders && !rated.isEmpty() ? (double) inconsistent / rated.size() : null,
        u.calls(),
        u.cached(),
        u.promptTokens(),
        u.completionTokens());
  }

  /**
   * A judge's {@link ChoiceJudgeScore} from its judgements of the unparsed mcq answers: the
   * accuracy over every mcq sample (the mcq accuracy's denominator), a sample correct when the
   * strict extractor scored it correct or the judge read the correct letter from it; its interval a
   * percentile bootstrap of the per-sample hits (0 or 1), as the mcq accuracy's is. NONE, unparsed
   * and failed answers stay wrong: they are counted, never guessed.
   */
  public static ChoiceJudgeScore ofChoices(
      JudgeSettings settings,
      JudgeTemplate template,
      String endpoint,
      McqItems mcq,
      CaptionJudge.Result result,
      BootstrapSettings ci) {
    Map<String, Judgement> bySample = new HashMap<>();
    long extracted = 0;
    long correctExtracted = 0;
    long none = 0;
    long unparsed = 0;
    long failed = 0;
    for (Judgement j : result.judgements()) {
      bySample.put(j.sampleId(), j);
      switch (j.status()) {
        case Judgement.OK:
          if (j.verdict().choice() == null) {
            none++;
          } else {
            extracted++;
            correctExtracted += j.verdict().numerator() == 1 ? 1 : 0;
          }
          break;
        case Judgement.UNPARSED:
          unparsed++;
          break;
        default:
          failed++;
      }
    }
    int n = mcq.sampleIds().size();
    double[] hits = new double[n];
    long correct = 0;
    for (int i = 0; i < n; i++) {
      Judgement j = bySample.get(mcq.sampleIds().get(i));
      boolean hit =
          mcq.strictCorrect().get(i)
              || (j != null && j.status().equals(Judgement.OK) && j.verdict().numerator() == 1);
      hits[i] = hit ? 1 : 0;
      correct += hit ? 1 : 0;
    }
    Interval interval = null;
    if (n > 0) {
      ConfidenceInterval c = Bootstrap.mean(hits, ci.level(), ci.resamples(), ci.seed());
      interval = new Interval(c.lower(), c.upper());
    }
    CaptionJudge.Usage u = result.usage();
    return new ChoiceJudgeScore(
        n == 0 ? 0.0 : (double) correct / n,
        interval,
        template.sha256(),
        settings.spec().model(),
        u.reportedModels().isEmpty() ? null : String.join(", ", u.reportedModels()),
        endpoint,
        settings.temperature(),
        settings.seed(),
        result.judgements().size(),
        extracted,
        correctExtracted,
        none,
        unparsed,
        failed,
        u.calls(),
        u.cached(),
        u.promptTokens(),
        u.completionTokens());
  }
}

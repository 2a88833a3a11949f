package dev.perbench.harness.judge;

import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.JudgeScore;
import dev.perbench.metrics.stats.Bootstrap;
import dev.perbench.metrics.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.List;

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
}

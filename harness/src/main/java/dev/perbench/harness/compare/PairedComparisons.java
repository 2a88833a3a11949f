package dev.perbench.harness.compare;

import dev.perbench.data.model.Task;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.SampleMetric;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.metrics.stats.Bootstrap;
import dev.perbench.metrics.stats.PairedDifference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two runs of one benchmark sample by sample. Only the samples both runs scored are used
 * (matched by task and sample id, in A's order); each metric's difference gets a paired-bootstrap
 * interval and p-value ({@link Bootstrap#pairedRatioDifference}: the same resampled indices for
 * both runs, so what the samples share, such as their difficulty, cancels out).
 */
public final class PairedComparisons {
  private PairedComparisons() {}

  /**
   * Every task both runs have, and each of its metrics, in task order.
   *
   * @param a run A's sample scores
   * @param b run B's sample scores (of the same benchmark)
   */
  public static List<MetricComparison> compare(
      List<SampleScore> a, List<SampleScore> b, BootstrapSettings ci) {
    Map<String, SampleScore> bById = new HashMap<>(b.size() * 2);
    for (SampleScore s : b) {
      bById.put(key(s), s);
    }
    List<MetricComparison> out = new ArrayList<>();
    for (Task task : Task.values()) {
      List<SampleScore> as = new ArrayList<>();
      List<SampleScore> bs = new ArrayList<>();
      for (SampleScore s : a) {
        SampleScore other = s.task() == task ? bById.get(key(s)) : null;
        if (other != null) {
          as.add(s);
          bs.add(other);
        }
      }
      if (!as.isEmpty()) {
        for (SampleMetric m : SampleMetric.of(task)) {
          out.add(compare(task, m, as, bs, ci));
        }
      }
    }
    return out;
  }

  private static MetricComparison compare(
      Task task, SampleMetric m, List<SampleScore> as, List<SampleScore> bs, BootstrapSettings ci) {
    int n = as.size();
    double[] numA = new double[n];
    double[] denA = new double[n];
    double[] numB = new double[n];
    double[] denB = new double[n];
    int aWins = 0;
    int bWins = 0;
    for (int i = 0; i < n; i++) {
      SampleScore x = as.get(i);
      SampleScore y = bs.get(i);
      numA[i] = m.numerator(x);
      denA[i] = m.denominator(x);
      numB[i] = m.numerator(y);
      denB[i] = m.denominator(y);
      // Exact comparison on purpose: both scores come from the same code on the same sample.
      int c = Double.compare(x.score(), y.score());
      if (c > 0) {
        aWins++;
      } else if (c < 0) {
        bWins++;
      }
    }
    PairedDifference d =
        Bootstrap.pairedRatioDifference(
            numA, denA, numB, denB, ci.level(), ci.resamples(), ci.seed());
    return new MetricComparison(
        task.id(),
        m.id(),
        n,
        Bootstrap.ratioOfSums(numA, denA),
        Bootstrap.ratioOfSums(numB, denB),
        d.estimate(),
        d.lower(),
        d.upper(),
        d.pValue(),
        aWins,
        bWins,
        n - aWins - bWins);
  }

  private static String key(SampleScore s) {
    return s.task().id() + "\u0000" + s.sampleId();
  }
}

package dev.perbench.web;

import dev.perbench.data.model.Task;
import dev.perbench.harness.compare.PairedComparisons;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.MetricValue;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.harness.score.TaskResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The compare page's service: two public entries, benchmark by benchmark. Values of different
 * profiles (metric conventions) are shown but never differenced; the paired comparison needs both
 * entries' per-sample results under the same profile.
 */
public final class Comparisons {
  /**
   * The paired bootstrap the site runs: 95%, 1,000 resamples (p-values in steps of 0.002), a fixed
   * seed so a page always shows the same interval.
   */
  public static final BootstrapSettings CI = BootstrapSettings.percent95(1000, 20261127L);

  private final Leaderboards boards;
  private final SampleResults samples;

  public Comparisons(Leaderboards boards, SampleResults samples) {
    this.boards = boards;
    this.samples = samples;
  }

  /**
   * Entries {@code a} and {@code b} compared, on every benchmark or on {@code bench} only; empty
   * when either is not a public entry.
   */
  public Optional<CompareView> compare(String a, String b, String bench, Viewer viewer) {
    Optional<EntryView> ea = boards.entry(a, viewer);
    Optional<EntryView> eb = boards.entry(b, viewer);
    if (ea.isEmpty() || eb.isEmpty()) {
      return Optional.empty();
    }
    Map<String, EntryResult> ra = byBenchmark(ea.get());
    Map<String, EntryResult> rb = byBenchmark(eb.get());
    TreeSet<String> benches = new TreeSet<>(ra.keySet());
    benches.addAll(rb.keySet());
    List<CompareView.BenchmarkComparison> out = new ArrayList<>();
    for (String id : benches) {
      if (bench == null || bench.equals(id)) {
        out.add(benchmark(a, b, id, ra.get(id), rb.get(id), viewer));
      }
    }
    return Optional.of(new CompareView(ea.get(), eb.get(), out));
  }

  /** A's and B's sample scores of one benchmark's task, paired by sample (for the scatter plot). */
  public List<double[]> scatter(String a, String b, String bench, String task, Viewer viewer) {
    Map<String, SampleScore> bs = new LinkedHashMap<>();
    for (SampleScore s : samples.scores(b, bench, viewer)) {
      if (s.task().id().equals(task)) {
        bs.put(s.sampleId(), s);
      }
    }
    List<double[]> points = new ArrayList<>();
    for (SampleScore s : samples.scores(a, bench, viewer)) {
      SampleScore o = s.task().id().equals(task) ? bs.get(s.sampleId()) : null;
      if (o != null) {
        points.add(new double[] {s.score(), o.score()});
      }
    }
    return points;
  }

  private CompareView.BenchmarkComparison benchmark(
      String a, String b, String bench, EntryResult ra, EntryResult rb, Viewer viewer) {
    String pa = ra == null ? null : ra.metrics().profile();
    String pb = rb == null ? null : rb.metrics().profile();
    boolean sameProfile = pa != null && pa.equals(pb);
    List<CompareView.ValuePair> values = values(ra, rb, sameProfile);
    String note = null;
    List<dev.perbench.harness.compare.MetricComparison> paired = List.of();
    if (ra == null || rb == null) {
      note = "only " + (ra == null ? "B" : "A") + " has a result on this benchmark";
    } else if (!sameProfile) {
      note = "different profiles (" + pa + ", " + pb + "): the numbers are not comparable";
    } else {
      List<SampleScore> sa = samples.scoresForComparison(a, bench, viewer);
      List<SampleScore> sb = samples.scoresForComparison(b, bench, viewer);
      if (sa.isEmpty() || sb.isEmpty()) {
        note =
            "no paired test: "
                + (sa.isEmpty() && sb.isEmpty()
                    ? "neither entry has"
                    : sa.isEmpty() ? "A has no" : "B has no")
                + " per-sample predictions here";
      } else {
        paired = PairedComparisons.compare(sa, sb, CI);
        if (paired.isEmpty()) {
          note = "no paired test: the entries share no samples";
        }
      }
    }
    return new CompareView.BenchmarkComparison(bench, pa, pb, values, paired, note);
  }

  private static List<CompareView.ValuePair> values(
      EntryResult ra, EntryResult rb, boolean sameProfile) {
    Map<String, Double[]> pairs = new LinkedHashMap<>();
    collect(pairs, ra, 0);
    collect(pairs, rb, 1);
    List<CompareView.ValuePair> out = new ArrayList<>();
    pairs.forEach(
        (key, v) -> {
          String[] tm = key.split("\u0000");
          Double diff = sameProfile && v[0] != null && v[1] != null ? v[0] - v[1] : null;
          out.add(new CompareView.ValuePair(tm[0], tm[1], v[0], v[1], diff));
        });
    return out;
  }

  private static void collect(Map<String, Double[]> pairs, EntryResult r, int side) {
    if (r == null) {
      return;
    }
    Evaluation e = r.metrics();
    for (Map.Entry<Task, TaskResult> t : e.tasks().byTask().entrySet()) {
      for (MetricValue v : t.getValue().values()) {
        if (!v.count() && v.value() != null) {
          pairs.computeIfAbsent(t.getKey().id() + "\u0000" + v.name(), k -> new Double[2])[side] =
              v.value().doubleValue();
        }
      }
    }
  }

  private static Map<String, EntryResult> byBenchmark(EntryView e) {
    Map<String, EntryResult> m = new LinkedHashMap<>();
    for (EntryResult r : e.results()) {
      m.put(r.benchmark(), r);
    }
    return m;
  }
}

package dev.perbench.harness.check;

import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.CheckReport.SampleDrop;
import dev.perbench.harness.check.CheckReport.Side;
import dev.perbench.harness.check.GateFile.Rule;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.SampleMetric;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.metrics.stats.Bootstrap;
import dev.perbench.metrics.stats.ConfidenceInterval;
import dev.perbench.metrics.stats.PairedDifference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code perbench check}: decides each rule of a gate for a run against its baseline.
 *
 * <p>With per-sample scores on both sides, a drop rule is decided on the samples both scored by
 * {@link Bootstrap#pairedRatioDifference}: the same seeded resamples of the shared samples for both
 * runs, cIoU as a ratio of resampled sums, so what the samples share (their difficulty) cancels
 * out. Without them, it is decided on the two results' own intervals, as independent normal
 * estimates ({@link UnpairedDifference}): weaker, because that ignores the pairing. A rule fails
 * when the whole interval of the difference lies below minus the tolerance, is inconclusive (warns)
 * when the interval straddles it, and passes otherwise. Floors compare the run's estimate (or its
 * interval's lower end) with the floor.
 */
public final class RegressionCheck {
  /** The most regressed samples listed. */
  public static final int WORST_SAMPLES = 20;

  private RegressionCheck() {}

  /**
   * What to check.
   *
   * @param run the run
   * @param baseline its baseline, or null (floors only)
   * @param gate the gate, or null for the default gate (every shared metric, max_drop 0)
   * @param gateName the gate file's name for reports, or null with the default gate
   * @param allowDifferentSamples compare on the shared samples when the sample sets differ
   * @param strict inconclusive rules fail the check
   * @param harness this harness, for the report
   */
  public record Request(
      RunSide run,
      RunSide baseline,
      GateFile gate,
      String gateName,
      boolean allowDifferentSamples,
      boolean strict,
      CheckReport.Harness harness) {
    public Request {
      Objects.requireNonNull(run, "run");
      Objects.requireNonNull(harness, "harness");
    }
  }

  /**
   * Checks.
   *
   * @throws InputException when the two sides cannot be compared (other benchmark, profile, metric
   *     code or samples), or the gate does not fit them; the message says why and what to do
   */
  public static CheckReport check(Request q) {
    RunSide run = q.run();
    RunSide base = q.baseline();
    Evaluation rm = run.metrics();
    List<String> notes = new ArrayList<>();
    Comparability.refuseReported(
        "--run",
        run,
        "are not a run to check; check a harness result (from perbench run, or perbench score"
            + " --out)");
    GateFile gate = q.gate() == null ? defaultGate(run, base) : q.gate();
    if (gate.benchmark() != null && !gate.benchmark().equals(rm.benchmark())) {
      throw new InputException(
          "the gate is for "
              + gate.benchmark()
              + " but the run is of "
              + rm.benchmark()
              + "; use the gate of that benchmark");
    }
    if (gate.profile() != null && !gate.profile().equals(rm.profile())) {
      throw new InputException(
          "the gate is for profile "
              + gate.profile()
              + " but the run was scored under "
              + rm.profile()
              + "; score it again with --profile "
              + gate.profile());
    }
    String comparison = CheckReport.NONE;
    Map<Task, Shared> shared = null;
    if (base != null) {
      Comparability.require(run.metrics(), base.metrics(), base.source());
      if (run.perSample() && base.perSample()) {
        comparison = CheckReport.PAIRED;
        shared = shared(run, base, q.allowDifferentSamples(), notes);
      } else {
        comparison = CheckReport.UNPAIRED;
        notes.add(
            "unpaired: "
                + (run.perSample() ? "the baseline" : base.perSample() ? "the run" : "neither side")
                + " has "
                + (run.perSample() || base.perSample() ? "no" : "a")
                + " prediction file, so the two results' own intervals are compared,"
                + " which ignores that the samples are shared and is weaker than the paired"
                + " test");
        refuseDifferentCounts(run, base, q.allowDifferentSamples(), notes);
      }
    }
    List<RuleResult> results = new ArrayList<>();
    Verdict verdict = Verdict.PASS;
    for (int i = 0; i < gate.rules().size(); i++) {
      Rule r = gate.rules().get(i);
      RuleResult result = decide(i, r, gate.settings(r), run, base, shared);
      results.add(result);
      verdict = verdict.and(result.verdict());
    }
    GateFile.Resampling resampling =
        new GateFile.Resampling(
            gate.settings(gate.rules().get(0)).resamples(),
            gate.settings(gate.rules().get(0)).seed());
    return new CheckReport(
        CheckReport.VERSION,
        verdict,
        q.strict(),
        rm.benchmark(),
        rm.profile(),
        side(run),
        base == null ? null : side(base),
        comparison,
        shared == null ? null : counts(shared),
        q.allowDifferentSamples(),
        notes,
        q.gate() == null ? "default" : q.gateName(),
        resampling,
        results,
        shared == null ? List.of() : worst(shared),
        q.harness());
  }

  /** Every metric with a per-sample form that both sides have, with max_drop 0 at 95%. */
  static GateFile defaultGate(RunSide run, RunSide base) {
    if (base == null) {
      throw new InputException(
          "nothing to check: give --baseline (the default gate compares every metric with it) or"
              + " a --gate with floors (min)");
    }
    List<Rule> rules = new ArrayList<>();
    for (Task t : run.metrics().tasks().byTask().keySet()) {
      for (SampleMetric m : SampleMetric.of(t)) {
        MetricName name = new MetricName(t, m.id());
        if (run.value(name) != null && base.value(name) != null) {
          rules.add(new Rule(name.toString(), 0.0, null, null, null, null));
        }
      }
    }
    if (rules.isEmpty()) {
      throw new InputException(
          "the run and the baseline share no metric to compare (run: "
              + run.metrics().tasks().byTask().keySet()
              + ", baseline: "
              + base.metrics().tasks().byTask().keySet()
              + ")");
    }
    return new GateFile(null, null, null, rules);
  }

  /** The samples both sides scored, by task, in the run's order. */
  private static Map<Task, Shared> shared(
      RunSide run, RunSide base, boolean allow, List<String> notes) {
    Map<String, SampleScore> byKey = new HashMap<>(base.samples().size() * 2);
    for (SampleScore s : base.samples()) {
      byKey.put(key(s), s);
    }
    Map<Task, Shared> out = new EnumMap<>(Task.class);
    int matched = 0;
    for (SampleScore s : run.samples()) {
      SampleScore b = byKey.get(key(s));
      if (b != null) {
        out.computeIfAbsent(s.task(), t -> new Shared(new ArrayList<>(), new ArrayList<>()));
        out.get(s.task()).run().add(s);
        out.get(s.task()).base().add(b);
        matched++;
      }
    }
    int onlyRun = run.samples().size() - matched;
    int onlyBase = base.samples().size() - matched;
    if (onlyRun > 0 || onlyBase > 0) {
      String what =
          "the run scored "
              + run.samples().size()
              + " samples and the baseline "
              + base.samples().size()
              + "; "
              + matched
              + " are shared ("
              + onlyRun
              + " only in the run, "
              + onlyBase
              + " only in the baseline)";
      if (!allow) {
        throw new InputException(
            "different sample sets: "
                + what
                + hint(run, base)
                + ". Compare on the shared samples only with --allow-different-samples");
      }
      if (matched == 0) {
        throw new InputException("no sample in common: " + what);
      }
      notes.add("--allow-different-samples: " + what + "; only the shared ones are compared");
    }
    return out;
  }

  /** Without per-sample scores, the sample sets can only be compared by their counts. */
  private static void refuseDifferentCounts(
      RunSide run, RunSide base, boolean allow, List<String> notes) {
    List<String> differ = new ArrayList<>();
    for (Task t : Task.values()) {
      Long a = run.n(t);
      Long b = base.n(t);
      if (a != null && b != null && !a.equals(b)) {
        differ.add(t.id() + ": " + a + " vs " + b);
      }
    }
    if (!differ.isEmpty()) {
      String what = "the sample counts differ (" + String.join(", ", differ) + ")";
      if (!allow) {
        throw new InputException(
            "different sample sets: "
                + what
                + hint(run, base)
                + ". Compare anyway with --allow-different-samples");
      }
      notes.add(
          "--allow-different-samples: "
              + what
              + "; without per-sample scores the results are compared as they are");
    }
  }

  private static String hint(RunSide run, RunSide base) {
    List<String> h = new ArrayList<>();
    for (RunSide s : List.of(run, base)) {
      String who = s == run ? "the run" : "the baseline";
      if (s.manifest() != null && s.manifest().limit() != null) {
        h.add(who + " is a --limit " + s.manifest().limit() + " run");
      }
      if (s.manifest() != null && !"0/1".equals(s.manifest().shard())) {
        h.add(who + " is shard " + s.manifest().shard() + " (merge the shards first)");
      }
    }
    return h.isEmpty() ? "" : " (" + String.join("; ", h) + ")";
  }

  private static RuleResult decide(
      int index,
      Rule r,
      BootstrapSettings ci,
      RunSide run,
      RunSide base,
      Map<Task, Shared> shared) {
    MetricName m = r.name();
    String where = "gate rule " + (index + 1) + " (" + m + ")";
    Double runValue = run.value(m);
    if (runValue == null) {
      throw new InputException(
          where
              + ": the run has no "
              + m
              + " (it has "
              + run.metrics().tasks().byTask().keySet()
              + ")");
    }
    if (r.min() != null) {
      return Floors.decide(where, r, ci, run, m, runValue);
    }
    if (base == null) {
      throw new InputException(
          where
              + ": a drop rule needs a baseline; give --baseline (a run folder, an entry or a"
              + " metrics.json)");
    }
    Double baseValue = base.value(m);
    if (baseValue == null) {
      throw new InputException(where + ": the baseline has no " + m);
    }
    SampleMetric sm = m.sampleMetric().orElseThrow();
    if (shared != null) {
      Shared s = shared.get(m.task());
      if (s == null) {
        throw new InputException(
            where + ": the run and the baseline share no " + m.task().id() + " sample");
      }
      return paired(r, ci, sm, s);
    }
    return UnpairedDifference.decide(where, r, ci, run, base, m, runValue, baseValue);
  }

  private static RuleResult paired(Rule r, BootstrapSettings ci, SampleMetric sm, Shared s) {
    return pairedRule(r, ci, sm, s.run(), s.base());
  }

  /**
   * A drop rule decided by the paired bootstrap, exactly as {@link #check} decides it: {@code run}
   * and {@code base} are the two sides' scores of the same samples, index by index (the simulations
   * of {@code perbench bench check} call this).
   */
  public static RuleResult pairedRule(
      Rule r,
      BootstrapSettings ci,
      SampleMetric sm,
      List<SampleScore> run,
      List<SampleScore> base) {
    if (run.size() != base.size() || run.isEmpty()) {
      throw new IllegalArgumentException(
          "paired scores: " + run.size() + " in the run, " + base.size() + " in the baseline");
    }
    Shared s = new Shared(run, base);
    int n = s.run().size();
    double[] numA = new double[n];
    double[] denA = new double[n];
    double[] numB = new double[n];
    double[] denB = new double[n];
    for (int i = 0; i < n; i++) {
      numA[i] = sm.numerator(s.run().get(i));
      denA[i] = sm.denominator(s.run().get(i));
      numB[i] = sm.numerator(s.base().get(i));
      denB[i] = sm.denominator(s.base().get(i));
    }
    PairedDifference d =
        Bootstrap.pairedRatioDifference(
            numA, denA, numB, denB, ci.level(), ci.resamples(), ci.seed());
    double runValue = Bootstrap.ratioOfSums(numA, denA);
    double baseValue = Bootstrap.ratioOfSums(numB, denB);
    return DropDecision.of(
        r,
        "paired bootstrap",
        baseValue,
        runValue,
        d.estimate(),
        d.lower(),
        d.upper(),
        d.pValue(),
        n);
  }

  /** The run's own interval of a metric from its per-sample scores, at the rule's level. */
  static ConfidenceInterval ownInterval(RunSide run, MetricName m, BootstrapSettings ci) {
    SampleMetric sm = m.sampleMetric().orElseThrow();
    List<SampleScore> of = run.samples().stream().filter(s -> s.task() == m.task()).toList();
    double[] num = new double[of.size()];
    double[] den = new double[of.size()];
    for (int i = 0; i < of.size(); i++) {
      num[i] = sm.numerator(of.get(i));
      den[i] = sm.denominator(of.get(i));
    }
    return Bootstrap.ratioOfSums(num, den, ci.level(), ci.resamples(), ci.seed());
  }

  private static List<SampleDrop> worst(Map<Task, Shared> shared) {
    List<SampleDrop> drops = new ArrayList<>();
    for (Map.Entry<Task, Shared> e : shared.entrySet()) {
      Shared s = e.getValue();
      for (int i = 0; i < s.run().size(); i++) {
        double b = s.base().get(i).score();
        double a = s.run().get(i).score();
        if (a < b) {
          drops.add(new SampleDrop(e.getKey().id(), s.run().get(i).sampleId(), b, a, b - a));
        }
      }
    }
    drops.sort(
        Comparator.comparingDouble(SampleDrop::drop)
            .reversed()
            .thenComparing(SampleDrop::task)
            .thenComparing(SampleDrop::sampleId));
    return drops.size() > WORST_SAMPLES ? drops.subList(0, WORST_SAMPLES) : drops;
  }

  private static Map<String, Integer> counts(Map<Task, Shared> shared) {
    Map<String, Integer> out = new LinkedHashMap<>();
    shared.forEach((t, s) -> out.put(t.id(), s.run().size()));
    return out;
  }

  private static Side side(RunSide s) {
    Evaluation e = s.metrics();
    return new Side(
        s.source(),
        s.kind(),
        s.perSample(),
        e.n(),
        e.metricsVersion(),
        s.manifest() == null ? null : s.manifest().harness().version());
  }

  private static String key(SampleScore s) {
    return s.task().id() + "\u0000" + s.sampleId();
  }

  /** The shared samples of one task: the run's and the baseline's scores, index by index. */
  private record Shared(List<SampleScore> run, List<SampleScore> base) {}
}

package dev.perbench.bench;

import dev.perbench.data.model.Task;
import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.GateFile;
import dev.perbench.harness.check.RegressionCheck;
import dev.perbench.harness.check.Verdict;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.SampleMetric;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.metrics.stats.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code perbench bench check}: how often the paired drop rule of {@code perbench check} is wrong,
 * by simulation. Each trial draws a synthetic baseline and a run of the same samples, decides the
 * rule with {@link RegressionCheck#pairedRule} (the code {@code perbench check} runs) and counts
 * the verdicts; with no injected drop a failure is a false positive, with a drop beyond the
 * tolerance a verdict other than a failure is a false negative.
 *
 * <p>The model: each sample has a latent quality. For {@code res.ciou} it is an IoU-like q ~
 * Beta(2.5, 1.5) with a union of exp(N(8, 1)) pixels (rounded, at least 1); the baseline's IoU is
 * clip(q + N(0, 0.1)), the run's clip(q + N(0, 0.1) - delta) with noise of its own, and the
 * intersection is the IoU times the union (rounded to pixels). For {@code mcq.accuracy} it is a
 * probability p ~ Beta(4, 1.5) of a right answer; the baseline is right when U &lt; p, the run when
 * U' &lt; p - delta, U and U' independent uniforms. Clipping at 0 and 1 (and p - delta below 0)
 * shaves the injected drop, so the realised drop of the metric is reported beside the nominal one.
 *
 * <p>Reproducible: every trial's data come from a {@link SplitMix64} stream keyed by the seed, the
 * metric, n and the trial's number, so a cell's trials do not depend on the rest of the grid or on
 * the threads. The drops of one trial share its latent qualities and noise (common random numbers),
 * so the columns differ by the drop alone. The bootstrap uses seed 0, as a gate without a {@code
 * bootstrap} section does, so the rates are those a user of the default seed meets.
 */
public final class CheckSimulation {
  /** The defaults of {@code perbench bench check}. */
  public static final int DEFAULT_TRIALS = 200;

  public static final int DEFAULT_RESAMPLES = 2_000;
  public static final long DEFAULT_SEED = 1;
  public static final List<Integer> DEFAULT_SIZES = List.of(300, 3_000);
  public static final List<Double> DEFAULT_DROPS = List.of(0.0, 1.0, 2.0, 5.0);
  public static final List<Double> DEFAULT_MAX_DROPS = List.of(0.0, 1.0);
  public static final double DEFAULT_CONFIDENCE = 0.95;

  /** The per-sample noise of a run around its latent quality (IoU, as a fraction). */
  static final double NOISE = 0.10;

  /** The bootstrap's seed: a gate's default (GateFile.Resampling without a seed). */
  static final long BOOTSTRAP_SEED = 0;

  /** How often progress is reported. */
  private static final long PROGRESS_MILLIS = 2_000;

  /** z of a two-sided 95% interval, for the Wilson interval of the fail share. */
  private static final double Z95 = 1.959963984540054;

  private CheckSimulation() {}

  /** The metrics simulated. */
  public enum Metric {
    RES_CIOU("res.ciou", Task.RES, SampleMetric.CIOU, 1),
    MCQ_ACCURACY("mcq.accuracy", Task.MCQ, SampleMetric.ACCURACY, 2);

    private final String id;
    private final Task task;
    private final SampleMetric sampleMetric;
    // a fixed key for the random streams, so that reordering the enum keeps every trial's data
    private final int key;

    Metric(String id, Task task, SampleMetric sampleMetric, int key) {
      this.id = id;
      this.task = task;
      this.sampleMetric = sampleMetric;
      this.key = key;
    }

    /** The metric as a gate names it. */
    public String id() {
      return id;
    }
  }

  /**
   * What to simulate.
   *
   * @param metrics the metrics
   * @param sizes the shared samples of each trial (n)
   * @param drops the injected drops, in points (0: a rerun of identical quality)
   * @param maxDrops the gates' tolerances ({@code max_drop}), in points
   * @param confidence the rules' confidence
   * @param trials trials per cell
   * @param resamples bootstrap resamples per check
   * @param seed the data's seed
   * @param threads threads that run trials (the results do not depend on it)
   */
  public record Settings(
      List<Metric> metrics,
      List<Integer> sizes,
      List<Double> drops,
      List<Double> maxDrops,
      double confidence,
      int trials,
      int resamples,
      long seed,
      int threads) {
    public Settings {
      metrics = List.copyOf(metrics);
      sizes = List.copyOf(sizes);
      drops = List.copyOf(drops);
      maxDrops = List.copyOf(maxDrops);
      if (metrics.isEmpty() || sizes.isEmpty() || drops.isEmpty() || maxDrops.isEmpty()) {
        throw new IllegalArgumentException("an empty grid");
      }
      for (int n : sizes) {
        if (n < 1) {
          throw new IllegalArgumentException("n must be 1 or more, not " + n);
        }
      }
      for (double d : drops) {
        if (!(d >= 0 && d <= 100)) {
          throw new IllegalArgumentException("a drop must be 0 to 100 points, not " + d);
        }
      }
      if (trials < 1 || threads < 1) {
        throw new IllegalArgumentException("trials and threads must be 1 or more");
      }
      // the rules and the bootstrap check the rest (max_drop, confidence, resamples)
      new BootstrapSettings(confidence, resamples, BOOTSTRAP_SEED);
      for (double m : maxDrops) {
        rule(Metric.RES_CIOU, m, confidence);
      }
    }

    /** The default grid with these trials, resamples, seed and threads. */
    public static Settings defaults(int trials, int resamples, long seed, int threads) {
      return new Settings(
          List.of(Metric.values()),
          DEFAULT_SIZES,
          DEFAULT_DROPS,
          DEFAULT_MAX_DROPS,
          DEFAULT_CONFIDENCE,
          trials,
          resamples,
          seed,
          threads);
    }
  }

  /**
   * One cell of the grid.
   *
   * @param realisedDrop the baseline's value minus the run's, averaged over the trials, in points
   */
  public record Cell(
      Metric metric,
      int n,
      double drop,
      double maxDrop,
      int trials,
      int fail,
      int warn,
      int pass,
      double realisedDrop) {
    public double failShare() {
      return (double) fail / trials;
    }

    /** The 95% Wilson interval of the fail share: the simulation's own uncertainty. */
    public double[] failInterval() {
      return wilson(fail, trials);
    }

    /**
     * Whether a failure here is a false positive: the injected drop is within the tolerance (a drop
     * at the tolerance is not "beyond" it). Otherwise anything but a failure is a false negative.
     */
    public boolean failIsFalsePositive() {
      return drop <= maxDrop;
    }

    /** The error rate: the fail share for a false positive, else one minus it. */
    public double errorRate() {
      return failIsFalsePositive() ? failShare() : 1 - failShare();
    }
  }

  /**
   * What a simulation found.
   *
   * @param seconds its wall time
   * @param cpuSeconds the CPU time this process used meanwhile (NaN when unknown): beside the wall
   *     time, it tells a run on a busy machine from a slow one
   * @param checks the rules decided
   */
  public record Result(
      Settings settings, List<Cell> cells, double seconds, double cpuSeconds, long checks) {}

  /**
   * Runs the grid.
   *
   * @param progress receives a progress line every couple of seconds (checks done, rate, ETA)
   */
  public static Result run(Settings s, Consumer<String> progress) {
    Objects.requireNonNull(progress, "progress");
    long start = System.nanoTime();
    double cpu0 = HttpLoad.cpu(ProcessHandle.current());
    List<Unit> units = new ArrayList<>();
    for (Metric m : s.metrics()) {
      for (int n : s.sizes()) {
        for (int t = 0; t < s.trials(); t++) {
          units.add(new Unit(m, n, t));
        }
      }
    }
    int checksPerUnit = s.drops().size() * s.maxDrops().size();
    long totalChecks = (long) units.size() * checksPerUnit;
    // a check costs about n * resamples, so the ETA weighs each by its n
    long totalWork = 0;
    for (Unit u : units) {
      totalWork += (long) u.n() * checksPerUnit;
    }
    Counter counter = new Counter(totalChecks, totalWork, start);
    ExecutorService pool = Executors.newFixedThreadPool(s.threads(), CheckSimulation::daemon);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r));
    timer.scheduleAtFixedRate(
        () -> progress.accept(counter.line()),
        PROGRESS_MILLIS,
        PROGRESS_MILLIS,
        TimeUnit.MILLISECONDS);
    List<UnitResult> results = new ArrayList<>(units.size());
    try {
      List<Future<UnitResult>> futures = new ArrayList<>(units.size());
      for (Unit u : units) {
        futures.add(pool.submit(() -> trial(s, u, counter)));
      }
      for (Future<UnitResult> f : futures) {
        results.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a trial failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      timer.shutdownNow();
    }
    return new Result(
        s,
        cells(s, units, results),
        (System.nanoTime() - start) / 1e9,
        HttpLoad.cpu(ProcessHandle.current()) - cpu0,
        counter.checks.get());
  }

  /** Adds the trials up by cell, in the grid's order (metric, n, drop, max_drop). */
  private static List<Cell> cells(Settings s, List<Unit> units, List<UnitResult> results) {
    List<Cell> cells = new ArrayList<>();
    for (Metric m : s.metrics()) {
      for (int n : s.sizes()) {
        for (int d = 0; d < s.drops().size(); d++) {
          double realised = 0;
          int[][] counts = new int[s.maxDrops().size()][Verdict.values().length];
          for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            if (u.metric() == m && u.n() == n) {
              UnitResult r = results.get(i);
              realised += r.realisedDrop()[d];
              for (int g = 0; g < s.maxDrops().size(); g++) {
                counts[g][r.verdicts()[d][g].ordinal()]++;
              }
            }
          }
          for (int g = 0; g < s.maxDrops().size(); g++) {
            cells.add(
                new Cell(
                    m,
                    n,
                    s.drops().get(d),
                    s.maxDrops().get(g),
                    s.trials(),
                    counts[g][Verdict.FAIL.ordinal()],
                    counts[g][Verdict.WARN.ordinal()],
                    counts[g][Verdict.PASS.ordinal()],
                    realised / s.trials()));
          }
        }
      }
    }
    return cells;
  }

  /** One trial: its data, then every drop under every gate. */
  private static UnitResult trial(Settings s, Unit u, Counter counter) {
    SplitMix64 rng = new SplitMix64(streamSeed(s.seed(), u.metric().key, u.n(), u.trial()));
    Sides sides =
        u.metric() == Metric.RES_CIOU ? resSides(rng, u.n(), s.drops()) : mcqSides(rng, u.n(), s);
    BootstrapSettings ci = new BootstrapSettings(s.confidence(), s.resamples(), BOOTSTRAP_SEED);
    Verdict[][] verdicts = new Verdict[s.drops().size()][s.maxDrops().size()];
    double[] realised = new double[s.drops().size()];
    for (int d = 0; d < s.drops().size(); d++) {
      for (int g = 0; g < s.maxDrops().size(); g++) {
        GateFile.Rule rule = rule(u.metric(), s.maxDrops().get(g), s.confidence());
        RuleResult r =
            RegressionCheck.pairedRule(
                rule, ci, u.metric().sampleMetric, sides.runs().get(d), sides.base());
        verdicts[d][g] = r.verdict();
        realised[d] = -100 * r.difference();
        counter.done(u.n());
      }
    }
    return new UnitResult(verdicts, realised);
  }

  static GateFile.Rule rule(Metric m, double maxDrop, double confidence) {
    return new GateFile.Rule(m.id(), maxDrop, null, null, null, confidence);
  }

  /** The baseline and one run per drop, of res samples (one target each). */
  static Sides resSides(SplitMix64 rng, int n, List<Double> drops) {
    List<SampleScore> base = new ArrayList<>(n);
    List<List<SampleScore>> runs = new ArrayList<>();
    for (int d = 0; d < drops.size(); d++) {
      runs.add(new ArrayList<>(n));
    }
    for (int i = 0; i < n; i++) {
      double q = beta(rng, 2.5, 1.5);
      double union = Math.max(1, Math.rint(Math.exp(8 + normal(rng))));
      double baseNoise = NOISE * normal(rng);
      double runNoise = NOISE * normal(rng);
      String id = Integer.toString(i);
      base.add(resSample(id, clip(q + baseNoise), union));
      for (int d = 0; d < drops.size(); d++) {
        runs.get(d).add(resSample(id, clip(q + runNoise - drops.get(d) / 100), union));
      }
    }
    return new Sides(base, runs);
  }

  private static SampleScore resSample(String id, double iou, double union) {
    double intersection = Math.rint(iou * union);
    double own = intersection / union;
    return new SampleScore(id, Task.RES, SampleScore.OK, own, 1, own, intersection, union, null);
  }

  /** The baseline and one run per drop, of mcq samples (1 right, 0 wrong). */
  static Sides mcqSides(SplitMix64 rng, int n, Settings s) {
    List<SampleScore> base = new ArrayList<>(n);
    List<List<SampleScore>> runs = new ArrayList<>();
    for (int d = 0; d < s.drops().size(); d++) {
      runs.add(new ArrayList<>(n));
    }
    for (int i = 0; i < n; i++) {
      double p = beta(rng, 4, 1.5);
      double baseDraw = rng.nextDouble();
      double runDraw = rng.nextDouble();
      String id = Integer.toString(i);
      base.add(mcqSample(id, baseDraw < p));
      for (int d = 0; d < s.drops().size(); d++) {
        // runDraw < p - delta is Bernoulli(max(0, p - delta)), coupled to the rerun's draw
        runs.get(d).add(mcqSample(id, runDraw < p - s.drops().get(d) / 100));
      }
    }
    return new Sides(base, runs);
  }

  private static SampleScore mcqSample(String id, boolean right) {
    double score = right ? 1 : 0;
    return new SampleScore(id, Task.MCQ, SampleScore.OK, score, 1, 0, 0, 0, null);
  }

  private static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /**
   * The seed of one trial's stream: the seed and the keys folded through SplitMix64's output
   * function, so that neighbouring trials get unrelated streams (seeds that differ by a multiple of
   * the generator's increment would otherwise run the same sequence shifted).
   */
  static long streamSeed(long seed, long... keys) {
    long h = new SplitMix64(seed).nextLong();
    for (long k : keys) {
      h = new SplitMix64(h ^ k).nextLong();
    }
    return h;
  }

  /** A standard normal by Box-Muller (the cosine half only: simple and exactly reproducible). */
  static double normal(SplitMix64 rng) {
    double u1 = 1 - rng.nextDouble(); // in (0, 1], so the logarithm is finite
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Gamma(shape, 1) for shape at least 1, by Marsaglia and Tsang's method. */
  static double gamma(SplitMix64 rng, double shape) {
    if (!(shape >= 1)) {
      throw new IllegalArgumentException("shape must be at least 1, not " + shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = normal(rng);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** Beta(a, b) as X / (X + Y) of two gammas. */
  static double beta(SplitMix64 rng, double a, double b) {
    double x = gamma(rng, a);
    double y = gamma(rng, b);
    return x / (x + y);
  }

  /** The 95% Wilson score interval of k successes in n trials, {lower, upper}. */
  public static double[] wilson(int k, int n) {
    double p = (double) k / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /**
   * The results as Markdown: a sentence on the settings, then the table. Nothing in it depends on
   * the time or the threads, so the same settings give the same text.
   */
  public static String table(Result r) {
    Settings s = r.settings();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Paired drop rules of `perbench check` (%s%% confidence) on simulated runs: %,d trials"
                + " per cell, %,d bootstrap resamples (seed %d), data seed %d. Drops in points;"
                + " realised drop: baseline minus run, averaged over the trials. Error: for a drop"
                + " within max_drop, a failure is a false positive (FP = fail); beyond it,"
                + " anything but a failure is a false negative (FN = 100%% - fail). Fail CI: 95%%"
                + " Wilson interval of the fail share over the trials.%n%n",
            plain(100 * s.confidence()),
            s.trials(),
            s.resamples(),
            BOOTSTRAP_SEED,
            s.seed()));
    b.append(
        "| metric | n | drop | realised drop | max_drop | fail | fail 95% CI | warn | pass |"
            + " error |\n");
    b.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
    for (Cell c : r.cells()) {
      double[] ci = c.failInterval();
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %.2f | %s | %s | %s to %s | %s | %s | %s %s |%n",
              c.metric().id(),
              c.n(),
              plain(c.drop()),
              c.realisedDrop(),
              plain(c.maxDrop()),
              percent(c.failShare()),
              percent(ci[0]),
              percent(ci[1]),
              percent((double) c.warn() / c.trials()),
              percent((double) c.pass() / c.trials()),
              c.failIsFalsePositive() ? "FP" : "FN",
              percent(c.errorRate())));
    }
    return b.toString();
  }

  /** The command line that reproduces these settings' default grid. */
  public static String command(Settings s) {
    return String.format(
        Locale.ROOT,
        "bin/perbench bench check --trials %d --resamples %d --seed %d",
        s.trials(),
        s.resamples(),
        s.seed());
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "perbench-check-simulation");
    t.setDaemon(true);
    return t;
  }

  private record Unit(Metric metric, int n, int trial) {}

  private record UnitResult(Verdict[][] verdicts, double[] realisedDrop) {}

  /** The baseline's samples and, per drop, the run's, index by index. */
  record Sides(List<SampleScore> base, List<List<SampleScore>> runs) {}

  /** Checks done, and their work (n each), for the progress line. */
  private static final class Counter {
    final AtomicLong checks = new AtomicLong();
    final AtomicLong work = new AtomicLong();
    final long totalChecks;
    final long totalWork;
    final long start;

    Counter(long totalChecks, long totalWork, long start) {
      this.totalChecks = totalChecks;
      this.totalWork = totalWork;
      this.start = start;
    }

    void done(int n) {
      checks.incrementAndGet();
      work.addAndGet(n);
    }

    String line() {
      double seconds = (System.nanoTime() - start) / 1e9;
      long c = checks.get();
      double share = (double) work.get() / totalWork;
      long eta = share > 0 ? Math.round(seconds * (1 - share) / share) : -1;
      return String.format(
          Locale.ROOT,
          "  %,d/%,d checks (%.1f%% of the work), %.1f checks/s, ETA %s",
          c,
          totalChecks,
          100 * share,
          c / Math.max(seconds, 1e-9),
          eta < 0
              ? "?"
              : String.format(Locale.ROOT, "%d:%02d:%02d", eta / 3600, eta / 60 % 60, eta % 60));
    }
  }
}

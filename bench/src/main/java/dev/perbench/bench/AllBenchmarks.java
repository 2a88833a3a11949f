package dev.perbench.bench;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.harness.json.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Every benchmark behind a figure of the README's Performance section, each started as the command
 * a user types (a process of its own, {@link Launcher}), its figures read back from its {@code
 * --json} file: the README's table, each row with its spread and its command.
 *
 * <p>Whole-process figures (start-up, {@code mask eval}, {@code demo}) are wall-clock times of
 * processes; the others are what the commands print, so that a row and its command agree. Runs of
 * two things compared (mask eval and the pycocotools loop) alternate, so that a change of load on a
 * shared machine touches both alike.
 */
public final class AllBenchmarks {
  /** One figure. {@code unit}: "s", "x" (a ratio), "MB" or a rate such as "samples/s". */
  public record Row(String figure, String unit, Spread spread, String command, String note) {}

  /** What {@code bench all --json} writes. */
  public record Result(boolean quick, List<Row> rows) {
    public Result {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Sizes and repetitions.
   *
   * @param startupRuns measured start-ups of each of --version and --help (after one more)
   * @param processRuns measured processes of score and data (after one more) and of masks (each
   *     warms up itself)
   * @param evalRuns measured mask eval processes (after one more), alternating with the loop
   * @param demoRuns measured demo processes (after one more when not quick)
   */
  public record Plan(
      boolean quick,
      int startupRuns,
      int processRuns,
      int harnessScenes,
      int harnessRuns,
      int scoreSamples,
      List<String> masksArgs,
      List<String> dataArgs,
      int evalPairs,
      int evalRuns,
      int demoRuns) {
    /** The README's sizes; about 10 minutes on 2 idle cores. */
    public static final Plan FULL =
        new Plan(
            false,
            10,
            3,
            2000,
            3,
            60_000,
            List.of("--pairs", "1000", "--seconds", "3", "--warmup", "2"),
            List.of(),
            60_000,
            5,
            5);

    /** Small sizes, one or two runs each: about a minute, to check that everything runs. */
    public static final Plan QUICK =
        new Plan(
            true,
            3,
            2,
            30,
            2,
            1000,
            List.of("--pairs", "50", "--seconds", "0.1", "--warmup", "0.1"),
            List.of(
                "--annotations",
                "500",
                "--sentences",
                "1400",
                "--extra-annotations",
                "1400",
                "--runs",
                "2"),
            1000,
            2,
            1);

    int warmups() {
      return quick ? 0 : 1;
    }
  }

  private static final long TIMEOUT_SECONDS = 900;

  private final Launcher launcher;
  private final Plan plan;
  private final String python;
  private final Path work;
  private final Consumer<String> progress;
  private final List<Row> rows = new ArrayList<>();
  private int logs;

  /**
   * @param python a Python that can import pycocotools, or null: the ratio is then not measured
   * @param work a scratch folder (logs, JSON files, generated pairs, demo run folders)
   */
  public AllBenchmarks(
      Launcher launcher, Plan plan, String python, Path work, Consumer<String> progress) {
    this.launcher = launcher;
    this.plan = plan;
    this.python = python;
    this.work = work;
    this.progress = progress;
  }

  /** Runs everything, in the README's order; the rows. */
  public List<Row> run() throws IOException, InterruptedException {
    startup();
    harness();
    score();
    masks();
    maskEval();
    data();
    demo();
    return List.copyOf(rows);
  }

  private void startup() throws IOException, InterruptedException {
    progress.accept("start-up: --version and --help, alternating");
    Launcher.Command version = Launcher.Command.of("--version");
    Launcher.Command help = Launcher.Command.of("--help");
    List<Double> v = new ArrayList<>();
    List<Double> h = new ArrayList<>();
    for (int i = 0; i < 1 + plan.startupRuns(); i++) {
      double tv = time(version);
      double th = time(help);
      if (i > 0) {
        v.add(tv);
        h.add(th);
      }
    }
    add("start-up: `bin/perbench --version` (whole process)", "s", v, version, "");
    add("start-up: `bin/perbench --help` (whole process)", "s", h, help, "");
  }

  private void harness() throws IOException, InterruptedException {
    progress.accept("bench harness");
    Launcher.Command c =
        Launcher.Command.of(
            "bench",
            "harness",
            "--scenes",
            Integer.toString(plan.harnessScenes()),
            "--runs",
            Integer.toString(plan.harnessRuns()),
            "--warmup-runs",
            "1");
    HarnessBenchmark.Result r = once(c, HarnessBenchmark.Result.class);
    String note = String.format(Locale.ROOT, "%,d samples, concurrency 16", r.samples());
    rows.add(row("bench harness: HTTP model server, samples/s", "samples/s", r.http(), c, note));
    rows.add(
        row(
            "bench harness: in-process model, samples/s",
            "samples/s",
            r.inProcess(),
            c,
            "the runner's own ceiling"));
  }

  private void score() throws IOException, InterruptedException {
    progress.accept("bench score");
    boolean withPython = python != null && pycocotools();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--samples",
                Integer.toString(plan.scoreSamples()),
                "--runs",
                Integer.toString(plan.quick() ? 2 : 5)));
    if (withPython) {
      args.addAll(List.of("--python", python));
    }
    Launcher.Command c = bench("score", args);
    ScoreBenchmark.Report report = once(c, ScoreBenchmark.Report.class);
    ScoreBenchmark.Result r = report.harness();
    String note =
        String.format(
            Locale.ROOT, "%,d predictions; median of the runs after a warm-up", r.samples());
    Spread harness =
        new Spread(
            r.harnessSeconds(), r.harnessMinSeconds(), r.harnessMaxSeconds(), r.harnessRuns());
    rows.add(row("bench score: harness (validate + score), s", "s", harness, c, note));
    rows.add(
        row(
            "bench score: decode every mask (baseline), s",
            "s",
            Spread.of(List.of(r.denseSeconds())),
            c,
            "one run"));
    rows.add(
        row(
            "bench score: baseline / harness",
            "x",
            Spread.of(List.of(r.denseSeconds() / r.harnessSeconds())),
            c,
            "against the harness's median"));
    ScoreBenchmark.PycocotoolsResult py = report.pycocotools();
    if (py != null) {
      rows.add(
          row(
              "bench score: pycocotools script, scoring the same file, s",
              "s",
              new Spread(py.scoreSeconds(), py.scoreMinSeconds(), py.scoreMaxSeconds(), py.runs()),
              c,
              "score_pycocotools_loop.py, its benchmark loaded first; median run after one more"));
      rows.add(
          row(
              "bench score: pycocotools script / harness, wall",
              "x",
              Spread.of(List.of(py.scoreSeconds() / r.harnessSeconds())),
              c,
              "the two medians"));
      rows.add(
          row(
              "bench score: harness / pycocotools script, CPU time",
              "x",
              Spread.of(List.of(r.harnessCpuSeconds() / py.scoreCpuSeconds())),
              c,
              "the two median runs"));
    } else {
      rows.add(
          new Row(
              "bench score: pycocotools script / harness, wall",
              "x",
              null,
              c.display(),
              "pycocotools not available, ratio not measured"));
    }
  }

  private void masks() throws IOException, InterruptedException {
    progress.accept("bench masks");
    Launcher.Command c = bench("masks", plan.masksArgs());
    // each process warms up before it measures (--warmup)
    List<MaskBenchmark.Result> results = repeat(c, MaskBenchmark.Result.class, 0);
    int ops = results.get(0).rows().size();
    for (int i = 0; i < ops; i++) {
      final int op = i;
      String name = results.get(0).rows().get(op).operation();
      add(
          "bench masks: " + name + ", run-length ops/s",
          "ops/s",
          results,
          r -> r.rows().get(op).rlePerSecond(),
          c,
          "");
      add(
          "bench masks: " + name + ", dense baseline ops/s",
          "ops/s",
          results,
          r -> r.rows().get(op).densePerSecond(),
          c,
          "");
      add(
          "bench masks: " + name + ", run-length / dense",
          "x",
          results,
          r -> r.rows().get(op).speedup(),
          c,
          "");
    }
  }

  private void maskEval() throws IOException, InterruptedException {
    Path pairs = work.resolve("pairs.jsonl");
    Launcher.Command make =
        Launcher.Command.of(
            "bench",
            "make-pairs",
            "--count",
            Integer.toString(plan.evalPairs()),
            "--seed",
            "3",
            "--out",
            pairs.toString());
    progress.accept("mask eval: " + make.display());
    time(make);
    Launcher.Command eval = Launcher.Command.of("mask", "eval", "--pairs", pairs.toString());
    String loop =
        launcher.home().resolve("metrics/src/test/python/eval_pycocotools_loop.py").toString();
    boolean withPython = python != null && pycocotools();
    List<Double> evals = new ArrayList<>();
    List<Double> loops = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    progress.accept(
        "mask eval" + (withPython ? ", alternating with the pycocotools loop" : "") + " ...");
    for (int i = 0; i < 1 + plan.evalRuns(); i++) {
      double te = time(eval);
      double tl = withPython ? timePython(loop, pairs) : Double.NaN;
      if (i > 0) {
        evals.add(te);
        if (withPython) {
          loops.add(tl);
          ratios.add(tl / te);
        }
      }
    }
    String note =
        String.format(
            Locale.ROOT,
            "%,d pairs made by `%s`",
            plan.evalPairs(),
            make.display().replace(pairs.toString(), "pairs.jsonl"));
    String evalCommand = eval.display().replace(pairs.toString(), "pairs.jsonl");
    rows.add(
        new Row(
            "mask eval: " + plan.evalPairs() + " pairs, wall (whole process)",
            "s",
            Spread.of(evals),
            evalCommand,
            note));
    String loopCommand = "python metrics/src/test/python/eval_pycocotools_loop.py pairs.jsonl";
    if (withPython) {
      rows.add(
          new Row(
              "pycocotools loop: the same pairs, wall (whole process)",
              "s",
              Spread.of(loops),
              loopCommand,
              "runs alternate with mask eval's"));
      rows.add(
          new Row(
              "pycocotools loop / mask eval, wall",
              "x",
              Spread.of(ratios),
              evalCommand + " and " + loopCommand,
              "each alternating pair's own ratio"));
    } else {
      rows.add(
          new Row(
              "pycocotools loop / mask eval, wall",
              "x",
              null,
              "bin/perbench bench all --python PATH",
              "pycocotools not available, ratio not measured (give --python PATH)"));
    }
  }

  /** {@code bin/perbench bench NAME ARGS...} with the launcher's JVM options. */
  private static Launcher.Command bench(String name, List<String> args) {
    List<String> all = new ArrayList<>(List.of("bench", name));
    all.addAll(args);
    return new Launcher.Command(List.of(), all);
  }

  private void data() throws IOException, InterruptedException {
    progress.accept("bench data");
    // the default heap, as a user has it; the command warms up and repeats the load itself
    Launcher.Command c = bench("data", plan.dataArgs());
    ReferLoadBenchmark.Result r = once(c, ReferLoadBenchmark.Result.class);
    String note =
        String.format(
            Locale.ROOT,
            "%,d images, %,d annotations (%,d refs), %,d samples; median of the loads after a"
                + " warm-up load",
            r.images(),
            r.annotations(),
            r.refs(),
            r.samples());
    rows.add(
        row(
            "bench data: load every split, masks included, s",
            "s",
            Spread.of(r.loadSeconds()),
            c,
            note));
    rows.add(
        row(
            "bench data: heap holding all samples, MB",
            "MB",
            Spread.of(List.of(r.heapAfterLoadBytes() / (double) (1 << 20))),
            c,
            "after a GC"));
    rows.add(
        row(
            "bench data: peak heap (at most), MB",
            "MB",
            Spread.of(List.of(r.peakUsedBytes() / (double) (1 << 20))),
            c,
            "the sum of the heap pools' peaks, garbage included, default heap"));
    rows.add(
        r.peakLiveBytes() == 0
            ? new Row(
                "bench data: live heap during a load (at least), MB",
                "MB",
                null,
                c.display(),
                "no collection ran during a load, so there is no lower bound")
            : row(
                "bench data: live heap during a load (at least), MB",
                "MB",
                Spread.of(List.of(r.peakLiveBytes() / (double) (1 << 20))),
                c,
                "the most left after a GC during a load"));
  }

  private void demo() throws IOException, InterruptedException {
    progress.accept("demo (already built)");
    List<Double> times = new ArrayList<>();
    int warmups = plan.warmups();
    for (int i = 0; i < warmups + plan.demoRuns(); i++) {
      // a new folder each time: demo resumes a finished run, which would only re-score
      Path out = work.resolve("demo-" + i);
      double t = time(Launcher.Command.of("demo", "--out", out.toString()));
      if (i >= warmups) {
        times.add(t);
      }
    }
    rows.add(
        new Row(
            "demo: bundled model on perbench-mini, already built (whole process)",
            "s",
            Spread.of(times),
            "bin/perbench demo --out DIR",
            "a new DIR each run (an existing one is resumed); the build not included"));
  }

  /** Whether {@link #python} imports pycocotools. */
  private boolean pycocotools() throws IOException, InterruptedException {
    Path log = nextLog();
    Process p =
        new ProcessBuilder(python, "-c", "import pycocotools.mask")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    p.getOutputStream().close();
    return p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private double timePython(String script, Path pairs) throws IOException, InterruptedException {
    Path log = nextLog();
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(python, script, pairs.toString())
            .directory(launcher.home().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          python + " " + script + " failed; its output: " + Launcher.tail(log));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private double time(Launcher.Command c) throws IOException, InterruptedException {
    return launcher.time(c, nextLog(), TIMEOUT_SECONDS);
  }

  /** Runs {@code c --json FILE} once; its figures. */
  private <T> T once(Launcher.Command c, Class<T> type) throws IOException, InterruptedException {
    Path json = work.resolve("result-" + (logs + 1) + ".json");
    List<String> args = new ArrayList<>(c.args());
    args.addAll(List.of("--json", json.toString()));
    time(new Launcher.Command(c.javaOptions(), args));
    ObjectMapper m = StrictJson.mapper();
    JavaType t = m.getTypeFactory().constructParametricType(BenchJson.class, type);
    BenchJson<T> read = m.readValue(json.toFile(), t);
    return read.results();
  }

  /** {@code warmups} runs of {@code c} not counted, then {@link Plan#processRuns} counted. */
  private <T> List<T> repeat(Launcher.Command c, Class<T> type, int warmups)
      throws IOException, InterruptedException {
    List<T> results = new ArrayList<>();
    for (int i = 0; i < warmups + plan.processRuns(); i++) {
      T r = once(c, type);
      if (i >= warmups) {
        results.add(r);
      }
    }
    return results;
  }

  private Path nextLog() throws IOException {
    Files.createDirectories(work);
    return work.resolve("process-" + ++logs + ".log");
  }

  private void add(
      String figure, String unit, List<Double> values, Launcher.Command c, String note) {
    rows.add(row(figure, unit, Spread.of(values), c, note));
  }

  private <T> void add(
      String figure,
      String unit,
      List<T> results,
      ToDoubleFunction<T> value,
      Launcher.Command c,
      String note) {
    List<Double> values = new ArrayList<>();
    for (T r : results) {
      values.add(value.applyAsDouble(r));
    }
    add(figure, unit, values, c, note);
  }

  private static Row row(
      String figure, String unit, Spread spread, Launcher.Command c, String note) {
    return new Row(figure, unit, spread, c.display(), note);
  }

  /** The rows as a Markdown table: figure, median, min, max, runs, command. */
  public static String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| figure | median | min | max | runs | command |\n");
    b.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
    for (Row r : rows) {
      String figure = r.note().isEmpty() ? r.figure() : r.figure() + " (" + r.note() + ")";
      if (r.spread() == null) {
        b.append(
            String.format(Locale.ROOT, "| %s | - | - | - | 0 | `%s` |%n", figure, r.command()));
      } else {
        Spread s = r.spread();
        b.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %d | `%s` |%n",
                figure,
                format(s.median(), r.unit()),
                format(s.min(), r.unit()),
                format(s.max(), r.unit()),
                s.n(),
                r.command()));
      }
    }
    return b.toString();
  }

  static String format(double v, String unit) {
    switch (unit) {
      case "s":
        return String.format(Locale.ROOT, "%.2f s", v);
      case "x":
        return String.format(Locale.ROOT, "%.2fx", v);
      case "MB":
        return String.format(Locale.ROOT, "%,.0f MB", v);
      default:
        return String.format(Locale.ROOT, "%,.0f", v);
    }
  }
}

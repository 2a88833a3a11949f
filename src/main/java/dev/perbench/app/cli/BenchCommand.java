package dev.perbench.app.cli;

import dev.perbench.bench.MaskBenchmark;
import dev.perbench.bench.PairsFileWriter;
import dev.perbench.bench.SyntheticPairs;
import dev.perbench.bench.WebBenchmark;
import dev.perbench.data.catalog.DataRoots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code perbench bench}: throughput measurements, each beside a baseline in the same run, and the
 * error rates of {@code perbench check} by simulation.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure throughput against a baseline run in the same process; simulate perbench"
            + " check's error rates (bench check).",
    subcommands = {
      BenchCommand.Masks.class,
      BenchCommand.MakePairs.class,
      BenchCommand.Data.class,
      BenchCommand.Harness.class,
      BenchCommand.Score.class,
      BenchCommand.Web.class,
      BenchQueueCommand.class,
      BenchJudgeCommand.class,
      BenchCheckCommand.class,
      BenchAllCommand.class
    })
public final class BenchCommand extends CommandGroup {

  /** {@code perbench bench masks}. */
  @Command(
      name = "masks",
      header = "The mask library against a dense one-byte-per-pixel baseline, in ops/s.",
      mixinStandardHelpOptions = true,
      description = {
        "Mask library vs. a dense one-byte-per-pixel baseline on COCO-like synthetic pairs:",
        "IoU, counts-string decoding and polygon rasterisation, in operations per second."
      })
  static final class Masks implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchReport report;

    @Option(
        names = "--pairs",
        defaultValue = "1000",
        description = "Pairs to generate (default ${DEFAULT-VALUE}).")
    int count;

    @Option(
        names = "--seconds",
        defaultValue = "3",
        description =
            "Measured seconds per operation and implementation (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(
        names = "--warmup",
        defaultValue = "2",
        description = "Warm-up seconds before each measurement (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
      report.start(spec);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "generating %d pairs (seed %d), then %.0f s warm-up + %.0f s per measurement...%n",
          count, seed, warmup, seconds);
      err.flush();
      List<MaskBenchmark.Row> rows =
          new MaskBenchmark(SyntheticPairs.generate(count, seed), warmup, seconds).run();
      out.printf("%-24s %16s %16s %9s%n", "operation", "RLE ops/s", "dense ops/s", "RLE/dense");
      for (MaskBenchmark.Row row : rows) {
        out.printf(
            "%-24s %16.0f %16.0f %8.1fx%n",
            row.operation(), row.rlePerSecond(), row.densePerSecond(), row.speedup());
      }
      out.printf(
          "(%d pairs, Java %s, %d cores)%n",
          count, Runtime.version(), Runtime.getRuntime().availableProcessors());
      report.finish(new MaskBenchmark.Result(count, seed, warmup, seconds, rows));
      return 0;
    }
  }

  /** {@code perbench bench make-pairs}: the same pairs as a mask-eval JSONL file. */
  @Command(
      name = "make-pairs",
      header = "Write synthetic mask pairs as a mask eval file.",
      mixinStandardHelpOptions = true,
      description = {
        "Write synthetic pairs as a `mask eval` JSONL file (gt as polygons, pred as compressed",
        "RLE), e.g. to time `perbench mask eval` or to run another implementation on the same"
            + " masks."
      })
  static final class MakePairs implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchReport report;

    @Option(
        names = "--count",
        defaultValue = "1000",
        description = "Pairs (default ${DEFAULT-VALUE}).")
    int count;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output JSONL file.")
    Path out;

    @Option(
        names = "--no-nulls",
        negatable = false,
        description = "Keep every gt and pred (by default every 45th gt and 40th pred is null).")
    boolean noNulls;

    @Override
    public Integer call() throws IOException {
      report.start(spec);
      PairsFileWriter.write(SyntheticPairs.generate(count, seed), out, !noNulls);
      spec.commandLine().getErr().printf("wrote %d pairs to %s%n", count, out);
      report.finish(new PairsFileWriter.Written(count, seed, !noNulls, out.toString()));
      return 0;
    }
  }

  /** {@code perbench bench data}: loading a RefCOCO-sized refer dataset. */
  @Command(
      name = "data",
      header = "Load a generated RefCOCO-sized refer dataset: time and memory.",
      mixinStandardHelpOptions = true,
      description = {
        "Generate a RefCOCO-sized synthetic refer dataset (refs(unc).p + instances.json) and load",
        "every split of it at once, masks included: one warm-up load, then --runs timed ones",
        "(median, min, max wall-clock time), the heap held after a load and its peak. Run with",
        "PERBENCH_JAVA_OPTS=-Xmx1g to check that it fits in 1 GB."
      })
  static final class Data implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchReport report;

    @Option(
        names = "--annotations",
        defaultValue = "50000",
        description = "Referred objects (default ${DEFAULT-VALUE}, RefCOCO's).")
    int annotations;

    @Option(
        names = "--sentences",
        defaultValue = "142210",
        description = "Expressions (default ${DEFAULT-VALUE}, RefCOCO's).")
    int sentences;

    @Option(
        names = "--extra-annotations",
        defaultValue = "146771",
        description =
            "Annotations no ref uses, which the loader must skip (default ${DEFAULT-VALUE}: the"
                + " real instances.json lists every COCO object of the images).")
    int extra;

    @Option(
        names = "--work",
        paramLabel = "DIR",
        description =
            "Where to write the dataset (default: a temporary folder, deleted afterwards).")
    Path work;

    @Option(
        names = "--runs",
        defaultValue = "5",
        description = "Timed loads after the warm-up load (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws IOException {
      report.start(spec);
      Path dir =
          work != null ? work : java.nio.file.Files.createTempDirectory("perbench-bench-data");
      spec.commandLine()
          .getErr()
          .printf(
              "generating %,d annotations (+%,d unused), %,d sentences in %s ...%n",
              annotations, extra, sentences, dir);
      spec.commandLine().getErr().flush();
      try {
        dev.perbench.bench.ReferLoadBenchmark.Result r =
            dev.perbench.bench.ReferLoadBenchmark.run(dir, annotations, sentences, extra, runs);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "dataset: %,d images, %,d annotations, %,d refs, %,d sentences; refs file %,d bytes,"
                + " instances.json %,d bytes (generated in %.1f s)%n",
            r.images(),
            r.annotations(),
            r.refs(),
            r.sentences(),
            r.refsFileBytes(),
            r.instancesFileBytes(),
            r.generateSeconds());
        out.printf(
            "load of every split at once (%s): %,d samples in %.2f s median, min %.2f, max %.2f"
                + " over %d runs after a %.2f s warm-up load (%,.0f samples/s)%n",
            r.samplesPerSplit(),
            r.samples(),
            r.medianSeconds(),
            r.minSeconds(),
            r.maxSeconds(),
            r.loadSeconds().size(),
            r.warmupSeconds(),
            r.samples() / r.medianSeconds());
        out.printf(
            "heap: %,d MB before a load, %,d MB held after it (after GC); peak %,d MB at most"
                + " (sum of the heap pools' peaks, garbage included), %,d MB live at least (most"
                + " left after a GC during a load); max heap %,d MB%n",
            r.heapBeforeLoadBytes() >> 20,
            r.heapAfterLoadBytes() >> 20,
            r.peakUsedBytes() >> 20,
            r.peakLiveBytes() >> 20,
            r.maxHeapBytes() >> 20);
        report.finish(r);
      } finally {
        if (work == null) {
          deleteTree(dir);
        }
      }
      return 0;
    }
  }

  /** {@code perbench bench harness}: runner throughput against a zero-latency model server. */
  @Command(
      name = "harness",
      header = "The whole runner against a zero-latency loopback model server.",
      mixinStandardHelpOptions = true,
      description = {
        "The whole harness against a zero-latency model server on loopback (HTTP adapter,",
        "runner, prediction file, scoring), beside the same runner with an in-process model that",
        "does nothing, on a generated perbench-mini split: samples/s and peak heap."
      })
  static final class Harness implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchReport report;

    @Option(
        names = "--scenes",
        defaultValue = "2000",
        description =
            "perbench-mini scenes to generate (about 12 samples each; default ${DEFAULT-VALUE}).")
    int scenes;

    @Option(
        names = "--concurrency",
        defaultValue = "16",
        description = "Requests in flight (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
        names = "--runs",
        defaultValue = "3",
        description =
            "Measured runs of each model (default ${DEFAULT-VALUE}); the median is quoted.")
    int runs;

    @Option(
        names = "--warmup-runs",
        defaultValue = "1",
        description = "Runs of each model made first, not counted (default ${DEFAULT-VALUE}).")
    int warmupRuns;

    @Override
    public Integer call() throws Exception {
      Options.atLeast("--scenes", scenes, 1);
      Options.atLeast("--concurrency", concurrency, 1);
      Options.atLeast("--runs", runs, 1);
      Options.atLeast("--warmup-runs", warmupRuns, 0);
      report.start(spec);
      Path dir = java.nio.file.Files.createTempDirectory("perbench-bench-harness");
      try {
        dev.perbench.bench.HarnessBenchmark.Result r =
            dev.perbench.bench.HarnessBenchmark.run(dir, scenes, concurrency, warmupRuns, runs);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%,d samples, concurrency %d, batch size 1; median of %d runs [min-max] after %d"
                + " warm-up run%s%n",
            r.samples(), r.concurrency(), runs, warmupRuns, warmupRuns == 1 ? "" : "s");
        out.printf(
            "http model server (zero latency): %s samples/s (%d failed)%n",
            spread(r.http()), r.failed());
        out.printf(
            "in-process do-nothing model:      %s samples/s (the runner's own ceiling)%n",
            spread(r.inProcess()));
        out.printf(
            "http / in-process: %.3f; peak heap at most %,d MB of %,d MB%n",
            r.http().median() / r.inProcess().median(),
            r.peakHeapBytes() >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
        report.finish(r);
      } finally {
        deleteTree(dir);
      }
      return 0;
    }

    private static String spread(dev.perbench.bench.Spread s) {
      return String.format(Locale.ROOT, "%,10.0f [%,.0f-%,.0f]", s.median(), s.min(), s.max());
    }
  }

  /** {@code perbench bench score}: scoring a RefCOCO-scale prediction file. */
  @Command(
      name = "score",
      header = "Score a RefCOCO-scale prediction file against decoding every mask.",
      mixinStandardHelpOptions = true,
      description = {
        "Score a RefCOCO-scale prediction file (synthetic refer data, one mask per sample)",
        "with the harness (median of --runs scorings after a warm-up), beside a",
        "reimplementation that decodes every mask to pixels. With --python, also the plain",
        "pycocotools script metrics/src/test/python/score_pycocotools_loop.py on the same files",
        "(that Python needs pycocotools), in the same run: median of --runs runs after one more."
      })
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchReport report;

    @Option(
        names = "--samples",
        defaultValue = "60000",
        description =
            "Expressions (default ${DEFAULT-VALUE}, all RefCOCO-family test splits together).")
    int samples;

    @Option(
        names = "--runs",
        defaultValue = "5",
        description = "Timed scorings after the warm-up one (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
        names = "--python",
        paramLabel = "PYTHON",
        description = "A Python with pycocotools: also time the pycocotools script.")
    Path python;

    @Override
    public Integer call() throws Exception {
      if (runs < 1) {
        throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
      }
      Path script = null;
      if (python != null) {
        // the repository the launcher runs from (-Dperbench.home), else the working folder
        script =
            Path.of(System.getProperty("perbench.home", "."))
                .resolve("metrics/src/test/python/score_pycocotools_loop.py")
                .toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(script)) {
          throw new ParameterException(
              spec.commandLine(),
              script + " not found: run from the repository's root (--python needs its script)");
        }
      }
      report.start(spec);
      Path dir = java.nio.file.Files.createTempDirectory("perbench-bench-score");
      try {
        dev.perbench.bench.ScoreBenchmark.Result r =
            dev.perbench.bench.ScoreBenchmark.run(dir, samples, runs);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%,d predictions, %,d bytes of JSONL%n", r.samples(), r.fileBytes());
        out.printf(
            "harness (validate + score on runs):  %6.2f s [%.2f-%.2f, %d runs], %.2f s CPU"
                + "  cIoU %.12f gIoU %.12f%n",
            r.harnessSeconds(),
            r.harnessMinSeconds(),
            r.harnessMaxSeconds(),
            r.harnessRuns(),
            r.harnessCpuSeconds(),
            r.harnessCiou(),
            r.harnessGiou());
        out.printf(
            "decode to pixels and count:          %6.2f s  cIoU %.12f gIoU %.12f%n",
            r.denseSeconds(), r.denseCiou(), r.denseGiou());
        out.printf("speed-up %.1fx%n", r.denseSeconds() / r.harnessSeconds());
        dev.perbench.bench.ScoreBenchmark.PycocotoolsResult py = null;
        if (python != null) {
          out.flush();
          py = dev.perbench.bench.ScoreBenchmark.pycocotools(dir, python, script, runs);
          out.printf(
              "pycocotools script (json.loads + merge + area): %6.2f s [%.2f-%.2f, %d runs], %.2f"
                  + " s CPU  cIoU %.12f gIoU %.12f (n %d; its load %.2f s, whole process %.2f"
                  + " s)%n",
              py.scoreSeconds(),
              py.scoreMinSeconds(),
              py.scoreMaxSeconds(),
              py.runs(),
              py.scoreCpuSeconds(),
              py.ciou(),
              py.giou(),
              py.n(),
              py.loadSeconds(),
              py.processSeconds());
          out.printf(
              "pycocotools / harness: %.2fx wall, harness / pycocotools: %.2f CPU%n",
              py.scoreSeconds() / r.harnessSeconds(), r.harnessCpuSeconds() / py.scoreCpuSeconds());
        }
        report.finish(new dev.perbench.bench.ScoreBenchmark.Report(r, py));
      } finally {
        deleteTree(dir);
      }
      return 0;
    }
  }

  /** {@code perbench bench web}: the leaderboard website under load, in a JVM of its own. */
  @Command(
      name = "web",
      header = "The leaderboard website under concurrent load: throughput, p50/p99 latency, heap.",
      mixinStandardHelpOptions = true,
      description = {
        "Generate a leaderboard (entries x benchmarks, valid submissions), import it into a file",
        "H2 database with the repository's submissions/ and a compared pair with per-sample",
        "results, start `perbench serve` in its own JVM with a bounded heap, and load it on",
        "loopback: the leaderboard page and API, a cached overlay PNG (and first renders), the",
        "compare page. Reports requests/s, p50/p99/max latency, errors, the server's CPU time per",
        "request and heap, and each goal. Exit 1 when any request failed."
      })
  static final class Web implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BenchReport report;

    @Option(
        names = "--entries",
        defaultValue = "1000",
        description = "Generated entries (default ${DEFAULT-VALUE}).")
    int entries;

    @Option(
        names = "--benchmarks",
        defaultValue = "10",
        description = "Benchmarks each entry has results on, 1 to 10 (default ${DEFAULT-VALUE}).")
    int benchmarks;

    @Option(
        names = "--shared-samples",
        defaultValue = "10000",
        description = "Per-sample results the compared pair shares (default ${DEFAULT-VALUE}).")
    int sharedSamples;

    @Option(
        names = "--connections",
        defaultValue = "64",
        description =
            "Requests in flight for the page, API and cached PNG (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(
        names = "--compare-connections",
        defaultValue = "1,8",
        split = ",",
        description =
            "Requests in flight for the compare page, each a scenario (default"
                + " ${DEFAULT-VALUE}).")
    List<Integer> compareConnections;

    @Option(
        names = "--seconds",
        defaultValue = "10",
        description = "Measured seconds per scenario (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(
        names = "--warmup",
        defaultValue = "3",
        description = "Warm-up seconds before each scenario (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(
        names = "--server-heap",
        defaultValue = "512m",
        description = "The server JVM's -Xmx (default ${DEFAULT-VALUE}).")
    String serverHeap;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--work",
        paramLabel = "DIR",
        description =
            "Where to write the submissions, the database and the server's logs (must not hold"
                + " them yet; default: a temporary folder, deleted afterwards).")
    Path work;

    /** The p99 goals of the issue, in ms. */
    static final double PAGE_GOAL = 50;

    static final double PNG_GOAL = 20;
    static final double COMPARE_GOAL = 300;

    @Override
    public Integer call() throws Exception {
      Options.atLeast("--entries", entries, 1);
      Options.atLeast("--shared-samples", sharedSamples, 1);
      Options.atLeast("--connections", connections, 1);
      for (int c : compareConnections) {
        Options.atLeast("--compare-connections", c, 1);
      }
      if (!(seconds > 0) || !(warmup >= 0)) {
        throw new dev.perbench.errors.InputException("--seconds must be > 0 and --warmup >= 0");
      }
      report.start(spec);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path dir =
          work != null ? work : java.nio.file.Files.createTempDirectory("perbench-bench-web");
      java.nio.file.Files.createDirectories(dir);
      Path home = DataRoots.resolve(null, System.getenv()).home();
      WebBenchmark.Settings settings =
          new WebBenchmark.Settings(
              dir,
              home,
              entries,
              benchmarks,
              sharedSamples,
              connections,
              compareConnections,
              warmup,
              seconds,
              seed,
              new WebBenchmark.Server(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  System.getProperty("java.class.path"),
                  // the command line this runs under, whose `serve` the server runs
                  spec.root().userObject().getClass().getName(),
                  serverHeap),
              Map.of(
                  WebBenchmark.goalKey(WebBenchmark.PAGE, connections), PAGE_GOAL,
                  WebBenchmark.goalKey(WebBenchmark.PAGE_GZIP, connections), PAGE_GOAL,
                  WebBenchmark.goalKey(WebBenchmark.CACHED_PNG, connections), PNG_GOAL,
                  WebBenchmark.goalKey(WebBenchmark.COMPARE, 1), COMPARE_GOAL));
      WebBenchmark.Result r;
      try {
        r =
            WebBenchmark.run(
                settings,
                line -> {
                  err.println(line);
                  err.flush();
                });
      } finally {
        if (work == null) {
          deleteTree(dir);
        }
      }
      print(out, r);
      report.finish(r.summary());
      if (r.errors() > 0 || !r.serverAlive()) {
        err.printf(
            "FAILED: %d requests failed%s; see the server's log in %s%n",
            r.errors(),
            r.serverAlive() ? "" : " and the server died",
            work != null ? work : "(a temporary folder: rerun with --work DIR to keep it)");
        return 1;
      }
      return 0;
    }

    private void print(PrintWriter out, WebBenchmark.Result r) {
      out.printf(
          Locale.ROOT,
          "data: %,d generated entries x %d benchmarks + the repository's submissions + 2 compared"
              + " (%,d results; %,d rows on %s); %,d shared per-sample results%n",
          r.entries(),
          r.benchmarks(),
          r.results(),
          r.leaderboardRows(),
          WebBenchmark.BOARD,
          r.sharedSamples());
      out.printf(
          Locale.ROOT,
          "generated in %.1f s; SubmissionsImport %.1f s (%.1f ms per entry); per-sample rows"
              + " inserted in %.1f s; server up in %.1f s (it re-checks every entry)%n",
          r.generateSeconds(),
          r.importSeconds(),
          1000 * r.importSeconds() / (r.entries() + 2),
          r.samplesInsertSeconds(),
          r.serverStartSeconds());
      out.printf(
          "%-26s %5s %8s %8s %8s %8s %8s %8s %6s %8s %8s %6s %8s%n",
          "scenario",
          "conns",
          "requests",
          "req/s",
          "KB/req",
          "p50 ms",
          "p99 ms",
          "max ms",
          "errors",
          "srv CPU",
          "cli CPU",
          "others",
          "goal p99");
      for (WebBenchmark.Row row : r.rows()) {
        var st = row.stats();
        out.printf(
            Locale.ROOT,
            "%-26s %5d %,8d %8.1f %8.1f %8.2f %8.2f %8.2f %6d %5.2f ms %5.2f ms %5.0f%% %s%n",
            row.scenario(),
            st.connections(),
            st.requests(),
            st.requestsPerSecond(),
            st.bytesPerRequest() / 1024.0,
            st.percentileMillis(0.5),
            st.percentileMillis(0.99),
            st.maxMillis(),
            st.errors(),
            1000 * st.serverCpuSeconds() / Math.max(1, st.requests()),
            1000 * st.clientCpuSeconds() / Math.max(1, st.requests()),
            100 * st.othersShare(),
            row.goalMillis() == null
                ? "-"
                : String.format(
                    Locale.ROOT, "< %.0f ms %s", row.goalMillis(), row.passed() ? "PASS" : "FAIL"));
        if (st.firstError() != null) {
          out.println("    first error: " + st.firstError());
        }
      }
      out.println(
          "(KB/req: as sent, gzipped where asked; srv/cli CPU: the server's and this process's CPU"
              + " time per request; others: the share of the processors other processes used,"
              + " during the measurement)");
      double others =
          r.rows().stream()
              .mapToDouble(x -> x.stats().othersShare())
              .filter(v -> v >= 0)
              .max()
              .orElse(0);
      if (others > 0.05) {
        out.printf(
            Locale.ROOT,
            "WARNING: other processes used up to %.0f%% of the processors during the measurements:"
                + " these figures are not the server's alone; rerun on a quiet machine%n",
            100 * others);
      }
      for (WebBenchmark.Row row : r.rows()) {
        if (row.scenario().equals(WebBenchmark.FIRST_RENDER)) {
          WebBenchmark.Row cached =
              r.rows().stream()
                  .filter(x -> x.scenario().equals(WebBenchmark.CACHED_PNG))
                  .filter(x -> x.stats().connections() == 1)
                  .findFirst()
                  .orElse(null);
          if (cached != null) {
            out.printf(
                Locale.ROOT,
                "overlay PNG at 1 connection: first render p50 %.2f ms, cached p50 %.2f ms"
                    + " (%.1fx)%n",
                row.stats().percentileMillis(0.5),
                cached.stats().percentileMillis(0.5),
                row.stats().percentileMillis(0.5) / cached.stats().percentileMillis(0.5));
          }
        }
      }
      WebBenchmark.Heap h = r.heap();
      out.printf(
          Locale.ROOT,
          "server heap (-Xmx%s): at most %,d MB in use (before a GC), %,d MB live after a GC,"
              + " %,d MB committed; %,d GCs, %.0f ms of pauses; peak RSS %s; %s%n",
          r.maxHeap(),
          h.peakUsedMb(),
          h.maxLiveMb(),
          h.maxCommittedMb(),
          h.collections(),
          h.pauseMillis(),
          h.peakRssMb() < 0 ? "unknown" : String.format(Locale.ROOT, "%,d MB", h.peakRssMb()),
          r.serverAlive() ? "it ran to the end" : "IT DIED (see server.log)");
      out.printf(
          Locale.ROOT,
          "(Java %s, %d cores; client and server share them)%n",
          Runtime.version(),
          Runtime.getRuntime().availableProcessors());
      List<String> cmd = new ArrayList<>(List.of("bin/perbench", "bench", "web"));
      cmd.addAll(
          List.of(
              "--entries", Integer.toString(entries),
              "--benchmarks", Integer.toString(benchmarks),
              "--shared-samples", Integer.toString(sharedSamples),
              "--connections", Integer.toString(connections),
              "--compare-connections",
                  String.join(",", compareConnections.stream().map(String::valueOf).toList()),
              "--seconds", fmt(seconds),
              "--warmup", fmt(warmup),
              "--server-heap", serverHeap,
              "--seed", Long.toString(seed)));
      out.println("reproduce: " + String.join(" ", cmd));
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }

  /** Removes a benchmark's scratch folder. */
  static void deleteTree(Path dir) throws IOException {
    try (var files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

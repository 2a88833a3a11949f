package dev.perbench.bench;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkLoader;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.mini.MiniBenchmark;
import dev.perbench.harness.baseline.Baselines;
import dev.perbench.harness.io.FileTrees;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelProviders;
import dev.perbench.harness.run.RunConfig;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.run.Runs;
import dev.perbench.harness.run.Shard;
import dev.perbench.harness.score.EvalProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole harness (runner, HTTP adapter, prediction file, scoring) against a zero-latency model
 * server on loopback, beside the same runner with an in-process model that does nothing (the
 * ceiling the harness itself allows), on a generated perbench-mini split.
 */
public final class HarnessBenchmark {
  /**
   * Throughput of both, each run after the warm-up runs, and the peak heap of the measured runs.
   *
   * @param warmupRuns runs of both made first and not counted (the JIT compiles the runner, the
   *     HTTP client and the server meanwhile)
   * @param httpSamplesPerSecond each measured run through the HTTP model server
   * @param inProcessSamplesPerSecond each measured run with the in-process model
   * @param failed samples that failed over all measured HTTP runs (0 expected)
   */
  public record Result(
      int samples,
      int concurrency,
      int warmupRuns,
      List<Double> httpSamplesPerSecond,
      List<Double> inProcessSamplesPerSecond,
      long failed,
      long peakHeapBytes) {
    public Result {
      httpSamplesPerSecond = List.copyOf(httpSamplesPerSecond);
      inProcessSamplesPerSecond = List.copyOf(inProcessSamplesPerSecond);
    }

    /** The HTTP runs' figure. */
    public Spread http() {
      return Spread.of(httpSamplesPerSecond);
    }

    /** The in-process runs' figure. */
    public Spread inProcess() {
      return Spread.of(inProcessSamplesPerSecond);
    }
  }

  private HarnessBenchmark() {}

  /**
   * Generates {@code scenes} perbench-mini scenes under {@code work}, then runs the split {@code
   * warmupRuns + runs} times with each model, alternating the two so that a change of load on a
   * shared machine touches both alike.
   */
  public static Result run(Path work, int scenes, int concurrency, int warmupRuns, int runs)
      throws Exception {
    if (runs < 1 || warmupRuns < 0) {
      throw new IllegalArgumentException("runs must be >= 1 and warm-up runs >= 0");
    }
    Path home = work.resolve("home");
    MiniBenchmark.TEST.withCount(scenes).generate(home.resolve("perbench/data/perbench-mini/test"));
    LoadedSplit data =
        BenchmarkLoader.load(
            BenchmarkCatalog.resolve("perbench-mini").get(0),
            new DataRoots(work.resolve("none"), home));
    List<Double> inProcess = new ArrayList<>();
    List<Double> http = new ArrayList<>();
    long failed = 0;
    try (EchoModelServer server = EchoModelServer.start(0, Math.max(4, concurrency))) {
      ModelOptions options =
          new ModelOptions("cpu", 1, concurrency, Duration.ofSeconds(30), 3, false, 0);
      for (int i = 0; i < warmupRuns + runs; i++) {
        boolean measured = i >= warmupRuns;
        if (i == warmupRuns) {
          resetPeaks();
        }
        Path dir = work.resolve("run-" + i);
        try (Model m = Baselines.named("empty", 0)) {
          Runs.Outcome o =
              runOnce(data, m, "baseline:empty", dir.resolve("in-process"), concurrency, home);
          if (measured) {
            inProcess.add(o.predicted() / o.seconds());
          }
        }
        try (Model m = ModelProviders.open(server.url(), options, data)) {
          Runs.Outcome o = runOnce(data, m, server.url(), dir.resolve("http"), concurrency, home);
          if (measured) {
            http.add(o.predicted() / o.seconds());
            failed += o.failed();
          }
        }
        // a run folder holds the predictions of every sample: not needed once timed
        FileTrees.delete(dir);
      }
    }
    return new Result(
        data.samples().size(), concurrency, warmupRuns, http, inProcess, failed, peakHeap());
  }

  private static Runs.Outcome runOnce(
      LoadedSplit data, Model m, String spec, Path dir, int concurrency, Path home)
      throws Exception {
    Files.createDirectories(dir);
    RunConfig config =
        new RunConfig(
            "perbench-mini",
            spec,
            EvalProfile.STANDARD,
            Shard.ALL,
            null,
            "cpu",
            concurrency,
            1,
            0,
            0,
            100);
    return Runs.run(
        config, data, m, new RunDirectory(dir), home, new PrintWriter(new StringWriter()));
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peaks: an upper bound of the true peak. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}

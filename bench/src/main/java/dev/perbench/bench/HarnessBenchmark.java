package dev.perbench.bench;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkLoader;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.mini.MiniBenchmark;
import dev.perbench.harness.baseline.Baselines;
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

/**
 * The whole harness (runner, HTTP adapter, prediction file, scoring) against a zero-latency model
 * server on loopback, beside the same runner with an in-process model that does nothing (the
 * ceiling the harness itself allows), on a generated perbench-mini split.
 */
public final class HarnessBenchmark {
  /** Throughput of both, and the peak heap. */
  public record Result(
      int samples,
      int concurrency,
      double httpSamplesPerSecond,
      double inProcessSamplesPerSecond,
      long failed,
      long peakHeapBytes) {}

  private HarnessBenchmark() {}

  public static Result run(Path work, int scenes, int concurrency) throws Exception {
    Path home = work.resolve("home");
    MiniBenchmark.TEST.withCount(scenes).generate(home.resolve("perbench/data/perbench-mini/test"));
    LoadedSplit data =
        BenchmarkLoader.load(
            BenchmarkCatalog.resolve("perbench-mini").get(0),
            new DataRoots(work.resolve("none"), home));
    resetPeaks();
    double inProcess;
    try (Model m = Baselines.named("empty", 0)) {
      inProcess =
          throughput(data, m, "baseline:empty", work.resolve("run-in-process"), concurrency, home);
    }
    long failed;
    double http;
    try (EchoModelServer server = EchoModelServer.start(0, Math.max(4, concurrency))) {
      ModelOptions options =
          new ModelOptions("cpu", 1, concurrency, Duration.ofSeconds(30), 3, false, 0);
      try (Model m = ModelProviders.open(server.url(), options, data)) {
        Runs.Outcome o =
            runOnce(data, m, server.url(), work.resolve("run-http"), concurrency, home);
        http = o.predicted() / o.seconds();
        failed = o.failed();
      }
    }
    return new Result(data.samples().size(), concurrency, http, inProcess, failed, peakHeap());
  }

  private static double throughput(
      LoadedSplit data, Model m, String spec, Path dir, int concurrency, Path home)
      throws Exception {
    Runs.Outcome o = runOnce(data, m, spec, dir, concurrency, home);
    return o.predicted() / o.seconds();
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

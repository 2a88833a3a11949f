package dev.perbench.app.cli;

import dev.perbench.bench.MaskBenchmark;
import dev.perbench.bench.PairsFileWriter;
import dev.perbench.bench.SyntheticPairs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench bench}: throughput measurements, each beside a baseline in the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure throughput against a baseline run in the same process.",
    subcommands = {
      BenchCommand.Masks.class,
      BenchCommand.MakePairs.class,
      BenchCommand.Data.class,
      BenchCommand.Harness.class,
      BenchCommand.Score.class,
      BenchQueueCommand.class
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

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
      PairsFileWriter.write(SyntheticPairs.generate(count, seed), out, !noNulls);
      spec.commandLine().getErr().printf("wrote %d pairs to %s%n", count, out);
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
        "every split of it, masks included: wall-clock time and heap. Run with",
        "PERBENCH_JAVA_OPTS=-Xmx1g to check that it fits in 1 GB."
      })
  static final class Data implements Callable<Integer> {
    @Spec CommandSpec spec;

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

    @Override
    public Integer call() throws IOException {
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
            dev.perbench.bench.ReferLoadBenchmark.run(dir, annotations, sentences, extra);
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
            "load of every split (%s): %,d samples in %.2f s (%,.0f samples/s)%n",
            r.samplesPerSplit(), r.samples(), r.loadSeconds(), r.samples() / r.loadSeconds());
        out.printf(
            "heap: %,d MB before, %,d MB with all samples held (after GC), peak at most %,d MB; max"
                + " heap %,d MB%n",
            r.heapBeforeLoadBytes() >> 20,
            r.heapAfterLoadBytes() >> 20,
            r.peakHeapBytes() >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
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

    @Override
    public Integer call() throws Exception {
      Path dir = java.nio.file.Files.createTempDirectory("perbench-bench-harness");
      try {
        dev.perbench.bench.HarnessBenchmark.Result r =
            dev.perbench.bench.HarnessBenchmark.run(dir, scenes, concurrency);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%,d samples, concurrency %d, batch size 1%n", r.samples(), r.concurrency());
        out.printf(
            "http model server (zero latency): %,10.0f samples/s (%d failed)%n",
            r.httpSamplesPerSecond(), r.failed());
        out.printf(
            "in-process do-nothing model:      %,10.0f samples/s (the runner's own ceiling)%n",
            r.inProcessSamplesPerSecond());
        out.printf(
            "http / in-process: %.2f; peak heap at most %,d MB of %,d MB%n",
            r.httpSamplesPerSecond() / r.inProcessSamplesPerSecond(),
            r.peakHeapBytes() >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
      } finally {
        deleteTree(dir);
      }
      return 0;
    }
  }

  /** {@code perbench bench score}: scoring a RefCOCO-scale prediction file. */
  @Command(
      name = "score",
      header = "Score a RefCOCO-scale prediction file against decoding every mask.",
      mixinStandardHelpOptions = true,
      description = {
        "Score a RefCOCO-scale prediction file (synthetic refer data, one mask per sample)",
        "with the harness, beside a reimplementation that decodes every mask to pixels."
      })
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--samples",
        defaultValue = "60000",
        description =
            "Expressions (default ${DEFAULT-VALUE}, all RefCOCO-family test splits together).")
    int samples;

    @Override
    public Integer call() throws Exception {
      Path dir = java.nio.file.Files.createTempDirectory("perbench-bench-score");
      try {
        dev.perbench.bench.ScoreBenchmark.Result r =
            dev.perbench.bench.ScoreBenchmark.run(dir, samples);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%,d predictions, %,d bytes of JSONL%n", r.samples(), r.fileBytes());
        out.printf(
            "harness (validate + score on runs):  %6.2f s  cIoU %.12f gIoU %.12f%n",
            r.harnessSeconds(), r.harnessCiou(), r.harnessGiou());
        out.printf(
            "decode to pixels and count:          %6.2f s  cIoU %.12f gIoU %.12f%n",
            r.denseSeconds(), r.denseCiou(), r.denseGiou());
        out.printf("speed-up %.1fx%n", r.denseSeconds() / r.harnessSeconds());
      } finally {
        deleteTree(dir);
      }
      return 0;
    }
  }

  /** Removes a benchmark's scratch folder. */
  static void deleteTree(Path dir) throws IOException {
    try (var files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

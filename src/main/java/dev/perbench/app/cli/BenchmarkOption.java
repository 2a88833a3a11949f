package dev.perbench.app.cli;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.data.catalog.Benchmarks;
import dev.perbench.data.catalog.DataRoots;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --bench ID} and {@code --data-root DIR} options, and loading the benchmark. */
public final class BenchmarkOption {
  @Option(
      names = "--bench",
      required = true,
      paramLabel = "ID",
      description =
          "Benchmark id: perbench, perbench-mini, refcoco:val, ... (`perbench data list`).")
  String id;

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description =
          "Folder with the official benchmark files (default: $PERBENCH_DATA, else"
              + " ~/.perbench/data).")
  Path dataRoot;

  DataRoots roots() {
    return DataRoots.resolve(dataRoot, System.getenv());
  }

  /** The one split the id names. */
  BenchmarkSpec spec() {
    return Benchmarks.one(id);
  }

  /** Loads it; a problem with the files is an input error naming the file and record. */
  LoadedSplit load() {
    return Benchmarks.load(id, roots());
  }
}

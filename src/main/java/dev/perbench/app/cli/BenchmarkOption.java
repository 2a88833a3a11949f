package dev.perbench.app.cli;

import dev.perbench.app.UserInputException;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkLoader;
import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.data.catalog.DataRoots;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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
    List<BenchmarkSpec> specs;
    try {
      specs = BenchmarkCatalog.resolve(id);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--bench: " + e.getMessage(), e);
    }
    if (specs.size() > 1) {
      throw new UserInputException(
          "--bench "
              + id
              + " names several splits; choose one of "
              + specs.stream().map(BenchmarkSpec::id).collect(Collectors.joining(", ")));
    }
    return specs.get(0);
  }

  /** Loads it; a problem with the files is an input error naming the file and record. */
  LoadedSplit load() {
    return BenchmarkLoader.load(spec(), roots());
  }
}

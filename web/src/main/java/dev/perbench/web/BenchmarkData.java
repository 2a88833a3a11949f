package dev.perbench.web;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.Benchmarks;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.model.Sample;
import dev.perbench.errors.InputException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The benchmarks' samples (ground truth, images) where the server runs, loaded once per split and
 * kept: the import scores predictions against them and the sample browser draws them. A split whose
 * files are not installed is simply absent; its entries then have no per-sample view.
 */
public final class BenchmarkData {
  private static final Logger LOG = Logger.getLogger(BenchmarkData.class.getName());

  private record Loaded(LoadedSplit split, Map<String, Sample> byId) {}

  private final DataRoots roots;
  private final Map<String, Optional<Loaded>> splits = new ConcurrentHashMap<>();

  public BenchmarkData(DataRoots roots) {
    this.roots = roots;
  }

  /** The split {@code benchmark} names, when its files are installed here. */
  public Optional<LoadedSplit> split(String benchmark) {
    return loaded(benchmark).map(Loaded::split);
  }

  /** One sample of a split, when the split is installed and has it. */
  public Optional<Sample> sample(String benchmark, String sampleId) {
    return loaded(benchmark).map(l -> l.byId().get(sampleId));
  }

  private Optional<Loaded> loaded(String benchmark) {
    return splits.computeIfAbsent(
        benchmark,
        id -> {
          if (!Leaderboards.known(id)) {
            return Optional.empty();
          }
          try {
            LoadedSplit s = Benchmarks.load(id, roots);
            return Optional.of(new Loaded(s, s.samplesById()));
          } catch (InputException e) {
            LOG.info("no per-sample data for " + id + ": " + e.getMessage());
            return Optional.empty();
          }
        });
  }
}

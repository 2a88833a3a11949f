package dev.perbench.data.catalog;

import dev.perbench.data.DataFile;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.data.refer.ReferLoader;
import dev.perbench.data.stbench.StBenchLoader;
import java.util.ArrayList;
import java.util.List;

/** Loads any catalogued benchmark from its files. */
public final class BenchmarkLoader {
  /** The split of the refer part of the bundled mini benchmark. */
  static final String MINI_SPLIT = "test";

  private BenchmarkLoader() {}

  /**
   * Loads every sample of a benchmark split.
   *
   * @throws dev.perbench.data.DataFormatException naming the file and record at fault
   */
  public static LoadedSplit load(BenchmarkSpec spec, DataRoots roots) {
    return switch (spec.format()) {
      case STBENCH -> StBenchLoader.load(BenchmarkFiles.stbench(spec, roots), spec.id());
      case REFER ->
          relabel(ReferLoader.load(BenchmarkFiles.refer(spec, roots), spec.split()), spec.id());
      case MINI -> {
        LoadedSplit stbench = StBenchLoader.load(BenchmarkFiles.stbench(spec, roots), spec.id());
        LoadedSplit refer = ReferLoader.load(BenchmarkFiles.refer(spec, roots), MINI_SPLIT);
        List<Sample> samples = new ArrayList<>(stbench.samples());
        samples.addAll(refer.samples());
        List<DataFile> files = new ArrayList<>(stbench.files());
        files.addAll(refer.files());
        yield new LoadedSplit(spec.id(), samples, files);
      }
    };
  }

  private static LoadedSplit relabel(LoadedSplit split, String id) {
    return split.benchmarkId().equals(id)
        ? split
        : new LoadedSplit(id, split.samples(), split.files());
  }
}

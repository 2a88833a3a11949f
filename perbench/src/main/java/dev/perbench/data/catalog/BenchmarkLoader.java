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

  /**
   * Loads several benchmark splits: the same samples, in the same order, as {@link #load} of each,
   * but the refer splits of one dataset share one read of its refs file and one pass over its
   * {@code instances.json} (scoring refcoco means val, testA and testB; each alone would parse the
   * 144 MB file three times).
   *
   * @return one split per spec, in the order given
   * @throws dev.perbench.data.DataFormatException naming the file and record at fault, for the
   *     first group of splits (in the order given) whose files are wrong
   */
  public static List<LoadedSplit> loadAll(List<BenchmarkSpec> specs, DataRoots roots) {
    LoadedSplit[] out = new LoadedSplit[specs.size()];
    for (List<Integer> group : SharedFiles.groups(specs, roots)) {
      BenchmarkSpec first = specs.get(group.get(0));
      if (first.format() != DataFormat.REFER) {
        out[group.get(0)] = load(first, roots);
        continue;
      }
      List<String> splits = group.stream().map(i -> specs.get(i).split()).toList();
      List<LoadedSplit> loaded = ReferLoader.load(BenchmarkFiles.refer(first, roots), splits);
      for (int k = 0; k < group.size(); k++) {
        out[group.get(k)] = relabel(loaded.get(k), specs.get(group.get(k)).id());
      }
    }
    return List.of(out);
  }

  private static LoadedSplit relabel(LoadedSplit split, String id) {
    return split.benchmarkId().equals(id)
        ? split
        : new LoadedSplit(id, split.samples(), split.files());
  }
}

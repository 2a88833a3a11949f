package dev.perbench.data.catalog;

import dev.perbench.data.DataFormatException;
import dev.perbench.data.LoadedSplit;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark splits loaded on demand and kept, for a caller that knows up front which splits it may
 * need (the result folders of a submissions folder): when one is asked for, every expected split
 * read from the same files is loaded with it, so refcoco's val, testA and testB cost one read of
 * its refs file and instances.json instead of three. Not thread-safe.
 */
public final class SplitCache {
  private final DataRoots roots;
  private final List<BenchmarkSpec> expected;
  // benchmark id -> its LoadedSplit, or the exception loading it alone threw
  private final Map<String, Object> loaded = new HashMap<>();

  public SplitCache(DataRoots roots, Collection<BenchmarkSpec> expected) {
    this.roots = roots;
    this.expected = List.copyOf(expected);
  }

  /**
   * The split, loaded on first use with the expected splits that share its files.
   *
   * @throws DataFormatException or {@link UncheckedIOException} as {@link BenchmarkLoader#load} of
   *     this split alone would (the same one again on every call)
   */
  public LoadedSplit get(BenchmarkSpec spec) {
    if (!loaded.containsKey(spec.id())) {
      load(spec);
    }
    Object split = loaded.get(spec.id());
    if (split instanceof RuntimeException e) {
      throw e;
    }
    return (LoadedSplit) split;
  }

  private void load(BenchmarkSpec spec) {
    List<BenchmarkSpec> candidates = new ArrayList<>(List.of(spec));
    for (BenchmarkSpec s : expected) {
      if (!loaded.containsKey(s.id())
          && candidates.stream().noneMatch(c -> c.id().equals(s.id()))) {
        candidates.add(s);
      }
    }
    List<Integer> group = SharedFiles.groups(candidates, roots).get(0); // the one holding spec
    if (group.size() > 1) {
      List<BenchmarkSpec> members = group.stream().map(candidates::get).toList();
      try {
        List<LoadedSplit> splits = BenchmarkLoader.loadAll(members, roots);
        for (int k = 0; k < members.size(); k++) {
          loaded.put(members.get(k).id(), splits.get(k));
        }
        return;
      } catch (DataFormatException | UncheckedIOException | IllegalArgumentException e) {
        // Which splits the fault touches is for each split's own load to say.
      }
    }
    try {
      loaded.put(spec.id(), BenchmarkLoader.load(spec, roots));
    } catch (DataFormatException | UncheckedIOException e) {
      loaded.put(spec.id(), e);
    }
  }
}

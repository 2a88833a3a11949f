package dev.perbench.data.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of several benchmark splits are read from the same files: the refer splits of one dataset
 * (refcoco:val, testA and testB all come from refcoco/refs(unc).p and its 144 MB instances.json),
 * which one load can serve together. Every other split is a group of its own.
 */
final class SharedFiles {
  private SharedFiles() {}

  /**
   * The indexes of {@code specs} in groups that share their files, each group in the order given,
   * the groups in the order of their first member.
   */
  static List<List<Integer>> groups(List<BenchmarkSpec> specs, DataRoots roots) {
    Map<Object, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      BenchmarkSpec spec = specs.get(i);
      // ReferSource is a record: equal for the same dataset folder, refs file and images folder.
      Object key =
          spec.format() == DataFormat.REFER ? BenchmarkFiles.refer(spec, roots) : (Object) i;
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    return List.copyOf(groups.values());
  }
}

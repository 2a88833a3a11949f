package dev.perbench.data;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Task;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one benchmark split, in file order, with the files they came from.
 *
 * @param benchmarkId e.g. {@code refcoco:val}, {@code perbench}
 */
public record LoadedSplit(String benchmarkId, List<Sample> samples, List<DataFile> files) {
  public LoadedSplit {
    samples = List.copyOf(samples);
    files = List.copyOf(files);
  }

  /** Sample counts per task, in task order. */
  public Map<Task, Integer> countsByTask() {
    Map<Task, Integer> counts = new EnumMap<>(Task.class);
    for (Sample s : samples) {
      counts.merge(s.task(), 1, Integer::sum);
    }
    return counts;
  }
}

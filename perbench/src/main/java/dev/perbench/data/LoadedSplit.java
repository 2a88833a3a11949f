package dev.perbench.data;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Task;
import java.util.EnumMap;
import java.util.HashMap;
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

  /** The samples by id (for looking up predictions). */
  public Map<String, Sample> samplesById() {
    Map<String, Sample> byId = new HashMap<>(samples.size() * 2);
    for (Sample s : samples) {
      byId.put(s.id(), s);
    }
    return byId;
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

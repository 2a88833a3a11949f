package dev.perbench.harness.model;

import dev.perbench.data.model.Task;
import java.util.List;
import java.util.Map;

/**
 * What a model reports about itself; recorded in the run's manifest.
 *
 * @param details anything else worth recording (checkpoint, dtype, server host)
 */
public record ModelInfo(
    String name, String version, List<Task> tasks, Map<String, String> details) {
  public ModelInfo {
    tasks = List.copyOf(tasks);
    details = Map.copyOf(details);
  }
}

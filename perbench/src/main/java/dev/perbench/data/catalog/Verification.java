package dev.perbench.data.catalog;

import dev.perbench.data.DataFile;
import dev.perbench.data.model.Task;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code data verify} found for one benchmark.
 *
 * @param problems what is missing or wrong, each with what to do; empty when usable
 * @param warnings what does not stop scoring (such as missing images, which only running a model
 *     needs)
 * @param counts samples per task, when the files loaded
 * @param files the annotation files with their SHA-256, when present
 */
public record Verification(
    BenchmarkSpec spec,
    Status status,
    List<String> problems,
    List<String> warnings,
    Map<Task, Integer> counts,
    List<DataFile> files) {

  /** The outcome, from best to worst. */
  public enum Status {
    OK,
    NOT_INSTALLED,
    COUNT_MISMATCH,
    INVALID
  }

  public Verification {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
    counts = counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(counts));
    files = List.copyOf(files);
  }

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}

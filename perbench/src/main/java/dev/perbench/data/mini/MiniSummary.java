package dev.perbench.data.mini;

import dev.perbench.data.model.Task;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one {@link MiniGenerator#generate} call wrote.
 *
 * @param out the split's folder
 * @param scenes number of images
 * @param samples samples per task as the loaders count them: {@code res} sentences, {@code vres}
 *     records, {@code mcq} questions, {@code caption} described objects
 * @param files files written, SHA256SUMS included
 * @param bytes their total size
 */
public record MiniSummary(
    Path out,
    String split,
    long seed,
    int scenes,
    Map<Task, Integer> samples,
    int files,
    long bytes) {
  public MiniSummary {
    samples = Map.copyOf(samples);
  }
}

package dev.perbench.data.catalog;

import dev.perbench.data.model.Task;
import java.util.List;

/**
 * A known benchmark split.
 *
 * @param id the id used everywhere (CLI, files, website), e.g. {@code refcoco:testA}
 * @param dataset the part before the colon, e.g. {@code refcoco}
 * @param split the split name in the files ({@code val}, {@code testA}, ...); null for PerBench
 * @param directory the folder under the data root ({@code refcoco}, {@code perbench})
 * @param splitBy for the refer layout, the split scheme naming the refs file: {@code unc}, {@code
 *     umd} or {@code google}; null for PerBench
 * @param generalized true for gRefCOCO ({@code grefs(...)}: multi-target, no-target)
 * @param publishedSamples the number of samples (expressions) the dataset's papers give, or null
 *     when none is established
 * @param obtain where the official files can be obtained
 */
public record BenchmarkSpec(
    String id,
    String dataset,
    String split,
    DataFormat format,
    List<Task> tasks,
    String directory,
    String splitBy,
    boolean generalized,
    Integer publishedSamples,
    String obtain) {
  public BenchmarkSpec {
    tasks = List.copyOf(tasks);
  }
}

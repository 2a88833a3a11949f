package dev.perbench.harness.submissions;

import dev.perbench.data.model.Task;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark ids that only reported (paper) numbers may use: benchmarks a paper on the leaderboard
 * reports that the harness does not run. Their results must have the {@code reported} profile, and
 * a prediction file for them cannot be checked. The list is short and explicit; adding an id here
 * is a reviewed change.
 */
public final class PaperBenchmarks {
  /**
   * A paper-only benchmark.
   *
   * @param id the id, in the catalogue's {@code <dataset>:<split>} form
   * @param tasks the tasks its metrics.json may hold
   * @param description what it is and where its numbers come from
   */
  public record PaperBenchmark(String id, List<Task> tasks, String description) {
    public PaperBenchmark {
      tasks = List.copyOf(tasks);
    }
  }

  private static final List<PaperBenchmark> ALL =
      List.of(
          new PaperBenchmark(
              "refcocog-regioncap:val",
              List.of(Task.CAPTION),
              "region captioning on RefCOCOg (describe the region given its box/mask), METEOR from"
                  + " the COCO caption toolkit, as in Table 2 of the Pixel-SAIL paper (arXiv"
                  + " 2504.10465) and the region-captioning evaluations of Osprey and GLaMM; the"
                  + " table does not print the split, the id follows the validation split those"
                  + " evaluations use"));

  private PaperBenchmarks() {}

  public static List<PaperBenchmark> all() {
    return ALL;
  }

  public static Optional<PaperBenchmark> find(String id) {
    return ALL.stream().filter(b -> b.id().equals(id)).findFirst();
  }
}

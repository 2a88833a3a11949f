package dev.perbench.harness.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.AtomicFiles;
import dev.perbench.metrics.seg.SegProfile;
import dev.perbench.metrics.seg.SegmentationAccumulator;
import dev.perbench.metrics.seg.SegmentationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores a pairs file: stream the pairs through one accumulator, report progress on stderr, and
 * produce the result JSON only when every line was read and scored.
 */
public final class MaskEvaluation {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

  /** A complete evaluation of one file. */
  public record Outcome(SegmentationResult result, Path file, double seconds) {
    /**
     * The result object: {@code n, profile, ciou, giou, precision{"0.5".."0.9"}, n_acc, t_acc}
     * (values are fractions in [0, 1]; n_acc and t_acc are null outside grefcoco).
     */
    public String toJson() {
      ObjectNode o = JSON.createObjectNode();
      o.put("n", result.n());
      o.put("profile", result.profile().id());
      o.put("ciou", result.ciou());
      o.put("giou", result.giou());
      ObjectNode precision = o.putObject("precision");
      for (Map.Entry<Double, Double> e : result.precision().entrySet()) {
        precision.put(e.getKey().toString(), e.getValue());
      }
      o.put("n_acc", result.nAcc());
      o.put("t_acc", result.tAcc());
      try {
        return JSON.writeValueAsString(o);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private MaskEvaluation() {}

  /** Evaluates every pair of {@code file} on as many threads as there are processors. */
  public static Outcome run(Path file, SegProfile profile, PrintWriter progress) {
    return run(file, profile, progress, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Evaluates every pair of {@code file}, parsing and scoring on {@code threads} threads. The
   * result and the error (if any) are the same for every number of threads: lines are judged in
   * file order.
   *
   * @throws InputException naming the line of the first bad pair; no partial result exists
   */
  public static Outcome run(Path file, SegProfile profile, PrintWriter progress, int threads) {
    Judge judge = new Judge(file, new SegmentationAccumulator(profile), progress);
    try (LineBatches lines = LineBatches.open(file)) {
      OrderedScoring.run(lines, threads, judge);
    }
    double seconds = (System.nanoTime() - judge.start) / 1e9;
    SegmentationResult result = judge.accumulator.result();
    progress.printf(
        "scored %,d pairs from %s in %.2f s (%,.0f pairs/s); profile %s; %d without prediction,"
            + " %d without target%n",
        result.n(),
        file,
        seconds,
        result.n() / Math.max(seconds, 1e-9),
        profile.id(),
        result.missingPredictions(),
        result.noTargetSamples());
    progress.flush();
    return new Outcome(result, file, seconds);
  }

  /**
   * Takes scored lines in file order: the first problem, a duplicate id, or the counts into the
   * accumulator; progress on stderr every 2 s. Only the ids are kept (to refuse duplicates).
   */
  private static final class Judge implements Consumer<ScoredPair[]> {
    private final Path file;
    private final SegmentationAccumulator accumulator;
    private final PrintWriter progress;
    private final Map<String, Integer> seen = new HashMap<>();
    private final long start = System.nanoTime();
    private long lastReport = start;

    Judge(Path file, SegmentationAccumulator accumulator, PrintWriter progress) {
      this.file = file;
      this.accumulator = accumulator;
      this.progress = progress;
    }

    @Override
    public void accept(ScoredPair[] batch) {
      for (ScoredPair pair : batch) {
        if (pair != null) {
          judge(pair);
        }
      }
      long now = System.nanoTime();
      if (now - lastReport > PROGRESS_EVERY_NANOS) {
        long n = accumulator.result().n();
        progress.printf("  %,d pairs scored (%,.0f pairs/s)%n", n, n / ((now - start) / 1e9));
        progress.flush();
        lastReport = now;
      }
    }

    private void judge(ScoredPair pair) {
      if (pair.problem() != null && pair.problemBeforeId()) {
        throw bad(pair.line(), pair.problem());
      }
      Integer first = seen.putIfAbsent(pair.id(), pair.line());
      if (first != null) {
        throw bad(pair.line(), MaskPairsReader.duplicateId(pair.id(), first));
      }
      if (pair.problem() != null) {
        throw bad(pair.line(), pair.problem());
      }
      try {
        accumulator.add(pair.gtArea(), pair.predArea(), pair.intersection(), pair.predMissing());
      } catch (IllegalArgumentException e) {
        throw bad(pair.line(), e);
      }
    }

    private InputException bad(int line, IllegalArgumentException e) {
      return new InputException(file + ":" + line + ": " + e.getMessage(), e);
    }
  }

  /** Writes the result JSON (with a final newline) whole or not at all. */
  public static void writeAtomically(Path target, String json) {
    AtomicFiles.write(target, json + "\n");
  }
}

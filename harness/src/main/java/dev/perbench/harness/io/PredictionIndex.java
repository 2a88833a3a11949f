package dev.perbench.harness.io;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.score.PredictionSource;
import dev.perbench.metrics.mask.Mask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated prediction file: one pass checks every line against the benchmark's samples and
 * remembers where each sample's line starts, so predictions can then be read back one at a time in
 * benchmark order (scores are then independent of the file's line order) without holding the file
 * in memory.
 *
 * <p>Checked per line: valid JSON of the prediction schema, a known {@code sample_id}, no
 * duplicate, valid RLE masks of the sample image's size, something predicted (text, masks,
 * no_target or error). Up to 20 problems are reported; any problem rejects the file.
 */
public final class PredictionIndex implements PredictionSource, AutoCloseable {
  private static final int MAX_REPORTED = 20;

  private final Path file;
  private final Map<String, long[]> lines; // sample id -> {byte offset, line number, bytes}
  private final FileChannel reader;
  private final java.util.Set<String> failedIds;

  private PredictionIndex(Path file, Map<String, long[]> lines, java.util.Set<String> failedIds)
      throws IOException {
    this.file = file;
    this.lines = lines;
    this.failedIds = java.util.Set.copyOf(failedIds);
    this.reader = FileChannel.open(file, StandardOpenOption.READ);
  }

  /**
   * Validates {@code file} against {@code samples} (by id).
   *
   * @throws PredictionFileException listing the problems with their line numbers
   */
  public static PredictionIndex open(Path file, Map<String, Sample> samples) {
    Map<String, long[]> lines = new HashMap<>();
    java.util.Set<String> failedIds = new java.util.HashSet<>();
    List<String> problems = new ArrayList<>();
    int[] total = {0};
    try {
      JsonLines.read(
          file,
          line -> {
            if (line.blank()) {
              return;
            }
            try {
              if (line.text() == null) {
                throw new IllegalArgumentException("not UTF-8 text (save the file as UTF-8)");
              }
              Prediction p = parse(line.text());
              Sample s = samples.get(p.sampleId());
              if (s == null) {
                throw new IllegalArgumentException(
                    "unknown sample_id \"" + p.sampleId() + "\" (not in this benchmark)");
              }
              check(p, s);
              long[] first =
                  lines.putIfAbsent(
                      p.sampleId(), new long[] {line.offset(), line.number(), line.length()});
              if (first != null) {
                throw new IllegalArgumentException(
                    "duplicate sample_id \""
                        + p.sampleId()
                        + "\" (first on line "
                        + first[1]
                        + ")");
              }
              if (p.failed()) {
                failedIds.add(p.sampleId());
              }
            } catch (IllegalArgumentException e) {
              if (total[0]++ < MAX_REPORTED) {
                problems.add("line " + line.number() + ": " + e.getMessage());
              }
            }
          });
    } catch (InputException e) {
      if (!Files.exists(file)) {
        throw new PredictionFileException(file, List.of("no such file"), 1);
      }
      throw e;
    }
    if (total[0] > 0) {
      throw new PredictionFileException(file, problems, total[0]);
    }
    try {
      return new PredictionIndex(file, lines, failedIds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Prediction parse(String line) {
    return PredictionJson.read(line);
  }

  /** Checks a prediction against its sample: something predicted, masks of the image's size. */
  public static void check(Prediction p, Sample s) {
    if (p.text() == null && p.masks() == null && p.noTarget() == null && p.error() == null) {
      throw new IllegalArgumentException(
          "sample " + s.id() + ": nothing predicted (no text, masks, no_target or error)");
    }
    if (p.masks() != null) {
      for (int i = 0; i < p.masks().size(); i++) {
        Mask m = p.masks().get(i);
        if (m.height() != s.image().height() || m.width() != s.image().width()) {
          throw new IllegalArgumentException(
              "sample "
                  + s.id()
                  + ": masks["
                  + i
                  + "] is "
                  + m.height()
                  + "x"
                  + m.width()
                  + " but the image is "
                  + s.image().height()
                  + "x"
                  + s.image().width());
        }
      }
    }
    if ((s.task() == Task.MCQ || s.task() == Task.CAPTION)
        && p.text() == null
        && p.error() == null) {
      throw new IllegalArgumentException(
          "sample " + s.id() + " (" + s.task() + "): a text answer is needed");
    }
  }

  /** The prediction for a sample, or null when the file has none. */
  @Override
  public Prediction get(String sampleId) {
    long[] at = lines.get(sampleId);
    if (at == null) {
      return null;
    }
    try {
      return parse(JsonLines.lineAt(reader, at[0], (int) at[2]));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + " line " + at[1] + ": " + e.getMessage(), e);
    }
  }

  /** The samples the file has a prediction for. */
  public java.util.Set<String> sampleIds() {
    return java.util.Collections.unmodifiableSet(lines.keySet());
  }

  /** Number of predictions in the file. */
  public int size() {
    return lines.size();
  }

  /** Predictions that are errors. */
  public long failed() {
    return failedIds.size();
  }

  /** The samples whose prediction is an error. */
  public java.util.Set<String> failedIds() {
    return failedIds;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

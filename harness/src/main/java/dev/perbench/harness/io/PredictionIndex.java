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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

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
  private final Map<String, Prediction> kept; // parsed while validating, within the budget
  private final FileChannel reader;
  private final java.util.Set<String> failedIds;

  private PredictionIndex(
      Path file,
      Map<String, long[]> lines,
      Map<String, Prediction> kept,
      java.util.Set<String> failedIds)
      throws IOException {
    this.file = file;
    this.lines = lines;
    this.kept = kept;
    this.failedIds = java.util.Set.copyOf(failedIds);
    this.reader = FileChannel.open(file, StandardOpenOption.READ);
  }

  /**
   * Validates {@code file} against {@code samples} (by id).
   *
   * <p>Lines are parsed and checked against their samples in batches on every core, and judged in
   * file order (duplicates, the problems reported, their order), so the outcome is the one a single
   * thread gives. The parsed predictions are kept while they fit a memory budget (an eighth of the
   * maximum heap, at most 128 MB), so that scoring reads most of them without parsing again; the
   * others are read back from the file.
   *
   * @throws PredictionFileException listing the problems with their line numbers
   */
  public static PredictionIndex open(Path file, Map<String, Sample> samples) {
    return open(file, samples, Math.min(Runtime.getRuntime().maxMemory() / 8, 128L << 20));
  }

  /** {@link #open(Path, Map)} keeping parsed predictions up to {@code budget} bytes (tests). */
  static PredictionIndex open(Path file, Map<String, Sample> samples, long budget) {
    Map<String, long[]> lines = new HashMap<>();
    Map<String, Prediction> kept = new HashMap<>();
    java.util.Set<String> failedIds = new java.util.HashSet<>();
    List<String> problems = new ArrayList<>();
    int total = 0;
    long used = 0;
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool =
        threads > 1
            ? Executors.newFixedThreadPool(threads, Workers.daemons("perbench-prediction-check"))
            : null;
    ArrayDeque<Future<Checked[]>> pending = new ArrayDeque<>();
    try (JsonLines.Reader in = JsonLines.open(file)) {
      boolean more = true;
      while (more || !pending.isEmpty()) {
        while (more && pending.size() < 2 * threads) {
          List<JsonLines.Line> batch = new ArrayList<>(BATCH);
          JsonLines.Line line;
          while (batch.size() < BATCH && (line = in.next()) != null) {
            batch.add(line);
          }
          more = batch.size() == BATCH;
          Callable<Checked[]> work = () -> checkAll(batch, samples);
          pending.add(pool != null ? pool.submit(work) : completed(work));
        }
        for (Checked c : Workers.join(pending.poll(), "validating predictions")) {
          String problem = c.problem();
          if (problem == null) {
            Prediction p = c.prediction();
            JsonLines.Line line = c.line();
            long[] first =
                lines.putIfAbsent(
                    p.sampleId(), new long[] {line.offset(), line.number(), line.length()});
            if (first != null) {
              problem =
                  "duplicate sample_id \"" + p.sampleId() + "\" (first on line " + first[1] + ")";
            } else {
              if (p.failed()) {
                failedIds.add(p.sampleId());
              }
              long size = sizeOf(p);
              if (used + size <= budget) {
                kept.put(p.sampleId(), p);
                used += size;
              }
            }
          }
          if (problem != null && total++ < MAX_REPORTED) {
            problems.add("line " + c.line().number() + ": " + problem);
          }
        }
      }
    } catch (InputException e) {
      if (!Files.exists(file)) {
        throw new PredictionFileException(file, List.of("no such file"), 1);
      }
      throw e;
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    if (total > 0) {
      throw new PredictionFileException(file, problems, total);
    }
    try {
      return new PredictionIndex(file, lines, kept, failedIds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final int BATCH = 256;

  /** One line's outcome: blank lines are left out; a prediction, or the problem found. */
  private record Checked(JsonLines.Line line, Prediction prediction, String problem) {}

  /** What each line of a batch is on its own: parsed, its sample known, checked against it. */
  private static Checked[] checkAll(List<JsonLines.Line> batch, Map<String, Sample> samples) {
    List<Checked> out = new ArrayList<>(batch.size());
    for (JsonLines.Line line : batch) {
      if (line.blank()) {
        continue;
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
        out.add(new Checked(line, p, null));
      } catch (IllegalArgumentException e) {
        out.add(new Checked(line, null, e.getMessage()));
      }
    }
    return out.toArray(Checked[]::new);
  }

  private static <T> Future<T> completed(Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    task.run();
    return task;
  }

  /** Roughly the heap a parsed prediction holds: its text and its masks' runs. */
  private static long sizeOf(Prediction p) {
    long size = 96 + (p.text() == null ? 0 : 40 + 2L * p.text().length());
    if (p.masks() != null) {
      for (Mask m : p.masks()) {
        size += 48 + 4L * m.runCount();
      }
    }
    return size;
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
    Prediction p = kept.get(sampleId);
    if (p != null) {
      return p;
    }
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

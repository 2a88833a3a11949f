package dev.perbench.harness.submissions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.perbench.errors.InputException;
import dev.perbench.harness.run.RunManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Turns a finished run folder ({@code perbench run --out DIR}) into an entry's results: {@code
 * <entry>/results/<benchmark>/} gets the run's {@code metrics.json}, {@code predictions.jsonl} and
 * {@code manifest.json} unchanged, and the entry gets a {@code model.json} when it has none.
 */
public final class SubmissionImporter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SubmissionImporter() {}

  /** A run folder that cannot become an entry; the message says why. */
  public static final class ImportException extends InputException {
    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
      super(message);
    }
  }

  /** What a run folder says about itself. */
  public record RunInfo(String benchmark, String harnessVersion, String gitCommit, String date) {
    /** The default citation of a harness-produced entry. */
    public String source() {
      return "perbench harness " + harnessVersion + ", commit " + gitCommit;
    }
  }

  /**
   * Reads a run folder's manifest and checks the run is finished and complete.
   *
   * @throws ImportException when it is not an importable run
   */
  public static RunInfo inspect(Path run) {
    Path manifest = run.resolve(SubmissionValidator.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new ImportException(
          manifest + ": missing; give the folder of a finished `perbench run` (or merge)");
    }
    RunManifest m;
    try {
      m = RunManifest.read(manifest);
    } catch (InputException e) {
      throw new ImportException(e.getMessage());
    }
    if (!m.finished()) {
      throw new ImportException(
          manifest + ": the run is not finished (status \"" + m.status() + "\"); finish it first");
    }
    if (m.limit() != null) {
      throw new ImportException(
          manifest
              + ": the run was limited to "
              + m.limit()
              + " samples; an entry covers the whole benchmark");
    }
    if (!"0/1".equals(m.shard())) {
      throw new ImportException(
          manifest
              + ": shard "
              + m.shard()
              + " of a sharded run; merge the shards first (perbench merge)");
    }
    String failed = MetricsCheck.tooManyFailed(m.failed(), m.samples());
    if (failed != null) {
      throw new ImportException(manifest + ": " + failed);
    }
    if (!Files.isRegularFile(run.resolve(SubmissionValidator.METRICS))) {
      throw new ImportException(run.resolve(SubmissionValidator.METRICS) + ": missing");
    }
    if (SubmissionValidator.target(SubmissionValidator.folderName(m.benchmark())).isEmpty()) {
      throw new ImportException(manifest + ": unknown benchmark \"" + m.benchmark() + "\"");
    }
    return new RunInfo(
        m.benchmark(),
        m.harness().version(),
        m.harness().gitCommit(),
        m.started().substring(0, 10));
  }

  /**
   * Copies the run's files into {@code entry/results/<benchmark>/} and writes {@code card} as the
   * entry's {@code model.json} when the entry has none (card may then not be null).
   *
   * @param replace whether existing results for that benchmark may be replaced
   * @return the results folder written
   */
  public static Path importRun(Path run, Path entry, SubmissionCard card, boolean replace) {
    RunInfo info = inspect(run);
    Path cardFile = entry.resolve(SubmissionValidator.MODEL_CARD);
    if (!Files.exists(cardFile) && card == null) {
      throw new ImportException(
          cardFile + ": the entry has no model card; give at least --name for a new entry");
    }
    Path results =
        entry
            .resolve(SubmissionValidator.RESULTS)
            .resolve(SubmissionValidator.folderName(info.benchmark()));
    if (Files.exists(results) && !replace) {
      throw new ImportException(results + ": exists; add --replace to replace these results");
    }
    try {
      Files.createDirectories(results);
      for (String f :
          List.of(
              SubmissionValidator.METRICS,
              SubmissionValidator.PREDICTIONS,
              SubmissionValidator.MANIFEST)) {
        Path from = run.resolve(f);
        Path to = results.resolve(f);
        if (Files.isRegularFile(from)) {
          Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.deleteIfExists(to);
        }
      }
      if (!Files.exists(cardFile)) {
        Files.writeString(cardFile, card.text());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + results + ": " + e.getMessage(), e);
    }
    return results;
  }
}

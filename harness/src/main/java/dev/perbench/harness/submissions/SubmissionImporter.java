package dev.perbench.harness.submissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.perbench.errors.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
    List<String> problems = new ArrayList<>();
    if (!Files.isRegularFile(manifest)) {
      throw new ImportException(
          manifest + ": missing; give the folder of a finished `perbench run` (or merge)");
    }
    JsonNode m = SubmissionValidator.readJson(manifest, problems);
    if (m == null) {
      throw new ImportException(problems.get(0));
    }
    if (!"finished".equals(m.path("status").asText(null))) {
      throw new ImportException(
          manifest + ": the run is not finished (status " + m.get("status") + "); finish it first");
    }
    if (m.hasNonNull("limit")) {
      throw new ImportException(
          manifest
              + ": the run was limited to "
              + m.get("limit")
              + " samples; an entry covers the whole benchmark");
    }
    if (m.has("shard") && !"0/1".equals(m.get("shard").asText())) {
      throw new ImportException(
          manifest
              + ": shard "
              + m.get("shard").asText()
              + " of a sharded run; merge the shards first (perbench merge)");
    }
    for (String f : List.of(SubmissionValidator.METRICS)) {
      if (!Files.isRegularFile(run.resolve(f))) {
        throw new ImportException(run.resolve(f) + ": missing");
      }
    }
    String benchmark = m.path("benchmark").asText("");
    if (SubmissionValidator.target(SubmissionValidator.folderName(benchmark)).isEmpty()) {
      throw new ImportException(manifest + ": unknown benchmark \"" + benchmark + "\"");
    }
    String started = m.path("started").asText("");
    return new RunInfo(
        benchmark,
        m.path("harness").path("version").asText("unknown"),
        m.path("harness").path("git_commit").asText("unknown"),
        started.length() >= 10 ? started.substring(0, 10) : null);
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
        Files.writeString(cardFile, JSON.writeValueAsString(card.toJson()) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + results + ": " + e.getMessage(), e);
    }
    return results;
  }
}

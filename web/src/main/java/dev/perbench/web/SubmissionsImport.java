package dev.perbench.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.LoadedSplit;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.io.PredictionJson;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Scoring;
import dev.perbench.harness.submissions.SubmissionCard;
import dev.perbench.harness.submissions.SubmissionValidator;
import dev.perbench.web.store.EntryStore;
import dev.perbench.web.store.EntryStore.Result;
import dev.perbench.web.store.EntryStore.SampleRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Imports the entries of a {@code submissions/} folder into the database, idempotently: an entry
 * whose files have not changed (same SHA-256 over its files) is left as it is, a changed one is
 * replaced whole in one transaction, and an invalid one is reported by name and skipped, never
 * half-imported and never stopping the others. The rules are the submissions validator's; the files
 * are read through the harness's typed readers.
 */
public final class SubmissionsImport {
  /**
   * The import rules' version, stored with each entry: 2 added every figure of a result as a row
   * (result_values), 3 the harness version of each result. An entry stored by older rules is
   * imported again.
   */
  static final int IMPORT_VERSION = EntryStore.VERSION;

  /** What an import did. */
  public record Report(List<String> imported, List<String> unchanged, List<String> skipped) {}

  private SubmissionsImport() {}

  /**
   * Imports every entry folder of {@code folder}. A result with predictions is scored sample by
   * sample when {@code data} has its benchmark; an unchanged entry whose predictions could not be
   * scored before (its benchmark was not installed) is imported again once they can.
   */
  public static Report run(Path folder, DataSource db, BenchmarkData data) {
    List<String> imported = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path entry : list(folder)) {
      String id = entry.getFileName().toString();
      if (!Files.isDirectory(entry) || id.startsWith(".")) {
        continue;
      }
      try {
        String hash = hash(entry);
        if (hash.equals(storedHash(db, id))
            && storedVersion(db, id) >= IMPORT_VERSION
            && !scorableNow(db, id, data)) {
          unchanged.add(id);
          continue;
        }
        store(db, id, read(entry, data), hash);
        imported.add(id);
      } catch (InputException e) {
        skipped.add(id + ": " + e.getMessage());
      }
    }
    return new Report(imported, unchanged, skipped);
  }

  /** An entry as read from its folder. */
  record Entry(SubmissionCard card, List<Result> results) {}

  static Entry read(Path entry, BenchmarkData data) {
    if (!SubmissionValidator.ENTRY_ID.matcher(entry.getFileName().toString()).matches()) {
      throw new InputException(entry + ": not an entry id (lowercase letters, digits, . _ -)");
    }
    Path cardFile = entry.resolve(SubmissionValidator.MODEL_CARD);
    List<String> problems = new ArrayList<>();
    SubmissionCard card = SubmissionCard.read(tree(cardFile), problems::add);
    if (card == null) {
      throw new InputException(cardFile + ": " + String.join("; ", problems));
    }
    List<Result> results = new ArrayList<>();
    for (Path r : list(entry.resolve(SubmissionValidator.RESULTS))) {
      if (!Files.isDirectory(r)) {
        continue;
      }
      Path metricsFile = r.resolve(SubmissionValidator.METRICS);
      Evaluation metrics = MetricsFiles.read(metricsFile);
      Path manifestFile = r.resolve(SubmissionValidator.MANIFEST);
      String manifest = null;
      String harnessVersion = null;
      if (Files.exists(manifestFile)) {
        RunManifest m = RunManifest.read(manifestFile);
        manifest = m.text();
        harnessVersion = m.harness().version();
      }
      Path predictions = r.resolve(SubmissionValidator.PREDICTIONS);
      boolean hasPredictions = Files.exists(predictions);
      List<SampleRow> samples =
          hasPredictions
              ? data.split(metrics.benchmark())
                  .map(split -> samples(predictions, split, metrics))
                  .orElse(null)
              : null;
      results.add(
          new Result(
              metrics.benchmark(),
              metrics,
              MetricsFiles.jsonText(metrics),
              manifest,
              harnessVersion,
              hasPredictions,
              samples));
    }
    if (results.isEmpty()) {
      throw new InputException(entry + ": no results");
    }
    return new Entry(card, results);
  }

  /** Scores a prediction file sample by sample under the result's profile. */
  private static List<SampleRow> samples(Path file, LoadedSplit split, Evaluation metrics) {
    EvalProfile profile;
    try {
      profile = EvalProfile.fromId(metrics.profile());
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    List<SampleRow> rows = new ArrayList<>();
    try (PredictionIndex index = PredictionIndex.open(file, split.samplesById())) {
      int[] seq = {0};
      Scoring.score(
          split.benchmarkId(),
          split.samples(),
          index,
          profile,
          BootstrapSettings.percent95(1, 0),
          score -> {
            Prediction p = index.get(score.sampleId());
            rows.add(new SampleRow(seq[0]++, score, p == null ? null : PredictionJson.write(p)));
          });
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /** Whether the entry has predictions not yet scored whose benchmark is installed now. */
  private static boolean scorableNow(DataSource db, String id, BenchmarkData data) {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT benchmark FROM results WHERE entry_id = ? AND has_predictions"
                    + " AND NOT samples_scored")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          if (data.split(rs.getString(1)).isPresent()) {
            return true;
          }
        }
        return false;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entry " + id + ": " + e.getMessage(), e);
    }
  }

  private static void store(DataSource db, String id, Entry e, String hash) {
    EntryStore.store(
        db,
        new EntryStore.Entry(
            id,
            e.card(),
            e.card().kind(),
            null,
            EntryStore.PUBLISHED,
            EntryStore.PUBLIC,
            hash,
            e.results()));
  }

  private static int storedVersion(DataSource db, String id) {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT import_version FROM entries WHERE id = ?")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entry " + id + ": " + e.getMessage(), e);
    }
  }

  private static String storedHash(DataSource db, String id) {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT content_sha256 FROM entries WHERE id = ?")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entry " + id + ": " + e.getMessage(), e);
    }
  }

  /** SHA-256 over the entry's files: each relative path, a zero byte, its bytes, in path order. */
  static String hash(Path entry) {
    try (Stream<Path> walk = Files.walk(entry)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(entry.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(f));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + entry + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode tree(Path file) {
    try {
      return StrictJson.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file + ": " + StrictJson.describe(e), e);
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + ": not a folder");
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}

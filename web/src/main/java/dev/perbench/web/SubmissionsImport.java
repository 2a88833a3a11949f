package dev.perbench.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.errors.InputException;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.submissions.SubmissionCard;
import dev.perbench.harness.submissions.SubmissionValidator;
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
import java.sql.Timestamp;
import java.time.Instant;
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
  /** What an import did. */
  public record Report(List<String> imported, List<String> unchanged, List<String> skipped) {}

  private SubmissionsImport() {}

  /** Imports every entry folder of {@code folder}. */
  public static Report run(Path folder, DataSource db) {
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
        if (hash.equals(storedHash(db, id))) {
          unchanged.add(id);
          continue;
        }
        store(db, id, read(entry), hash);
        imported.add(id);
      } catch (InputException e) {
        skipped.add(id + ": " + e.getMessage());
      }
    }
    return new Report(imported, unchanged, skipped);
  }

  /** An entry as read from its folder. */
  record Entry(SubmissionCard card, List<Result> results) {}

  /** One results folder. */
  record Result(
      String benchmark,
      Evaluation metrics,
      String metricsJson,
      String manifestJson,
      boolean predictions) {}

  static Entry read(Path entry) {
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
      if (Files.exists(manifestFile)) {
        manifest = RunManifest.read(manifestFile).text();
      }
      results.add(
          new Result(
              metrics.benchmark(),
              metrics,
              MetricsFiles.jsonText(metrics),
              manifest,
              Files.exists(r.resolve(SubmissionValidator.PREDICTIONS))));
    }
    if (results.isEmpty()) {
      throw new InputException(entry + ": no results");
    }
    return new Entry(card, results);
  }

  private static void store(DataSource db, String id, Entry e, String hash) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM entries WHERE id = ?")) {
          del.setString(1, id);
          del.executeUpdate();
        }
        try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO entries (id, name, organisation, size, link, kind, source,"
                    + " entry_date, notes, owner, status, visibility, content_sha256,"
                    + " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'published',"
                    + " 'public', ?, ?)")) {
          SubmissionCard card = e.card();
          ins.setString(1, id);
          ins.setString(2, card.name());
          ins.setString(3, card.organisation());
          ins.setString(4, card.size());
          ins.setString(5, card.link());
          ins.setString(6, card.kind());
          ins.setString(7, card.source());
          ins.setString(8, card.date());
          ins.setString(9, card.notes());
          ins.setString(10, hash);
          ins.setTimestamp(11, Timestamp.from(Instant.now()));
          ins.executeUpdate();
        }
        try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO results (entry_id, benchmark, profile, metrics_version, main_metric,"
                    + " main_value, main_lower, main_upper, failed, metrics_json, manifest_json,"
                    + " has_predictions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (Result r : e.results()) {
            MainMetric main = MainMetric.of(r.metrics());
            ins.setString(1, id);
            ins.setString(2, r.benchmark());
            ins.setString(3, r.metrics().profile());
            ins.setObject(4, r.metrics().metricsVersion());
            ins.setString(5, main.name());
            ins.setObject(6, main.value());
            ins.setObject(7, main.lower());
            ins.setObject(8, main.upper());
            ins.setObject(9, r.metrics().failed());
            ins.setString(10, r.metricsJson());
            ins.setString(11, r.manifestJson());
            ins.setBoolean(12, r.predictions());
            ins.addBatch();
          }
          ins.executeBatch();
        }
        c.commit();
      } catch (SQLException ex) {
        c.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      throw new IllegalStateException("cannot store entry " + id + ": " + ex.getMessage(), ex);
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

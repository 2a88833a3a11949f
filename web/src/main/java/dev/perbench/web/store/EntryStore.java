package dev.perbench.web.store;

import dev.perbench.data.model.Task;
import dev.perbench.harness.score.CaptionTaskResult;
import dev.perbench.harness.score.ChoiceJudgeScore;
import dev.perbench.harness.score.ChoiceTaskResult;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Interval;
import dev.perbench.harness.score.JudgeScore;
import dev.perbench.harness.score.MetricValue;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.harness.score.TaskResult;
import dev.perbench.harness.submissions.SubmissionCard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Stores a leaderboard entry whole: its card, and per benchmark its result (the headline value,
 * metrics.json), every figure of it as its own row (result_values) and, when its predictions were
 * scored, one row per sample (sample_results). An entry stored again replaces the old one whole.
 * The import of {@code submissions/} and the scoring workers of hosted submissions both store
 * through here, so an entry reads the same whichever way it came.
 */
public final class EntryStore {
  /**
   * The storage rules' version, recorded with each entry: 2 added every figure of a result as a row
   * (result_values), 3 the harness version of each result. The import stores an entry stored by
   * older rules again.
   */
  public static final int VERSION = 3;

  /** An entry's status and visibility as the import stores them: shown to everyone. */
  public static final String PUBLISHED = "published";

  /** Shown on the leaderboards. */
  public static final String PUBLIC = "public";

  /** Shown only to the entry's owner. */
  public static final String PRIVATE = "private";

  /**
   * An entry to store.
   *
   * @param kind the kind shown on the leaderboards (the card's for an import, {@code submitted} for
   *     a hosted submission)
   * @param owner the owning user's id, or null (imported entries have none)
   * @param status {@code published}, or another state of a hosted entry
   * @param visibility {@code public} or {@code private}
   * @param contentSha256 a SHA-256 of what the entry was made from (the import compares it)
   */
  public record Entry(
      String id,
      SubmissionCard card,
      String kind,
      String owner,
      String status,
      String visibility,
      String contentSha256,
      List<Result> results) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(card, "card");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(visibility, "visibility");
      Objects.requireNonNull(contentSha256, "contentSha256");
      results = List.copyOf(results);
    }
  }

  /**
   * One benchmark's result.
   *
   * @param metricsJson metrics.json's text
   * @param manifestJson the run's manifest.json text, or null
   * @param harnessVersion the version of the harness that produced the result, or null when not
   *     known
   * @param predictions whether the result came with predictions
   * @param samples each sample's score in benchmark order, or null when the predictions were not
   *     scored sample by sample (no predictions, or the benchmark's data is not installed)
   */
  public record Result(
      String benchmark,
      Evaluation metrics,
      String metricsJson,
      String manifestJson,
      String harnessVersion,
      boolean predictions,
      List<SampleRow> samples) {}

  /**
   * One sample's row of a result: its position in the benchmark, its score, its prediction line.
   */
  public record SampleRow(int seq, SampleScore score, String predictionJson) {}

  private EntryStore() {}

  /** Stores {@code e} in a transaction of its own, replacing any entry of its id. */
  public static void store(DataSource db, Entry e) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        store(c, e);
        c.commit();
      } catch (SQLException | RuntimeException ex) {
        c.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      throw new IllegalStateException("cannot store entry " + e.id() + ": " + ex.getMessage(), ex);
    }
  }

  /**
   * Stores {@code e} inside the caller's transaction (which commits or rolls back), replacing any
   * entry of its id.
   */
  public static void store(Connection c, Entry e) throws SQLException {
    String id = e.id();
    try (PreparedStatement del = c.prepareStatement("DELETE FROM entries WHERE id = ?")) {
      del.setString(1, id);
      del.executeUpdate();
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO entries (id, name, organisation, size, link, kind, source,"
                + " entry_date, notes, owner, status, visibility, content_sha256,"
                + " imported_at, import_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)")) {
      SubmissionCard card = e.card();
      ins.setString(1, id);
      ins.setString(2, card.name());
      ins.setString(3, card.organisation());
      ins.setString(4, card.size());
      ins.setString(5, card.link());
      ins.setString(6, e.kind());
      ins.setString(7, card.source());
      ins.setString(8, card.date());
      ins.setString(9, card.notes());
      ins.setString(10, e.owner());
      ins.setString(11, e.status());
      ins.setString(12, e.visibility());
      ins.setString(13, e.contentSha256());
      ins.setTimestamp(14, Timestamp.from(Instant.now()));
      ins.setInt(15, VERSION);
      ins.executeUpdate();
    }
    insertResults(c, id, e.results());
  }

  /**
   * Replaces one result of an entry with the result of a re-score, inside the caller's transaction:
   * the old result is kept in {@code earlier_results} (replaced by re-score {@code rescoreId} at
   * {@code at}), the new one takes its place with its figures and samples; the entry itself (card,
   * owner, visibility, moderation) is left as it is.
   *
   * @throws IllegalStateException when the entry has no result on that benchmark
   */
  public static void replaceResult(
      Connection c, String entryId, Result result, long rescoreId, Instant at) throws SQLException {
    try (PreparedStatement keep =
        c.prepareStatement(
            "INSERT INTO earlier_results (entry_id, benchmark, replaced_by, replaced_at, profile,"
                + " main_metric, main_value, main_lower, main_upper, failed, metrics_json,"
                + " harness_version) SELECT entry_id, benchmark, ?, ?, profile, main_metric,"
                + " main_value, main_lower, main_upper, failed, metrics_json, harness_version"
                + " FROM results WHERE entry_id = ? AND benchmark = ?")) {
      keep.setLong(1, rescoreId);
      keep.setTimestamp(2, Timestamp.from(at));
      keep.setString(3, entryId);
      keep.setString(4, result.benchmark());
      if (keep.executeUpdate() != 1) {
        throw new IllegalStateException(
            "entry " + entryId + " has no result on " + result.benchmark() + " to replace");
      }
    }
    // the result's figures and samples go with it (ON DELETE CASCADE)
    try (PreparedStatement del =
        c.prepareStatement("DELETE FROM results WHERE entry_id = ? AND benchmark = ?")) {
      del.setString(1, entryId);
      del.setString(2, result.benchmark());
      del.executeUpdate();
    }
    insertResults(c, entryId, List.of(result));
    try (PreparedStatement mark =
        c.prepareStatement(
            "UPDATE results SET rescore_id = ? WHERE entry_id = ? AND benchmark = ?")) {
      mark.setLong(1, rescoreId);
      mark.setString(2, entryId);
      mark.setString(3, result.benchmark());
      mark.executeUpdate();
    }
  }

  private static void insertResults(Connection c, String id, List<Result> results)
      throws SQLException {
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO results (entry_id, benchmark, profile, metrics_version, main_metric,"
                + " main_value, main_lower, main_upper, failed, metrics_json, manifest_json,"
                + " has_predictions, samples_scored, harness_version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Result r : results) {
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
        ins.setBoolean(13, r.samples() != null);
        ins.setString(14, r.harnessVersion());
        ins.addBatch();
      }
      ins.executeBatch();
    }
    storeValues(c, id, results);
    storeSamples(c, id, results);
  }

  /** Every figure of each result, in percent: the tasks' metrics, then the overall score. */
  private static void storeValues(Connection c, String id, List<Result> results)
      throws SQLException {
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO result_values (entry_id, benchmark, task, metric, position,"
                + " metric_value, lower_bound, upper_bound) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Result r : results) {
        int position = 0;
        for (Map.Entry<Task, TaskResult> t : r.metrics().tasks().byTask().entrySet()) {
          for (MetricValue v : t.getValue().values()) {
            if (v.count() || v.value() == null) {
              continue;
            }
            Interval ci = v.interval();
            value(
                ins,
                id,
                r.benchmark(),
                t.getKey().id(),
                v.name(),
                position++,
                100 * v.value().doubleValue(),
                ci == null ? null : 100 * ci.lower(),
                ci == null ? null : 100 * ci.upper());
          }
          if (t.getValue() instanceof ChoiceTaskResult choice && choice.judges() != null) {
            // an LLM judge's reading of the answers the strict extractor could not parse: its
            // accuracy as a column of its own, beside the strict one
            for (Map.Entry<String, ChoiceJudgeScore> j : choice.judges().entrySet()) {
              Interval ci = j.getValue().ci();
              value(
                  ins,
                  id,
                  r.benchmark(),
                  t.getKey().id(),
                  "judge:" + j.getKey(),
                  position++,
                  100 * j.getValue().accuracy(),
                  ci == null ? null : 100 * ci.lower(),
                  ci == null ? null : 100 * ci.upper());
            }
          }
          if (t.getValue() instanceof CaptionTaskResult caption && caption.judges() != null) {
            // each LLM judge's score as a column of its own, named for the judge (in percent
            // already, as metrics.json records judge scores)
            for (Map.Entry<String, JudgeScore> j : caption.judges().entrySet()) {
              JudgeScore js = j.getValue();
              if (js.score() == null) {
                continue;
              }
              value(
                  ins,
                  id,
                  r.benchmark(),
                  t.getKey().id(),
                  "judge:" + j.getKey(),
                  position++,
                  js.score(),
                  js.ci() == null ? null : js.ci().get(0),
                  js.ci() == null ? null : js.ci().get(1));
            }
          }
        }
        if (r.metrics().overall() != null) {
          value(
              ins,
              id,
              r.benchmark(),
              "perbench",
              "overall",
              position,
              r.metrics().overall(),
              null,
              null);
        }
      }
      ins.executeBatch();
    }
  }

  private static void value(
      PreparedStatement ins,
      String id,
      String benchmark,
      String task,
      String metric,
      int position,
      double value,
      Double lower,
      Double upper)
      throws SQLException {
    ins.setString(1, id);
    ins.setString(2, benchmark);
    ins.setString(3, task);
    ins.setString(4, metric);
    ins.setInt(5, position);
    ins.setDouble(6, value);
    ins.setObject(7, lower);
    ins.setObject(8, upper);
    ins.addBatch();
  }

  private static void storeSamples(Connection c, String id, List<Result> results)
      throws SQLException {
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO sample_results (entry_id, benchmark, seq, sample_id, task, status, score,"
                + " targets, iou_sum, intersection_px, union_px, chosen, prediction_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Result r : results) {
        if (r.samples() == null) {
          continue;
        }
        int batched = 0;
        for (SampleRow row : r.samples()) {
          SampleScore s = row.score();
          ins.setString(1, id);
          ins.setString(2, r.benchmark());
          ins.setInt(3, row.seq());
          ins.setString(4, s.sampleId());
          ins.setString(5, s.task().id());
          ins.setString(6, s.status());
          ins.setDouble(7, s.score());
          ins.setInt(8, s.targets());
          ins.setDouble(9, s.iouSum());
          ins.setDouble(10, s.intersection());
          ins.setDouble(11, s.union());
          ins.setString(12, s.chosen());
          ins.setString(13, row.predictionJson());
          ins.addBatch();
          if (++batched % 1000 == 0) {
            ins.executeBatch();
          }
        }
        ins.executeBatch();
      }
    }
  }
}

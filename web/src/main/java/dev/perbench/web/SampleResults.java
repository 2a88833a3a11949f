package dev.perbench.web;

import dev.perbench.data.model.Task;
import dev.perbench.harness.score.SampleScore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The per-sample rows of entries' results, read from the database, as a {@link Viewer} may see
 * them: their own private entries' too, and those of a benchmark whose ground truth is hidden only
 * when an admin (aggregate comparisons, which reveal no sample, may use them: {@link
 * #scoresForComparison}).
 */
public final class SampleResults {
  private static final String COLUMNS =
      "a.seq, a.sample_id, a.task, a.status, a.score, a.targets, a.iou_sum, a.intersection_px,"
          + " a.union_px, a.chosen, a.prediction_json";
  private static final String NOT_HIDDEN =
      " AND a.benchmark NOT IN (SELECT benchmark FROM hidden_benchmarks)";

  /** The join that keeps the rows {@code v} may see. */
  private static String visible(Viewer v, boolean aggregate) {
    return " JOIN entries ea ON ea.id = a.entry_id AND "
        + v.condition("ea")
        + (v.admin() || aggregate ? "" : NOT_HIDDEN);
  }

  private final DataSource db;

  public SampleResults(DataSource db) {
    this.db = db;
  }

  /** Every sample score of a public entry's result, in benchmark order; empty when none. */
  public List<SampleScore> scores(String entry, String bench) {
    return scores(entry, bench, Viewer.ANYONE, false);
  }

  /** The scores for a paired comparison, which shows aggregates only (hidden benchmarks too). */
  public List<SampleScore> scoresForComparison(String entry, String bench, Viewer v) {
    return scores(entry, bench, v, true);
  }

  /** Every sample score of an entry's result {@code v} may see, in order; empty when none. */
  public List<SampleScore> scores(String entry, String bench, Viewer v) {
    return scores(entry, bench, v, false);
  }

  private List<SampleScore> scores(String entry, String bench, Viewer v, boolean aggregate) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM sample_results a"
            + visible(v, aggregate)
            + " WHERE a.entry_id = ? AND a.benchmark = ? ORDER BY a.seq";
    List<SampleScore> out = new ArrayList<>();
    query(
        sql,
        q -> {
          q.setString(1, entry);
          q.setString(2, bench);
        },
        rs -> out.add(score(rs, 2)));
    return out;
  }

  /** A public entry's prediction lines of a benchmark, in benchmark order, one per line. */
  public String predictionLines(String entry, String bench, Viewer v) {
    StringBuilder out = new StringBuilder();
    query(
        "SELECT a.prediction_json FROM sample_results a"
            + visible(v, false)
            + " WHERE a.entry_id = ? AND a.benchmark = ? AND a.prediction_json IS NOT NULL"
            + " ORDER BY a.seq",
        q -> {
          q.setString(1, entry);
          q.setString(2, bench);
        },
        rs -> out.append(rs.getString(1)).append('\n'));
    return out.toString();
  }

  /** The tasks a public entry's result has per-sample rows of, in task order. */
  public List<String> tasks(String entry, String bench, Viewer v) {
    List<String> found = new ArrayList<>();
    query(
        "SELECT DISTINCT a.task FROM sample_results a"
            + visible(v, false)
            + " WHERE a.entry_id = ? AND a.benchmark = ?",
        q -> {
          q.setString(1, entry);
          q.setString(2, bench);
        },
        rs -> found.add(rs.getString(1)));
    List<String> tasks = new ArrayList<>();
    for (Task t : Task.values()) {
      if (found.contains(t.id())) {
        tasks.add(t.id());
      }
    }
    return tasks;
  }

  /** The rows of one page of {@code q} (its task set), with their total count. */
  public Page page(String entry, SampleQuery q, Viewer v) {
    StringBuilder where =
        new StringBuilder(" WHERE a.entry_id = ? AND a.benchmark = ? AND a.task = ?");
    if (q.filter() != null) {
      where.append(" AND b.score IS NOT NULL AND ");
      where.append(
          switch (q.filter()) {
            case "a-better" -> "a.score > b.score";
            case "b-better" -> "b.score > a.score";
            case "a-right-b-wrong" ->
                "a.score >= " + SampleQuery.RIGHT + " AND b.score < " + SampleQuery.RIGHT;
            default -> "b.score >= " + SampleQuery.RIGHT + " AND a.score < " + SampleQuery.RIGHT;
          });
    }
    String from =
        " FROM sample_results a"
            + visible(v, false)
            + " LEFT JOIN sample_results b ON b.entry_id = ? AND b.benchmark = a.benchmark"
            + " AND b.sample_id = a.sample_id"
            + " AND EXISTS (SELECT 1 FROM entries eb WHERE eb.id = b.entry_id"
            + " AND "
            + v.condition("eb")
            + ")";
    String order =
        switch (q.sort()) {
          case "worst" -> " ORDER BY a.score, a.seq";
          case "best" -> " ORDER BY a.score DESC, a.seq";
          default -> " ORDER BY a.seq";
        };
    Binder bind =
        s -> {
          s.setString(1, q.vs() == null ? "" : q.vs());
          s.setString(2, entry);
          s.setString(3, q.bench());
          s.setString(4, q.task());
        };
    int[] total = {0};
    query("SELECT COUNT(*)" + from + where, bind, rs -> total[0] = rs.getInt(1));
    List<StoredSample> rows = new ArrayList<>();
    String sql =
        "SELECT "
            + COLUMNS
            + ", b.sample_id, b.task, b.status, b.score, b.targets, b.iou_sum, b.intersection_px,"
            + " b.union_px, b.chosen, b.prediction_json"
            + from
            + where
            + order
            + " LIMIT "
            + SampleQuery.PAGE_SIZE
            + " OFFSET "
            + (long) (q.page() - 1) * SampleQuery.PAGE_SIZE;
    query(sql, bind, rs -> rows.add(stored(rs)));
    return new Page(rows, total[0]);
  }

  /** Rows and how many match in all. */
  public record Page(List<StoredSample> rows, int total) {}

  /** One sample of a public entry's result. */
  public Optional<StoredSample> one(String entry, String bench, String sampleId, Viewer v) {
    List<StoredSample> found = new ArrayList<>();
    query(
        "SELECT "
            + COLUMNS
            + " FROM sample_results a"
            + visible(v, false)
            + " WHERE a.entry_id = ? AND a.benchmark = ? AND a.sample_id = ?",
        q -> {
          q.setString(1, entry);
          q.setString(2, bench);
          q.setString(3, sampleId);
        },
        rs ->
            found.add(new StoredSample(rs.getInt(1), score(rs, 2), rs.getString(11), null, null)));
    return found.stream().findFirst();
  }

  private static StoredSample stored(ResultSet rs) throws SQLException {
    SampleScore vs = rs.getString(12) == null ? null : score(rs, 12);
    return new StoredSample(
        rs.getInt(1), score(rs, 2), rs.getString(11), vs, vs == null ? null : rs.getString(21));
  }

  /** A score from the 9 columns starting at {@code first} (sample_id ... chosen). */
  private static SampleScore score(ResultSet rs, int first) throws SQLException {
    return new SampleScore(
        rs.getString(first),
        Task.fromId(rs.getString(first + 1)),
        rs.getString(first + 2),
        rs.getDouble(first + 3),
        rs.getInt(first + 4),
        rs.getDouble(first + 5),
        rs.getDouble(first + 6),
        rs.getDouble(first + 7),
        rs.getString(first + 8));
  }

  private interface Binder {
    void bind(PreparedStatement q) throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String sql, Binder binder, RowReader reader) {
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      binder.bind(q);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read sample results: " + e.getMessage(), e);
    }
  }
}

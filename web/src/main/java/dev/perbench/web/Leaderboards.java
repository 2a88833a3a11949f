package dev.perbench.web;

import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.data.model.Task;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.submissions.PaperBenchmarks;
import dev.perbench.harness.submissions.SubmissionCard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What the leaderboard pages and the API show, read from the database: the benchmarks with their
 * leaders, and one benchmark's rows. Numbers of different profiles (metric conventions) are never
 * ranked together: rows are grouped by profile, and within a profile ordered best first.
 */
public final class Leaderboards {
  private final DataSource db;

  public Leaderboards(DataSource db) {
    this.db = db;
  }

  /** Every benchmark that is catalogued or paper-only, with its entries and leader. */
  public List<BenchmarkSummary> benchmarks() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (BenchmarkSpec s : BenchmarkCatalog.all()) {
      ids.put(s.id(), tasks(s.tasks()));
    }
    for (PaperBenchmarks.PaperBenchmark b : PaperBenchmarks.all()) {
      ids.put(b.id(), tasks(b.tasks()));
    }
    List<BenchmarkSummary> out = new ArrayList<>();
    ids.forEach(
        (id, tasks) -> {
          List<LeaderboardRow> rows = rows(id);
          out.add(
              new BenchmarkSummary(
                  id,
                  tasks,
                  rows.size(),
                  rows.isEmpty() ? "-" : rows.get(0).mainMetric(),
                  rows.stream().filter(r -> r.value() != null).findFirst().orElse(null)));
        });
    return out;
  }

  /** Whether {@code id} is a benchmark the site knows. */
  public static boolean known(String id) {
    return BenchmarkCatalog.all().stream().anyMatch(s -> s.id().equals(id))
        || PaperBenchmarks.find(id).isPresent();
  }

  /** The rows of one benchmark, all of them, by value. */
  public List<LeaderboardRow> rows(String benchmark) {
    return rows(benchmark, LeaderboardQuery.all());
  }

  /**
   * The rows of one benchmark that pass the query's filters: grouped by profile (the group with the
   * most entries first), ranked within their group by their intervals, in the query's order (by
   * value: best first, entries without a value last).
   */
  public List<LeaderboardRow> rows(String benchmark, LeaderboardQuery query) {
    String sql =
        "SELECT e.id, e.name, e.organisation, e.size, e.kind, r.profile, r.main_metric,"
            + " r.main_value, r.main_lower, r.main_upper, r.failed, r.has_predictions"
            + " FROM results r JOIN entries e ON e.id = r.entry_id"
            + " WHERE r.benchmark = ? AND e.visibility = 'public' AND e.status = 'published'";
    List<LeaderboardRow> all = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, benchmark);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          all.add(
              new LeaderboardRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  (Double) rs.getObject(8),
                  (Double) rs.getObject(9),
                  (Double) rs.getObject(10),
                  rs.getObject(11) == null ? null : rs.getLong(11),
                  rs.getBoolean(12),
                  0,
                  0));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the leaderboard: " + e.getMessage(), e);
    }
    List<LeaderboardRow> ranked = new ArrayList<>();
    for (LeaderboardRow r : all) {
      ranked.add(ranked(r, all));
    }
    List<LeaderboardRow> rows =
        ranked.stream()
            .filter(r -> query.kind() == null || query.kind().equals(r.kind()))
            .filter(
                r -> query.size() == null || query.size().equals(LeaderboardQuery.bucket(r.size())))
            .filter(
                r -> query.organisation() == null || query.organisation().equals(r.organisation()))
            .collect(Collectors.toCollection(ArrayList::new));
    Map<String, Long> perProfile =
        all.stream().collect(Collectors.groupingBy(LeaderboardRow::profile, Collectors.counting()));
    Comparator<LeaderboardRow> byProfile =
        Comparator.<LeaderboardRow>comparingLong(r -> -perProfile.get(r.profile()))
            .thenComparing(LeaderboardRow::profile);
    Comparator<LeaderboardRow> order =
        switch (query.sort()) {
          case "name" -> Comparator.comparing(r -> r.name().toLowerCase(java.util.Locale.ROOT));
          case "size" -> Comparator.comparingDouble(r -> LeaderboardQuery.billions(r.size()));
          default ->
              byProfile.thenComparing(
                  r -> r.value() == null ? Double.POSITIVE_INFINITY : -r.value());
        };
    rows.sort(order.thenComparing(LeaderboardRow::entryId));
    return rows;
  }

  /** The row with its rank range among the rows of its profile (rows without a value: none). */
  private static LeaderboardRow ranked(LeaderboardRow r, List<LeaderboardRow> all) {
    if (r.value() == null) {
      return r;
    }
    int better = 0;
    int maybeBetter = 0;
    for (LeaderboardRow o : all) {
      if (o == r || o.value() == null || !o.profile().equals(r.profile())) {
        continue;
      }
      if (o.low() > r.high()) {
        better++;
      }
      if (o.high() >= r.low()) {
        maybeBetter++;
      }
    }
    return r.withRanks(1 + better, 1 + maybeBetter);
  }

  /** An entry with its results, by id; empty when there is no public entry of that id. */
  public Optional<EntryView> entry(String id) {
    try (Connection c = db.getConnection()) {
      SubmissionCard card;
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT name, organisation, size, link, kind, source, entry_date, notes"
                  + " FROM entries WHERE id = ? AND visibility = 'public'")) {
        q.setString(1, id);
        try (ResultSet rs = q.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          card =
              new SubmissionCard(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8));
        }
      }
      List<EntryResult> results = new ArrayList<>();
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT benchmark, metrics_json, manifest_json, has_predictions, samples_scored"
                  + " FROM results"
                  + " WHERE entry_id = ? ORDER BY benchmark")) {
        q.setString(1, id);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            String manifest = rs.getString(3);
            results.add(
                new EntryResult(
                    rs.getString(1),
                    StrictJson.parse(rs.getString(2), Evaluation.class),
                    manifest == null ? null : StrictJson.parse(manifest, RunManifest.class),
                    rs.getBoolean(4),
                    rs.getBoolean(5)));
          }
        }
      }
      return Optional.of(new EntryView(id, card, results));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entry " + id + ": " + e.getMessage(), e);
    }
  }

  /** The stored {@code metrics.json} of an entry's result, as it was imported. */
  public Optional<String> metricsJson(String id, String benchmark) {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT r.metrics_json FROM results r JOIN entries e ON e.id = r.entry_id"
                    + " WHERE r.entry_id = ? AND r.benchmark = ? AND e.visibility = 'public'")) {
      q.setString(1, id);
      q.setString(2, benchmark);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entry " + id + ": " + e.getMessage(), e);
    }
  }

  private static String tasks(List<Task> tasks) {
    return tasks.stream().map(Task::id).collect(Collectors.joining(", "));
  }
}

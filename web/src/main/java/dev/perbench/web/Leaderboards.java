package dev.perbench.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.submissions.PaperBenchmarks;
import dev.perbench.harness.submissions.SubmissionCard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What the leaderboard pages and the API show, read from the database: the benchmarks with their
 * leaders, and one benchmark's rows. Numbers of different profiles (metric conventions) are never
 * ranked together: rows are grouped by profile, and within a profile ordered best first.
 */
public final class Leaderboards {
  /**
   * The condition under which an entry (the entries table as {@code alias}, or unqualified when
   * empty) is shown anywhere on the site: published and public. Hosted submissions (queued,
   * private, withdrawn) stay out of every page, list and API answer until they are both.
   */
  static String shown(String alias) {
    String a = alias.isEmpty() ? "" : alias + ".";
    return a + "visibility = 'public' AND " + a + "status = 'published'";
  }

  private final DataSource db;
  private final BenchmarkData data;
  private final Cache<String, Snapshot> cache =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10)).maximumSize(1000).build();
  private final AtomicLong reads = new AtomicLong();
  private final List<Runnable> invalidated = new CopyOnWriteArrayList<>();

  /** A benchmark's rows as one read of the database gave them, and which read that was. */
  private record Snapshot(List<LeaderboardRow> rows, long version) {}

  /** The leaderboards of {@code db}; benchmark sizes are the published ones. */
  public Leaderboards(DataSource db) {
    this(db, null);
  }

  /** The leaderboards of {@code db}, counting the samples of the benchmarks {@code data} has. */
  public Leaderboards(DataSource db, BenchmarkData data) {
    this.db = db;
    this.data = data;
  }

  /** Every benchmark that is catalogued or paper-only, with its entries and leader. */
  public List<BenchmarkSummary> benchmarks() {
    List<BenchmarkSummary> out = new ArrayList<>();
    for (BenchmarkSpec s : BenchmarkCatalog.all()) {
      Integer samples = s.publishedSamples();
      if (data != null) {
        samples = data.split(s.id()).map(l -> l.samples().size()).orElse(samples);
      }
      out.add(summary(s.id(), tasks(s.tasks()), samples));
    }
    for (PaperBenchmarks.PaperBenchmark b : PaperBenchmarks.all()) {
      out.add(summary(b.id(), tasks(b.tasks()), null));
    }
    return out;
  }

  private BenchmarkSummary summary(String id, String tasks, Integer samples) {
    List<LeaderboardRow> rows = rows(id);
    return new BenchmarkSummary(
        id,
        tasks,
        samples,
        rows.size(),
        rows.isEmpty() ? "-" : rows.get(0).mainMetric(),
        rows.stream().filter(r -> r.value() != null).findFirst().orElse(null));
  }

  /**
   * The benchmarks whose ground truth is hidden: only aggregate metrics of their results are shown
   * (no per-sample scores, overlays or predictions), except to admins.
   */
  public java.util.Set<String> hidden() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement("SELECT benchmark FROM hidden_benchmarks");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the hidden benchmarks: " + e.getMessage(), e);
    }
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
   * most entries first), ranked within their group by the intervals of the column sorted by (the
   * headline value unless a metric column is chosen), in the query's order (by value: best first,
   * entries without a value last).
   *
   * @throws InputException when the query sorts by a column this benchmark does not have
   */
  public List<LeaderboardRow> rows(String benchmark, LeaderboardQuery query) {
    List<LeaderboardRow> all = base(benchmark);
    String column = query.column();
    if (column != null && columns(all).stream().noneMatch(c -> c.key().equals(column))) {
      throw new InputException(
          "parameter sort: '"
              + column
              + "' is not a column of "
              + benchmark
              + "; its columns are "
              + columns(all).stream().map(Column::key).collect(Collectors.joining(", ")));
    }
    Function<LeaderboardRow, LeaderboardRow.Cell> rankedBy =
        column == null ? LeaderboardRow::main : r -> r.cells().get(column);
    List<LeaderboardRow> ranked = new ArrayList<>();
    for (LeaderboardRow r : all) {
      ranked.add(ranked(r, all, rankedBy));
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
          case "name" -> Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT));
          case "size" -> Comparator.comparingDouble(r -> LeaderboardQuery.billions(r.size()));
          default ->
              byProfile.thenComparing(
                  r -> {
                    LeaderboardRow.Cell c = rankedBy.apply(r);
                    return c == null ? Double.POSITIVE_INFINITY : -c.value();
                  });
        };
    rows.sort(order.thenComparing(LeaderboardRow::entryId));
    return rows;
  }

  /** The metric columns of a benchmark's public rows, in metrics.json's order. */
  public List<Column> columns(String benchmark) {
    return columns(base(benchmark));
  }

  /** The metric columns the rows have, in metrics.json's order. */
  public static List<Column> columns(List<LeaderboardRow> rows) {
    Map<String, Column> seen = new LinkedHashMap<>();
    Map<String, Integer> position = new LinkedHashMap<>();
    for (LeaderboardRow r : rows) {
      r.cells()
          .forEach(
              (key, cell) -> {
                seen.putIfAbsent(key, Column.of(key));
                position.merge(key, cell.position(), Math::min);
              });
    }
    // tasks in metrics.json's order, then each task's columns in order: an entry with an LLM judge
    // has one more caption column, which shifts its later positions by one
    Map<String, Integer> taskStart = new LinkedHashMap<>();
    for (Column c : seen.values()) {
      taskStart.merge(c.task(), position.get(c.key()), Math::min);
    }
    List<Column> out = new ArrayList<>(seen.values());
    out.sort(
        Comparator.comparingInt((Column c) -> taskStart.get(c.task()))
            .thenComparingInt(c -> position.get(c.key())));
    return out;
  }

  /** A metric column: {@code key} is {@code task.metric}, e.g. {@code vres.giou}. */
  public record Column(String key, String task, String metric) {
    static Column of(String key) {
      int dot = key.indexOf('.');
      return new Column(key, key.substring(0, dot), key.substring(dot + 1));
    }
  }

  /** Forgets the cached rows (after an import; they also expire after a few seconds). */
  public void invalidate() {
    cache.invalidateAll();
    invalidated.forEach(Runnable::run);
  }

  /** Runs {@code r} after each {@link #invalidate()}: for what is kept that was made from rows. */
  public void onInvalidate(Runnable r) {
    invalidated.add(r);
  }

  /**
   * Which read of the benchmark's rows {@link #rows} serves now: it changes whenever they are read
   * again from the database (after {@link #invalidate()}, or when the cached rows expire), so that
   * what is made from the rows (a rendered page) can be cached under it and is never staler than
   * the rows themselves.
   */
  public long version(String benchmark) {
    return snapshot(benchmark).version();
  }

  /** Every public row of a benchmark with all its values, unranked and unsorted; cached. */
  private List<LeaderboardRow> base(String benchmark) {
    return snapshot(benchmark).rows();
  }

  private Snapshot snapshot(String benchmark) {
    return cache.get(benchmark, id -> new Snapshot(read(id), reads.incrementAndGet()));
  }

  private List<LeaderboardRow> read(String benchmark) {
    String sql =
        "SELECT e.id, e.name, e.organisation, e.size, e.kind, r.profile, r.main_metric,"
            + " r.main_value, r.main_lower, r.main_upper, r.failed, r.has_predictions,"
            + " r.samples_scored"
            + " FROM results r JOIN entries e ON e.id = r.entry_id"
            + " WHERE r.benchmark = ? AND "
            + shown("e");
    String values =
        "SELECT v.entry_id, v.task, v.metric, v.position, v.metric_value, v.lower_bound,"
            + " v.upper_bound FROM result_values v JOIN entries e ON e.id = v.entry_id"
            + " WHERE v.benchmark = ? AND "
            + shown("e");
    Map<String, Map<String, LeaderboardRow.Cell>> cells = new LinkedHashMap<>();
    List<LeaderboardRow> all = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      try (PreparedStatement q = c.prepareStatement(values)) {
        q.setString(1, benchmark);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            cells
                .computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                .put(
                    rs.getString(2) + "." + rs.getString(3),
                    new LeaderboardRow.Cell(
                        rs.getInt(4),
                        rs.getDouble(5),
                        (Double) rs.getObject(6),
                        (Double) rs.getObject(7)));
          }
        }
      }
      try (PreparedStatement q = c.prepareStatement(sql)) {
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
                    rs.getBoolean(13),
                    cells.getOrDefault(rs.getString(1), Map.of()),
                    0,
                    0));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the leaderboard: " + e.getMessage(), e);
    }
    return List.copyOf(all);
  }

  /**
   * The row with its rank range by {@code by} among the rows of its profile (rows without that
   * value: none).
   */
  private static LeaderboardRow ranked(
      LeaderboardRow r,
      List<LeaderboardRow> all,
      Function<LeaderboardRow, LeaderboardRow.Cell> by) {
    LeaderboardRow.Cell mine = by.apply(r);
    if (mine == null) {
      return r.withRanks(0, 0);
    }
    int better = 0;
    int maybeBetter = 0;
    for (LeaderboardRow o : all) {
      LeaderboardRow.Cell other = o == r ? null : by.apply(o);
      if (other == null || !o.profile().equals(r.profile())) {
        continue;
      }
      if (other.low() > mine.high()) {
        better++;
      }
      if (other.high() >= mine.low()) {
        maybeBetter++;
      }
    }
    return r.withRanks(1 + better, 1 + maybeBetter);
  }

  /** An entry with its results, by id; empty when there is no public entry of that id. */
  public Optional<EntryView> entry(String id) {
    return entry(id, Viewer.ANYONE);
  }

  /** An entry with its results, by id; empty when {@code viewer} may not see such an entry. */
  public Optional<EntryView> entry(String id, Viewer viewer) {
    try (Connection c = db.getConnection()) {
      SubmissionCard card;
      EntryView.State state;
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT name, organisation, size, link, kind, source, entry_date, notes, owner,"
                  + " visibility, status, verified, flag_reason"
                  + " FROM entries e WHERE e.id = ? AND "
                  + viewer.condition("e"))) {
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
          state =
              new EntryView.State(
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(11),
                  rs.getBoolean(12),
                  rs.getString(13));
        }
      }
      Map<String, List<EntryResult.EarlierResult>> earlier = earlierResults(c, id);
      List<EntryResult> results = new ArrayList<>();
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT benchmark, metrics_json, manifest_json, has_predictions, samples_scored,"
                  + " harness_version FROM results"
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
                    rs.getBoolean(5),
                    rs.getString(6),
                    earlier.getOrDefault(rs.getString(1), List.of())));
          }
        }
      }
      return Optional.of(new EntryView(id, card, results, state));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entry " + id + ": " + e.getMessage(), e);
    }
  }

  /** The results of an entry that re-scores replaced, by benchmark, newest first. */
  private static Map<String, List<EntryResult.EarlierResult>> earlierResults(
      Connection c, String id) throws SQLException {
    Map<String, List<EntryResult.EarlierResult>> out = new HashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT benchmark, replaced_at, harness_version, profile, main_metric, main_value,"
                + " main_lower, main_upper FROM earlier_results WHERE entry_id = ?"
                + " ORDER BY benchmark, replaced_by DESC")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), b -> new ArrayList<>())
              .add(
                  new EntryResult.EarlierResult(
                      rs.getTimestamp(2).toInstant().toString(),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getObject(6, Double.class),
                      rs.getObject(7, Double.class),
                      rs.getObject(8, Double.class)));
        }
      }
    }
    return out;
  }

  /** The stored {@code metrics.json} of an entry's result, as it was imported. */
  public Optional<String> metricsJson(String id, String benchmark) {
    return metricsJson(id, benchmark, Viewer.ANYONE);
  }

  /** The stored {@code metrics.json} of an entry's result, when {@code viewer} may see it. */
  public Optional<String> metricsJson(String id, String benchmark, Viewer viewer) {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT r.metrics_json FROM results r JOIN entries e ON e.id = r.entry_id"
                    + " WHERE r.entry_id = ? AND r.benchmark = ? AND "
                    + viewer.condition("e"))) {
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

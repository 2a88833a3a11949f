package dev.perbench.web;

import dev.perbench.harness.compare.MetricComparison;
import dev.perbench.harness.score.SampleScore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The site's lists as CSV (Apache Commons CSV, RFC 4180): the benchmarks, a leaderboard, an entry's
 * per-sample scores, a comparison. Empty cells stand for "no value".
 */
final class CsvTables {
  private CsvTables() {}

  static String benchmarks(List<BenchmarkSummary> benchmarks) {
    List<List<Object>> rows = new ArrayList<>();
    for (BenchmarkSummary b : benchmarks) {
      LeaderboardRow leader = b.leader();
      rows.add(
          Arrays.asList(
              b.id(),
              b.tasks(),
              b.samples(),
              b.entries(),
              b.mainMetric(),
              leader == null ? null : leader.entryId(),
              leader == null ? null : leader.value()));
    }
    return table(
        List.of("benchmark", "tasks", "samples", "entries", "headline", "leader", "value"), rows);
  }

  /** The rows with their headline value and rank, then every column with its interval. */
  static String leaderboard(List<LeaderboardRow> rows, List<Leaderboards.Column> columns) {
    List<String> header =
        new ArrayList<>(
            List.of(
                "entry",
                "name",
                "organisation",
                "size",
                "kind",
                "profile",
                "metric",
                "value",
                "ci_lower",
                "ci_upper",
                "rank_best",
                "rank_worst"));
    for (Leaderboards.Column c : columns) {
      header.addAll(List.of(c.key(), c.key() + "_ci_lower", c.key() + "_ci_upper"));
    }
    List<List<Object>> records = new ArrayList<>();
    for (LeaderboardRow r : rows) {
      List<Object> record =
          new ArrayList<>(
              Arrays.asList(
                  r.entryId(),
                  r.name(),
                  r.organisation(),
                  r.size(),
                  r.kind(),
                  r.profile(),
                  r.mainMetric(),
                  r.value(),
                  r.lower(),
                  r.upper(),
                  r.rankBest() == 0 ? null : r.rankBest(),
                  r.rankWorst() == 0 ? null : r.rankWorst()));
      for (Leaderboards.Column c : columns) {
        LeaderboardRow.Cell v = r.cell(c.key());
        record.add(v == null ? null : v.value());
        record.add(v == null ? null : v.lower());
        record.add(v == null ? null : v.upper());
      }
      records.add(record);
    }
    return table(header, records);
  }

  static String samples(List<SampleScore> scores) {
    List<List<Object>> rows = new ArrayList<>();
    for (SampleScore s : scores) {
      rows.add(
          Arrays.asList(
              s.sampleId(),
              s.task().id(),
              s.status(),
              s.score(),
              s.targets(),
              s.iouSum(),
              (long) s.intersection(),
              (long) s.union(),
              s.chosen()));
    }
    return table(
        List.of(
            "sample_id",
            "task",
            "status",
            "score",
            "targets",
            "iou_sum",
            "intersection",
            "union",
            "chosen"),
        rows);
  }

  /** Every value pair, with its paired comparison where there is one. */
  static String comparison(CompareView c) {
    List<List<Object>> rows = new ArrayList<>();
    for (CompareView.BenchmarkComparison bc : c.benchmarks()) {
      for (CompareView.ValuePair v : bc.values()) {
        MetricComparison m =
            bc.paired().stream()
                .filter(x -> x.task().equals(v.task()) && x.metric().equals(v.metric()))
                .findFirst()
                .orElse(null);
        rows.add(
            Arrays.asList(
                bc.benchmark(),
                v.task(),
                v.metric(),
                v.a(),
                v.b(),
                v.difference(),
                m == null ? null : m.shared(),
                m == null ? null : m.lower(),
                m == null ? null : m.upper(),
                m == null ? null : m.pValue(),
                m == null ? null : m.aWins(),
                m == null ? null : m.bWins(),
                m == null ? null : m.ties()));
      }
    }
    return table(
        List.of(
            "benchmark",
            "task",
            "metric",
            "a",
            "b",
            "difference",
            "shared",
            "ci_lower",
            "ci_upper",
            "p_value",
            "a_wins",
            "b_wins",
            "ties"),
        rows);
  }

  private static String table(List<String> header, List<List<Object>> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv =
        new CSVPrinter(
            out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
      for (List<Object> row : rows) {
        csv.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}

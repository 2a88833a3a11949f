package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.bench.AllBenchmarks;
import dev.perbench.bench.BenchJson;
import dev.perbench.bench.MaskBenchmark;
import dev.perbench.harness.json.StrictJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bench commands print the machine header first and write it with their figures to --json, read
 * back strictly (an unknown, missing or mistyped field fails) into the typed records; and bench all
 * --quick runs every benchmark end to end.
 */
class BenchJsonTest {
  static <T> BenchJson<T> read(Path file, Class<T> type) throws Exception {
    ObjectMapper m = StrictJson.mapper();
    JavaType t = m.getTypeFactory().constructParametricType(BenchJson.class, type);
    return m.readValue(file.toFile(), t);
  }

  @Test
  @Timeout(120)
  void benchMasksPrintsTheHeaderFirstAndWritesItsFigures(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("masks.json");
    CommandRun r =
        CommandRun.of(
            "bench",
            "masks",
            "--pairs",
            "20",
            "--seconds",
            "0.05",
            "--warmup",
            "0.05",
            "--json",
            json.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("machine: "), r.out());
    assertTrue(lines.get(1).startsWith("java: "), r.out());
    assertTrue(lines.get(2).startsWith("commit: "), r.out());
    assertTrue(lines.get(3).startsWith("time: "), r.out());
    BenchJson<MaskBenchmark.Result> read = read(json, MaskBenchmark.Result.class);
    assertTrue(read.command().startsWith("bin/perbench bench masks --pairs 20"), read.command());
    assertEquals(Runtime.getRuntime().availableProcessors(), read.machine().cores());
    assertEquals(20, read.results().pairs());
    assertEquals(4, read.results().rows().size());
    assertTrue(read.results().rows().stream().allMatch(x -> x.rlePerSecond() > 0));
    // nothing but the file itself: it was written through a temporary file and a rename
    try (var files = Files.list(dir)) {
      assertEquals(List.of(json), files.toList());
    }
  }

  @Test
  void aFolderAsJsonIsAnInputErrorBeforeAnyWork(@TempDir Path dir) {
    CommandRun r = CommandRun.of("bench", "score", "--json", dir.toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("--json " + dir + ": is a directory; give a file name"), r.err());
    assertFalse(r.out().contains("predictions"), r.out());
  }

  @Test
  @Timeout(600)
  void benchAllQuickRunsEveryBenchmarkAndPrintsTheTable(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("all.json");
    CommandRun r = CommandRun.of("bench", "all", "--quick", "--json", json.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().startsWith("machine: "), r.out());
    List<String> rows =
        r.out()
            .lines()
            .filter(l -> l.startsWith("| ") && !l.startsWith("| figure") && !l.startsWith("| ---"))
            .toList();
    for (String prefix :
        List.of(
            "| start-up: `bin/perbench --version`",
            "| start-up: `bin/perbench --help`",
            "| bench harness: HTTP model server",
            "| bench harness: in-process model",
            "| bench score: harness",
            "| bench score: decode every mask",
            "| bench score: baseline / harness",
            "| bench masks: IoU of a pair, run-length ops/s",
            "| bench masks: rasterise a polygon, run-length / dense",
            "| mask eval: 1000 pairs",
            "| pycocotools loop / mask eval",
            "| bench data: load every split",
            "| demo: bundled model")) {
      assertTrue(rows.stream().anyMatch(l -> l.startsWith(prefix)), prefix + "\n" + r.out());
    }
    for (String row : rows) {
      // the last cell is the command that reproduces the row
      assertTrue(row.matches(".*\\| `[^`]*bin/perbench [^`]+` \\|$"), row);
    }
    BenchJson<AllBenchmarks.Result> read = read(json, AllBenchmarks.Result.class);
    assertTrue(read.results().quick());
    assertEquals(rows.size(), read.results().rows().size());
    for (AllBenchmarks.Row row : read.results().rows()) {
      assertTrue(row.command().contains("bin/perbench "), row.toString());
      if (row.spread() != null) {
        assertTrue(row.spread().min() <= row.spread().median(), row.toString());
        assertTrue(row.spread().median() <= row.spread().max(), row.toString());
        assertTrue(row.spread().min() > 0, row.toString());
      }
    }
  }
}

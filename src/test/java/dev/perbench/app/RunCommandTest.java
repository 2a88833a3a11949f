package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkLoader;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.metrics.mask.Mask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code perbench run} with the built-in baselines on the bundled mini benchmark, end to end. */
class RunCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LoadedSplit mini;

  @TempDir Path dir;

  @BeforeAll
  static void loadMini() {
    mini =
        BenchmarkLoader.load(
            BenchmarkCatalog.resolve("perbench-mini").get(0),
            new DataRoots(Path.of("/nonexistent"), Path.of("").toAbsolutePath()));
  }

  private JsonNode run(String... args) throws IOException {
    Path out = dir.resolve("run-" + Math.abs(String.join(" ", args).hashCode()));
    String[] full = new String[args.length + 2];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--out";
    full[args.length + 1] = out.toString();
    CommandRun r = CommandRun.of(full);
    assertEquals(0, r.exitCode(), r.err());
    return JSON.readTree(out.resolve("metrics.json").toFile());
  }

  @Test
  void theOracleScoresPerfectlyOnEveryTask() throws IOException {
    JsonNode m = run("run", "--model", "baseline:oracle", "--bench", "perbench-mini");
    assertEquals(1186, m.get("n").asInt());
    for (String task : List.of("res", "vres")) {
      assertEquals(1.0, m.at("/tasks/" + task + "/ciou").asDouble(), task);
      assertEquals(1.0, m.at("/tasks/" + task + "/giou").asDouble(), task);
      assertEquals(1.0, m.at("/tasks/" + task + "/precision@0.9").asDouble(), task);
    }
    assertEquals(1.0, m.at("/tasks/mcq/accuracy").asDouble());
    assertEquals(0, m.at("/tasks/mcq/unparsed").asInt());
    // A caption identical to its reference scores METEOR's maximum, just below 1 (the
    // fragmentation penalty of one chunk): the mean of those maxima, summed in sample order.
    double meteor = 0;
    int captions = 0;
    for (Sample s : mini.samples()) {
      if (s.task() == Task.CAPTION) {
        String ref = ((Target.Descriptions) s.target()).references().get(0);
        meteor += dev.perbench.metrics.text.Meteor.score(List.of(ref), ref);
        captions++;
      }
    }
    assertEquals(meteor / captions, m.at("/tasks/caption/meteor").asDouble(), 1e-15);
    assertTrue(
        m.at("/tasks/caption/meteor").asDouble() > 0.999
            && m.at("/tasks/caption/meteor").asDouble() < 1);
    assertEquals(0, m.get("missing").asInt());
    assertEquals(0, m.get("failed").asInt());
  }

  @Test
  void theEmptyBaselineScoresZeroAndLeavesEveryChoiceUnparsed() throws IOException {
    JsonNode m = run("run", "--model", "baseline:empty", "--bench", "perbench-mini");
    assertEquals(0.0, m.at("/tasks/res/ciou").asDouble());
    assertEquals(0.0, m.at("/tasks/res/giou").asDouble());
    assertEquals(0.0, m.at("/tasks/vres/ciou").asDouble());
    assertEquals(0.0, m.at("/tasks/mcq/accuracy").asDouble());
    assertEquals(300, m.at("/tasks/mcq/unparsed").asInt());
    assertEquals(0.0, m.at("/tasks/caption/meteor").asDouble());
  }

  @Test
  void theFullImageBaselineScoresTheTargetsShareOfTheImagePixels() throws IOException {
    JsonNode m = run("run", "--model", "baseline:full-image", "--bench", "perbench-mini");
    long gt = 0;
    long pixels = 0;
    double giou = 0;
    int n = 0;
    for (Sample s : mini.samples()) {
      if (s.task() == Task.RES) {
        Mask mask = ((Target.Masks) s.target()).masks().get(0);
        long area = (long) mask.height() * mask.width();
        gt += mask.area();
        pixels += area;
        giou += (double) mask.area() / area;
        n++;
      }
    }
    assertEquals((double) gt / pixels, m.at("/tasks/res/ciou").asDouble(), 1e-12);
    assertEquals(giou / n, m.at("/tasks/res/giou").asDouble(), 1e-12);
  }

  @Test
  void randomChoiceIsNearChanceAndTheSameForTheSameSeed() throws IOException {
    JsonNode a =
        run("run", "--model", "baseline:random-choice", "--bench", "perbench-mini", "--seed", "7");
    double acc = a.at("/tasks/mcq/accuracy").asDouble();
    assertTrue(acc > 0.15 && acc < 0.35, "accuracy " + acc);
    JsonNode b =
        run(
            "run",
            "--model",
            "baseline:random-choice",
            "--bench",
            "perbench-mini",
            "--seed",
            "7",
            "--concurrency",
            "2");
    assertEquals(a, b);
  }

  @Test
  void theAuthorsProfileComparesOnlyTheFirstTargetOfAMultiTargetRecord() throws IOException {
    JsonNode standard =
        run(
            "run",
            "--model",
            "baseline:oracle",
            "--bench",
            "perbench-mini",
            "--profile",
            "standard");
    JsonNode authors =
        run(
            "run",
            "--model",
            "baseline:oracle",
            "--bench",
            "perbench-mini",
            "--profile",
            "pixel-sail");
    long records = mini.samples().stream().filter(s -> s.task() == Task.VRES).count();
    long targets =
        mini.samples().stream()
            .filter(s -> s.task() == Task.VRES)
            .mapToLong(s -> ((Target.Masks) s.target()).masks().size())
            .sum();
    assertEquals(1.0, standard.at("/tasks/vres/giou").asDouble());
    assertEquals((double) records / targets, authors.at("/tasks/vres/giou").asDouble(), 1e-12);
    assertEquals(
        1.0, authors.at("/tasks/vres/ciou").asDouble(), "skipped targets add nothing to the sums");
    assertEquals(1.0, authors.at("/tasks/mcq/accuracy").asDouble());
  }

  @Test
  void shardsMergeIntoExactlyTheMetricsOfAnUnshardedRun() throws IOException {
    Path whole = dir.resolve("whole");
    assertEquals(
        0,
        CommandRun.of(
                "run",
                "--model",
                "baseline:random-choice",
                "--bench",
                "perbench-mini",
                "--out",
                whole.toString())
            .exitCode());
    for (int i = 0; i < 3; i++) {
      CommandRun r =
          CommandRun.of(
              "run",
              "--model",
              "baseline:random-choice",
              "--bench",
              "perbench-mini",
              "--shard",
              i + "/3",
              "--out",
              dir.resolve("shard" + i).toString());
      assertEquals(0, r.exitCode(), r.err());
    }
    Path merged = dir.resolve("merged");
    CommandRun m =
        CommandRun.of(
            "merge",
            "--out",
            merged.toString(),
            dir.resolve("shard2").toString(),
            dir.resolve("shard0").toString(),
            dir.resolve("shard1").toString());
    assertEquals(0, m.exitCode(), m.err());
    assertEquals(
        Files.readString(whole.resolve("metrics.json")),
        Files.readString(merged.resolve("metrics.json")));
    assertEquals(
        Files.readString(whole.resolve("metrics.csv")),
        Files.readString(merged.resolve("metrics.csv")));
  }

  @Test
  void mergeRefusesMissingAndForeignShards() {
    assertEquals(
        0,
        CommandRun.of(
                "run",
                "--model",
                "baseline:empty",
                "--bench",
                "perbench-mini",
                "--shard",
                "0/2",
                "--out",
                dir.resolve("a").toString())
            .exitCode());
    assertEquals(
        0,
        CommandRun.of(
                "run",
                "--model",
                "baseline:oracle",
                "--bench",
                "perbench-mini",
                "--shard",
                "1/2",
                "--out",
                dir.resolve("b").toString())
            .exitCode());
    CommandRun missing =
        CommandRun.of("merge", "--out", dir.resolve("m").toString(), dir.resolve("a").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("missing shards 1/2"), missing.err());
    CommandRun foreign =
        CommandRun.of(
            "merge",
            "--out",
            dir.resolve("m").toString(),
            dir.resolve("a").toString(),
            dir.resolve("b").toString());
    assertEquals(2, foreign.exitCode());
    assertTrue(foreign.err().contains("model.spec is \"baseline:oracle\" but"), foreign.err());
  }

  @Test
  void aFolderHoldingAnotherRunIsNotResumedIntoAndLimitAndShardSelectDeterministically()
      throws IOException {
    Path out = dir.resolve("limited");
    CommandRun first =
        CommandRun.of(
            "run",
            "--model",
            "baseline:oracle",
            "--bench",
            "perbench-mini",
            "--limit",
            "10",
            "--shard",
            "1/4",
            "--out",
            out.toString());
    assertEquals(0, first.exitCode(), first.err());
    List<String> lines = Files.readAllLines(out.resolve("predictions.jsonl"));
    assertEquals(10, lines.size());
    for (int i = 0; i < 10; i++) {
      String id = mini.samples().get(1 + 4 * i).id();
      assertTrue(lines.stream().anyMatch(l -> l.contains("\"sample_id\":\"" + id + "\"")), id);
    }
    CommandRun other =
        CommandRun.of(
            "run",
            "--model",
            "baseline:empty",
            "--bench",
            "perbench-mini",
            "--limit",
            "10",
            "--shard",
            "1/4",
            "--out",
            out.toString());
    assertEquals(2, other.exitCode());
    assertTrue(
        other.err().contains("holds a run with model 'baseline:oracle', not 'baseline:empty'"),
        other.err());
  }

  @Test
  void aPredictionFileModelMissingSamplesFailsTheRunBeyondMaxFailures() throws IOException {
    Path file = dir.resolve("partial.jsonl");
    Files.writeString(file, "{\"sample_id\":\"mcq:0:0\",\"text\":\"A\"}\n");
    CommandRun r =
        CommandRun.of(
            "run",
            "--model",
            "file:" + file,
            "--bench",
            "perbench-mini",
            "--limit",
            "5",
            "--out",
            dir.resolve("f").toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("5 samples failed (--max-failures 0)"), r.err());
    CommandRun tolerant =
        CommandRun.of(
            "run",
            "--model",
            "file:" + file,
            "--bench",
            "perbench-mini",
            "--limit",
            "5",
            "--max-failures",
            "5",
            "--out",
            dir.resolve("g").toString());
    assertEquals(0, tolerant.exitCode(), tolerant.err());
  }

  /**
   * A bad option is a usage error: exit code 2, nothing on stdout, and one line on stderr that
   * names the option and what is wrong with it (no stack trace), and no run directory is made.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badOptions")
  void badOptionsAreUsageErrors(String bad, List<String> options, List<String> expected) {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(options);
    Path out = dir.resolve("x");
    args.addAll(List.of("--out", out.toString()));
    CommandRun r = CommandRun.of(args.toArray(String[]::new));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    for (String part : expected) {
      assertTrue(r.err().contains(part), () -> "stderr lacks '" + part + "': " + r.err());
    }
    assertFalse(Files.exists(out.resolve("predictions.jsonl")), "predictions were written");
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(
            "--model nonsense",
            List.of("--model", "nonsense", "--bench", "perbench-mini"),
            List.of(
                "--model: unknown model spec 'nonsense'",
                "expected file:PATH, http://HOST:PORT, djl:PATH or baseline:NAME")),
        Arguments.of(
            "--model baseline:clever",
            List.of("--model", "baseline:clever", "--bench", "perbench-mini"),
            List.of(
                "--model: unknown baseline 'clever'",
                "expected one of oracle, empty, full-image, random-choice")),
        Arguments.of(
            "--bench refcoco (several splits)",
            List.of("--model", "baseline:oracle", "--bench", "refcoco"),
            List.of(
                "--bench refcoco names several splits",
                "choose one of refcoco:val, refcoco:testA, refcoco:testB")),
        Arguments.of(
            "--shard 4/4",
            List.of("--model", "baseline:oracle", "--bench", "perbench-mini", "--shard", "4/4"),
            List.of("--shard: shard must be I/N with 0 <= I < N, got 4/4")),
        // Hardening defects 13 and 15: every option checked before any work, each by name.
        Arguments.of(
            "--ci-resamples 0",
            List.of(
                "--model", "baseline:oracle", "--bench", "perbench-mini", "--ci-resamples", "0"),
            List.of("--ci-resamples must be 1 to 1,000,000, not 0")),
        Arguments.of(
            "--ci-resamples 2000000000",
            List.of(
                "--model",
                "baseline:oracle",
                "--bench",
                "perbench-mini",
                "--ci-resamples",
                "2000000000"),
            List.of("--ci-resamples must be 1 to 1,000,000, not 2,000,000,000")),
        Arguments.of(
            "--timeout 0",
            List.of("--model", "baseline:oracle", "--bench", "perbench-mini", "--timeout", "0"),
            List.of("--timeout must be 1 or more, not 0")),
        Arguments.of(
            "--limit -1",
            List.of("--model", "baseline:oracle", "--bench", "perbench-mini", "--limit", "-1"),
            List.of("--limit must be 1 or more, not -1")),
        Arguments.of(
            "--concurrency 0",
            List.of("--model", "baseline:oracle", "--bench", "perbench-mini", "--concurrency", "0"),
            List.of("--concurrency must be 1 or more, not 0")),
        Arguments.of(
            "--device gpu with a baseline",
            List.of("--model", "baseline:oracle", "--bench", "perbench-mini", "--device", "gpu"),
            List.of("--model: --device gpu: the baselines run on the cpu only")),
        Arguments.of(
            "--profile lisa",
            List.of("--model", "baseline:oracle", "--bench", "perbench-mini", "--profile", "lisa"),
            List.of(
                "--profile: unknown profile 'lisa'",
                "expected one of standard, pycocotools, grefcoco, pixel-sail")));
  }

  @Test
  void aFileAsOutAndAnUnknownDeviceAreInputErrorsSayingWhatToGive() throws IOException {
    // Hardening defect 15: "error: /path" alone; and --device tpu was accepted silently.
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CommandRun run =
        CommandRun.of(
            "run",
            "--model",
            "baseline:oracle",
            "--bench",
            "perbench-mini",
            "--out",
            file.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("--out " + file + " is a file; give a folder for the run"), run.err());
    CommandRun mini =
        CommandRun.of(
            "data", "generate-mini", "--split", "x", "--count", "1", "--out", file.toString());
    assertEquals(2, mini.exitCode(), mini.err());
    assertTrue(mini.err().contains("--out " + file + " is a file; give a folder"), mini.err());
    CommandRun tpu =
        CommandRun.of(
            "run",
            "--model",
            "baseline:oracle",
            "--bench",
            "perbench-mini",
            "--device",
            "tpu",
            "--out",
            dir.resolve("tpu").toString());
    assertEquals(2, tpu.exitCode(), tpu.err());
    assertTrue(tpu.err().contains("--device must be cpu, gpu or gpu:N"), tpu.err());
    assertFalse(Files.exists(dir.resolve("tpu")));
  }

  @Test
  void aModelServerThatIsDownLeavesNoEmptyRunFolder() {
    // Hardening, extras: a failed server connection left an empty --out folder behind.
    Path out = dir.resolve("down");
    CommandRun run =
        CommandRun.of(
            "run",
            "--model",
            "http://127.0.0.1:1",
            "--bench",
            "perbench-mini",
            "--out",
            out.toString(),
            "--timeout",
            "2");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("cannot reach model server"), run.err());
    assertFalse(Files.exists(out), "no folder is left for a run that never started");
  }

  @Test
  void aBrokenManifestAndAFolderAsAFileAreNamedWithoutParserInternals() throws IOException {
    // Hardening defects 12 and 15: "Source: REDACTED ..." from Jackson; a folder as a file, exit 1.
    Path out = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(out.resolve("manifest.json"), "{\"status\": \"running\",");
    CommandRun run =
        CommandRun.of(
            "run",
            "--model",
            "baseline:oracle",
            "--bench",
            "perbench-mini",
            "--out",
            out.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains(out.resolve("manifest.json") + ": not valid JSON"), run.err());
    assertFalse(run.err().contains("Source:") || run.err().contains("com.fasterxml"), run.err());
    CommandRun folder =
        CommandRun.of("score", "--bench", "perbench-mini", "--predictions", dir.toString());
    assertEquals(2, folder.exitCode(), folder.err());
    assertTrue(folder.err().contains(dir + ": is a directory"), folder.err());
  }

  @Test
  void everyFileOfARunFolderGetsTheSameModeAsItsPredictions() throws IOException {
    // Hardening, extras: metrics.json, metrics.csv and manifest.json were 0600.
    Path out = dir.resolve("modes");
    assertEquals(
        0,
        CommandRun.of(
                "run",
                "--model",
                "baseline:oracle",
                "--bench",
                "perbench-mini",
                "--limit",
                "3",
                "--out",
                out.toString())
            .exitCode());
    var mode = Files.getPosixFilePermissions(out.resolve("predictions.jsonl"));
    for (String f : List.of("metrics.json", "metrics.csv", "manifest.json")) {
      assertEquals(mode, Files.getPosixFilePermissions(out.resolve(f)), f);
    }
  }
}

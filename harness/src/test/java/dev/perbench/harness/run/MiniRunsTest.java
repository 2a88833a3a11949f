package dev.perbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelException;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelProviders;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.testing.Mini;
import dev.perbench.harness.testing.TestModels.Recording;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in oracle over the bundled perbench-mini: limits, resuming, shards and merging,
 * compared with one unsharded run of the whole benchmark.
 */
class MiniRunsTest {
  static final int RESAMPLES = 200;
  static final long SEED = 42;

  @TempDir static Path shared;
  static Path full;
  static Runs.Outcome fullOutcome;

  @TempDir Path tmp;

  static RunConfig config(Shard shard, Integer limit) {
    return new RunConfig(
        Mini.ID,
        "baseline:oracle",
        EvalProfile.STANDARD,
        shard,
        limit,
        "cpu",
        2,
        0,
        0,
        SEED,
        RESAMPLES);
  }

  static Model oracle() throws ModelException {
    return ModelProviders.open("baseline:oracle", ModelOptions.defaults(), Mini.split());
  }

  static Runs.Outcome run(RunConfig c, Model model, Path dir, Path home)
      throws ModelException, InterruptedException {
    return Runs.run(
        c, Mini.split(), model, new RunDirectory(dir), home, new PrintWriter(new StringWriter()));
  }

  @BeforeAll
  static void runTheWholeBenchmarkOnce() throws Exception {
    full = shared.resolve("full");
    fullOutcome = run(config(Shard.ALL, null), oracle(), full, shared);
  }

  static int total() {
    return Mini.split().samples().size();
  }

  static List<String> lines(Path dir) throws IOException {
    return Files.readAllLines(new RunDirectory(dir).predictions(), StandardCharsets.UTF_8);
  }

  static byte[] metricsJson(Path dir) throws IOException {
    return Files.readAllBytes(new RunDirectory(dir).metricsJson());
  }

  @Test
  void theOracleRunPredictsEverySampleOnceAndScoresPerfectSegmentationAndChoice()
      throws IOException {
    assertEquals(total(), fullOutcome.predicted());
    assertEquals(0, fullOutcome.failed());
    assertEquals(total(), fullOutcome.evaluation().n().intValue());
    assertEquals(0, fullOutcome.evaluation().missing().intValue());
    assertEquals(1.0, fullOutcome.evaluation().tasks().res().ciou().doubleValue());
    assertEquals(1.0, fullOutcome.evaluation().tasks().vres().giou().doubleValue());
    assertEquals(1.0, fullOutcome.evaluation().tasks().mcq().accuracy().doubleValue());
    assertEquals(total(), lines(full).size());
    assertEquals(total(), new HashSet<>(lines(full)).size());
    assertEquals(fullOutcome.evaluation(), MetricsFiles.read(new RunDirectory(full).metricsJson()));
  }

  @Test
  void aLimitedRunPredictsTheFirstSamplesAndAFullRunIsNotResumedIntoItsFolder() throws Exception {
    Path limited = tmp.resolve("limited");
    Recording model = new Recording(oracle());
    Runs.Outcome o = run(config(Shard.ALL, 10), model, limited, tmp);
    Set<String> first10 = new HashSet<>();
    Mini.split().samples().subList(0, 10).forEach(s -> first10.add(s.id()));
    assertEquals(first10, model.asked());
    assertEquals(10, o.predicted());
    assertEquals(10, o.evaluation().n().intValue());
    assertEquals(10, o.manifest().limit().intValue());
    assertEquals(10, o.manifest().samples().intValue());

    InputException e =
        assertThrows(
            InputException.class, () -> run(config(Shard.ALL, null), oracle(), limited, tmp));
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
    assertEquals(10, lines(limited).size(), "a refused run writes nothing");
  }

  @Test
  void aRunResumedOverAnotherRunsPredictionsPredictsOnlyTheRestAndScoresTheSame() throws Exception {
    Path limited = tmp.resolve("limited");
    run(config(Shard.ALL, 10), oracle(), limited, tmp);
    Path resumed = tmp.resolve("resumed");
    Files.createDirectories(resumed);
    Files.copy(new RunDirectory(limited).predictions(), new RunDirectory(resumed).predictions());
    // as a crash of the full run leaves it: the manifest is written when a run starts
    Files.copy(new RunDirectory(full).manifest(), new RunDirectory(resumed).manifest());

    Recording model = new Recording(oracle());
    Runs.Outcome o = run(config(Shard.ALL, null), model, resumed, tmp);
    Set<String> rest = new HashSet<>();
    Mini.split().samples().subList(10, total()).forEach(s -> rest.add(s.id()));
    assertEquals(rest, model.asked());
    assertEquals(total() - 10, o.predicted());
    assertEquals(total() - 10, o.manifest().predictedInLastSession().intValue());
    assertEquals(total(), o.manifest().samples().intValue());
    assertEquals(total(), lines(resumed).size());
    assertArrayEquals(metricsJson(full), metricsJson(resumed));
  }

  @Test
  void aTornLastLineIsDroppedAndItsSamplePredictedAgain() throws Exception {
    // the full run's first ten lines, in the order its predictions arrived
    List<String> done = lines(full).subList(0, 10);
    String tenth = done.get(9);
    String tenthId = new ObjectMapper().readTree(tenth).get("sample_id").asText();
    Path torn = tmp.resolve("torn");
    Files.createDirectories(torn);
    Files.writeString(
        new RunDirectory(torn).predictions(),
        String.join("\n", done.subList(0, 9)) + "\n" + tenth.substring(0, tenth.length() / 2),
        StandardCharsets.UTF_8);

    Files.copy(new RunDirectory(full).manifest(), new RunDirectory(torn).manifest());
    Recording model = new Recording(oracle());
    Runs.Outcome o = run(config(Shard.ALL, null), model, torn, tmp);
    assertTrue(model.asked().contains(tenthId));
    assertEquals(total() - 9, model.asked().size());
    assertEquals(total() - 9, o.predicted());
    List<String> after = lines(torn);
    assertEquals(total(), after.size());
    assertEquals(done.subList(0, 9), after.subList(0, 9));
    try (PredictionIndex index =
        PredictionIndex.open(new RunDirectory(torn).predictions(), Mini.split().samplesById())) {
      assertEquals(total(), index.size());
    }
    assertArrayEquals(metricsJson(full), metricsJson(torn));
  }

  @Test
  void runningAFinishedRunAgainPredictsNothingAndKeepsItsMetrics() throws Exception {
    Path again = tmp.resolve("again");
    run(config(Shard.ALL, 5), oracle(), again, tmp);
    byte[] before = metricsJson(again);
    Recording model = new Recording(oracle());
    Runs.Outcome o = run(config(Shard.ALL, 5), model, again, tmp);
    assertEquals(Set.of(), model.asked());
    assertEquals(0, o.predicted());
    assertEquals(0, o.manifest().predictedInLastSession().intValue());
    assertEquals(5, o.manifest().samples().intValue());
    assertEquals(5, lines(again).size());
    assertArrayEquals(before, metricsJson(again));
  }

  @Test
  void theShardsOfARunSplitTheBenchmarkByPositionModuloN() {
    List<Sample> all = Mini.split().samples();
    int n = 3;
    Set<String> seen = new HashSet<>();
    int count = 0;
    for (int i = 0; i < n; i++) {
      List<Sample> shard = new Shard(i, n).select(all);
      for (int k = 0; k < shard.size(); k++) {
        assertEquals(all.get(i + k * n), shard.get(k));
      }
      shard.forEach(s -> seen.add(s.id()));
      count += shard.size();
    }
    assertEquals(all.size(), count, "no sample is in two shards");
    assertEquals(all.size(), seen.size(), "every sample is in a shard");
  }

  @Test
  void mergedShardsScoreExactlyAsTheUnshardedRunWhateverTheirOrder() throws Exception {
    List<Path> shards = List.of(tmp.resolve("s0"), tmp.resolve("s1"), tmp.resolve("s2"));
    long predicted = 0;
    for (int i = 0; i < 3; i++) {
      Recording model = new Recording(oracle());
      Runs.Outcome o = run(config(new Shard(i, 3), null), model, shards.get(i), tmp);
      assertEquals("" + i + "/3", o.manifest().shard());
      Set<String> expected = new HashSet<>();
      new Shard(i, 3).select(Mini.split().samples()).forEach(s -> expected.add(s.id()));
      assertEquals(expected, model.asked());
      predicted += o.predicted();
    }
    assertEquals(total(), predicted);

    Path merged = tmp.resolve("merged");
    Runs.Outcome m = Runs.merge(shards, merged, id -> Mini.split(), RESAMPLES);
    assertArrayEquals(metricsJson(full), metricsJson(merged));
    assertEquals(fullOutcome.evaluation(), m.evaluation());
    assertEquals(total(), lines(merged).size());
    RunManifest manifest = RunManifest.read(new RunDirectory(merged).manifest());
    assertEquals(m.manifest(), manifest);
    assertEquals("0/1", manifest.shard());
    assertTrue(manifest.finished());
    assertEquals(shards.stream().map(Path::toString).toList(), manifest.mergedFrom());
    assertEquals(total(), manifest.samples().intValue());
    assertEquals(0, manifest.failed().intValue());

    Path shuffled = tmp.resolve("shuffled");
    Runs.merge(
        List.of(shards.get(2), shards.get(0), shards.get(1)),
        shuffled,
        id -> Mini.split(),
        RESAMPLES);
    assertArrayEquals(metricsJson(full), metricsJson(shuffled));
    assertFalse(lines(shuffled).equals(lines(merged)), "the lines follow the folders' order");
  }

  @Test
  void theManifestRecordsTheDataFilesAndTheirChecksums() throws IOException {
    LoadedSplit split = Mini.split();
    List<RunManifest.DataFileEntry> files = fullOutcome.manifest().dataFiles();
    assertEquals(split.files().size(), files.size());
    assertFalse(files.isEmpty());
    for (RunManifest.DataFileEntry f : files) {
      assertEquals(Files.size(Path.of(f.path())), f.bytes(), f.path());
      assertTrue(f.sha256().matches("[0-9a-f]{64}"), f.sha256());
    }
    assertTrue(
        files.stream().anyMatch(f -> f.path().endsWith("STBench_MCQ.json")), files.toString());
  }

  /** A crashed full run's folder: the first {@code n} lines of the full run, and its manifest. */
  private Path crashedAfter(String name, int n) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(
        new RunDirectory(dir).predictions(),
        String.join("\n", lines(full).subList(0, n)) + "\n",
        StandardCharsets.UTF_8);
    Files.copy(new RunDirectory(full).manifest(), new RunDirectory(dir).manifest());
    return dir;
  }

  @Test
  void predictionsWithoutAManifestAreRefusedNotAdopted() throws Exception {
    // Hardening defect 7: such a folder used to be adopted, whatever model made its predictions.
    Path dir = crashedAfter("orphan", 20);
    Files.delete(new RunDirectory(dir).manifest());
    byte[] before = Files.readAllBytes(new RunDirectory(dir).predictions());
    Recording model = new Recording(oracle());
    InputException e =
        assertThrows(InputException.class, () -> run(config(Shard.ALL, null), model, dir, tmp));
    assertTrue(e.getMessage().contains("holds predictions but no manifest.json"), e.getMessage());
    assertEquals(Set.of(), model.asked());
    assertArrayEquals(before, Files.readAllBytes(new RunDirectory(dir).predictions()));
  }

  @Test
  void aBadLineInTheMiddleStopsTheResumeNamingItAndLosesNothing() throws Exception {
    // Hardening defect 5: everything after a bad line used to be dropped and predicted again.
    Path dir = crashedAfter("bad-middle", 30);
    List<String> lines = new ArrayList<>(lines(dir));
    lines.set(9, "{\"sample_id\": 7}");
    Files.writeString(
        new RunDirectory(dir).predictions(),
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8);
    byte[] before = Files.readAllBytes(new RunDirectory(dir).predictions());
    Recording model = new Recording(oracle());
    InputException e =
        assertThrows(InputException.class, () -> run(config(Shard.ALL, null), model, dir, tmp));
    assertTrue(e.getMessage().contains("cannot be resumed"), e.getMessage());
    assertTrue(e.getMessage().contains("line 10: \"sample_id\": must be a string"), e.getMessage());
    assertEquals(Set.of(), model.asked(), "nothing is predicted before the folder is checked");
    assertArrayEquals(before, Files.readAllBytes(new RunDirectory(dir).predictions()));
  }

  @Test
  void aDuplicateOrUnknownSampleStopsTheResumeBeforeAnythingIsPredicted() throws Exception {
    // Hardening defect 6: these were found only after every remaining sample was predicted.
    Path dir = crashedAfter("duplicate", 30);
    List<String> lines = new ArrayList<>(lines(dir));
    lines.add(lines.get(3));
    lines.add("{\"sample_id\":\"res:nope\",\"text\":\"x\"}");
    Files.writeString(
        new RunDirectory(dir).predictions(),
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8);
    Recording model = new Recording(oracle());
    InputException e =
        assertThrows(InputException.class, () -> run(config(Shard.ALL, null), model, dir, tmp));
    assertTrue(e.getMessage().contains("line 31: duplicate sample_id"), e.getMessage());
    assertTrue(e.getMessage().contains("line 32: unknown sample_id \"res:nope\""), e.getMessage());
    assertEquals(Set.of(), model.asked());
  }

  @Test
  void aCrlfRunFolderResumesToTheSameMetrics() throws Exception {
    // Hardening defect 2: resuming a CRLF file used to corrupt it (offsets of length + 1).
    Path dir = crashedAfter("crlf", 40);
    String crlf = String.join("\r\n", lines(dir)) + "\r\n";
    Files.writeString(new RunDirectory(dir).predictions(), crlf, StandardCharsets.UTF_8);
    Recording model = new Recording(oracle());
    run(config(Shard.ALL, null), model, dir, tmp);
    assertEquals(total() - 40, model.asked().size());
    assertArrayEquals(metricsJson(full), metricsJson(dir));
  }

  @Test
  void failedSamplesArePredictedAgainOnlyWithRetryFailed() throws Exception {
    // Hardening, extras: the docs said a re-run retries failed samples; it did not.
    Path dir = crashedAfter("retry", total());
    List<String> lines = new ArrayList<>(lines(dir));
    List<String> failedIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = new ObjectMapper().readTree(lines.get(i)).get("sample_id").asText();
      failedIds.add(id);
      lines.set(i, "{\"sample_id\":\"" + id + "\",\"error\":\"server down\"}");
    }
    Files.writeString(
        new RunDirectory(dir).predictions(),
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8);

    Recording plain = new Recording(oracle());
    Runs.Outcome again = run(config(Shard.ALL, null), plain, dir, tmp);
    assertEquals(Set.of(), plain.asked(), "without the flag a failed sample stays failed");
    assertEquals(5, again.failed());

    Recording retry = new Recording(oracle());
    Runs.Outcome retried =
        Runs.run(
            config(Shard.ALL, null),
            Mini.split(),
            retry,
            new RunDirectory(dir),
            tmp,
            new PrintWriter(new StringWriter()),
            true);
    assertEquals(Set.copyOf(failedIds), retry.asked());
    assertEquals(0, retried.failed());
    assertEquals(total(), lines(dir).size(), "the failed lines were replaced, not added to");
    assertArrayEquals(metricsJson(full), metricsJson(dir));
  }
}

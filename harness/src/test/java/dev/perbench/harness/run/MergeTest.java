package dev.perbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.LoadedSplit;
import dev.perbench.errors.InputException;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.testing.TestModels;
import dev.perbench.harness.testing.TinySamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of {@link Runs#merge}, on a hand-built benchmark of 6 res samples. */
class MergeTest {
  static final int RESAMPLES = 100;
  static final LoadedSplit TINY = TinySamples.split("tiny", 6);

  @TempDir Path tmp;

  /** The truth for even samples, an error for odd ones. */
  static final class HalfRight implements Model {
    @Override
    public ModelInfo info() {
      return TestModels.info("half-right");
    }

    @Override
    public List<Prediction> predict(List<ModelInput> batch) {
      return batch.stream()
          .map(
              in ->
                  Integer.parseInt(in.sample().id().substring(1)) % 2 == 0
                      ? TestModels.truth(in.sample())
                      : Prediction.failed(in.sample().id(), "odd"))
          .toList();
    }
  }

  static RunConfig config(
      String benchmark, String model, EvalProfile profile, Shard shard, Integer limit) {
    return new RunConfig(benchmark, model, profile, shard, limit, "cpu", 1, 1, 0, 5, RESAMPLES);
  }

  static RunConfig config(Shard shard) {
    return config("tiny", "test:half-right", EvalProfile.STANDARD, shard, null);
  }

  Path run(String name, RunConfig c) throws Exception {
    Path dir = tmp.resolve(name);
    LoadedSplit split =
        c.benchmark().equals(TINY.benchmarkId())
            ? TINY
            : new LoadedSplit(c.benchmark(), TINY.samples(), TINY.files());
    Runs.run(
        c, split, new HalfRight(), new RunDirectory(dir), tmp, new PrintWriter(new StringWriter()));
    return dir;
  }

  InputException refused(List<Path> shards) {
    Path out = tmp.resolve("merged");
    InputException e =
        assertThrows(InputException.class, () -> Runs.merge(shards, out, id -> TINY, RESAMPLES));
    assertFalse(Files.exists(out), "nothing is written when the merge is refused");
    return e;
  }

  static void assertMentions(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), e.getMessage() + " should mention " + p);
    }
  }

  @Test
  void mergedShardsGiveTheUnshardedRunsMetricsByteForByteFailuresIncluded() throws Exception {
    Path whole = run("whole", config(Shard.ALL));
    Path s0 = run("s0", config(new Shard(0, 2)));
    Path s1 = run("s1", config(new Shard(1, 2)));
    Runs.Outcome m = Runs.merge(List.of(s0, s1), tmp.resolve("merged"), id -> TINY, RESAMPLES);
    RunDirectory merged = new RunDirectory(tmp.resolve("merged"));
    assertArrayEquals(
        Files.readAllBytes(new RunDirectory(whole).metricsJson()),
        Files.readAllBytes(merged.metricsJson()));
    assertArrayEquals(
        Files.readAllBytes(new RunDirectory(whole).metricsCsv()),
        Files.readAllBytes(merged.metricsCsv()));
    // r1, r3, r5 failed
    assertEquals(3, m.failed());
    assertEquals(3, m.manifest().failed().intValue());
    assertEquals(6, m.manifest().samples().intValue());
    assertEquals(List.of(s0.toString(), s1.toString()), m.manifest().mergedFrom());
    assertEquals(
        Files.readString(new RunDirectory(s0).predictions())
            + Files.readString(new RunDirectory(s1).predictions()),
        Files.readString(merged.predictions()));
  }

  @Test
  void shardsOfAnotherBenchmarkAreRefused() throws Exception {
    Path s0 = run("s0", config(new Shard(0, 2)));
    Path s1 =
        run("s1", config("tiny-b", "test:half-right", EvalProfile.STANDARD, new Shard(1, 2), null));
    assertMentions(refused(List.of(s0, s1)), "benchmark", s1.toString());
  }

  @Test
  void shardsOfAnotherProfileAreRefused() throws Exception {
    Path s0 = run("s0", config(new Shard(0, 2)));
    Path s1 =
        run(
            "s1",
            config("tiny", "test:half-right", EvalProfile.PYCOCOTOOLS, new Shard(1, 2), null));
    assertMentions(refused(List.of(s0, s1)), "profile", s1.toString());
  }

  @Test
  void shardsOfAnotherModelAreRefused() throws Exception {
    Path s0 = run("s0", config(new Shard(0, 2)));
    Path s1 = run("s1", config("tiny", "test:other", EvalProfile.STANDARD, new Shard(1, 2), null));
    assertMentions(refused(List.of(s0, s1)), "model", s1.toString());
  }

  @Test
  void shardsOfAnotherLimitAreRefused() throws Exception {
    Path s0 = run("s0", config(new Shard(0, 2)));
    Path s1 =
        run("s1", config("tiny", "test:half-right", EvalProfile.STANDARD, new Shard(1, 2), 2));
    assertMentions(refused(List.of(s0, s1)), "limit", s1.toString());
  }

  @Test
  void aRepeatedShardIsRefused() throws Exception {
    Path s0 = run("s0", config(new Shard(0, 2)));
    Path again = run("again", config(new Shard(0, 2)));
    assertMentions(refused(List.of(s0, again)), "0/2", again.toString());
  }

  @Test
  void aShardOfAnotherSplitIsRefused() throws Exception {
    Path s0 = run("s0", config(new Shard(0, 2)));
    Path s1 = run("s1", config(new Shard(1, 3)));
    assertMentions(refused(List.of(s0, s1)), "1/3", s1.toString());
  }

  @Test
  void missingShardsAreRefusedAndListed() throws Exception {
    Path s0 = run("s0", config(new Shard(0, 4)));
    Path s2 = run("s2", config(new Shard(2, 4)));
    InputException e = refused(List.of(s0, s2));
    assertMentions(e, "1/4", "3/4");
    assertFalse(e.getMessage().contains("0/4"), e.getMessage());
    assertFalse(e.getMessage().contains("2/4"), e.getMessage());
  }

  @Test
  void anUnfinishedShardIsRefused() throws Exception {
    Path s0 = run("s0", config(new Shard(0, 2)));
    Path s1 = tmp.resolve("s1");
    assertThrows(
        InterruptedException.class,
        () ->
            Runs.run(
                config(new Shard(1, 2)),
                TINY,
                new TestModels.Interrupting(),
                new RunDirectory(s1),
                tmp,
                new PrintWriter(new StringWriter())));
    assertMentions(refused(List.of(s0, s1)), s1.toString());
  }

  @Test
  void aFolderWithoutAManifestIsRefused() throws Exception {
    Path s0 = run("s0", config(new Shard(0, 2)));
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertMentions(refused(List.of(s0, empty)), "manifest.json", empty.toString());
  }

  /** The three shards of a run, finished. */
  List<Path> threeShards() throws Exception {
    return List.of(
        run("s0", config(new Shard(0, 3))),
        run("s1", config(new Shard(1, 3))),
        run("s2", config(new Shard(2, 3))));
  }

  @Test
  void anOutputThatIsOneOfTheShardsIsRefusedAndTheShardKeepsItsFiles() throws Exception {
    // Hardening defect 3: --out equal to a shard destroyed that shard and exited 0.
    List<Path> shards = threeShards();
    byte[] before = Files.readAllBytes(new RunDirectory(shards.get(1)).predictions());
    for (Path out : List.of(shards.get(1), shards.get(1).resolve("..").resolve("s1"))) {
      InputException e =
          assertThrows(InputException.class, () -> Runs.merge(shards, out, id -> TINY, RESAMPLES));
      assertMentions(e, "is one of the shard folders");
    }
    assertArrayEquals(before, Files.readAllBytes(new RunDirectory(shards.get(1)).predictions()));
  }

  @Test
  void anExistingFolderIsRefusedAndForceReplacesOnlyAPreviousMerge() throws Exception {
    List<Path> shards = threeShards();
    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("notes.txt"), "mine");
    assertMentions(
        assertThrows(
            InputException.class, () -> Runs.merge(shards, other, id -> TINY, RESAMPLES, false)),
        "exists and is not empty");
    assertMentions(
        assertThrows(
            InputException.class, () -> Runs.merge(shards, other, id -> TINY, RESAMPLES, true)),
        "--force replaces only a merge");
    assertEquals("mine", Files.readString(other.resolve("notes.txt")));

    Path out = tmp.resolve("merged");
    Runs.merge(shards, out, id -> TINY, RESAMPLES);
    byte[] metrics = Files.readAllBytes(new RunDirectory(out).metricsJson());
    Files.writeString(out.resolve("left-over.txt"), "from an old merge");
    assertMentions(
        assertThrows(InputException.class, () -> Runs.merge(shards, out, id -> TINY, RESAMPLES)),
        "exists and is not empty",
        "--force");
    Runs.merge(shards, out, id -> TINY, RESAMPLES, true);
    assertArrayEquals(metrics, Files.readAllBytes(new RunDirectory(out).metricsJson()));
    assertFalse(Files.exists(out.resolve("left-over.txt")), "the old merge is replaced whole");
  }

  @Test
  void aBadShardLineIsNamedInItsOwnFileAndTheFailedMergeLeavesNothing() throws Exception {
    // Hardening defect 14: a failed merge left OUT/predictions.jsonl and named the merged line.
    List<Path> shards = threeShards();
    Path bad = new RunDirectory(shards.get(2)).predictions();
    List<String> lines = Files.readAllLines(bad);
    lines.set(1, "{\"sample_id\":\"nope\",\"text\":\"x\"}");
    Files.write(bad, lines);
    Path out = tmp.resolve("merged");
    assertMentions(
        assertThrows(InputException.class, () -> Runs.merge(shards, out, id -> TINY, RESAMPLES)),
        bad.toString(),
        "line 2: unknown sample_id \"nope\"");
    assertFalse(Files.exists(out));
    try (var files = Files.list(tmp)) {
      assertTrue(
          files.noneMatch(f -> f.getFileName().toString().contains("merging")),
          "no staging folder is left");
    }
  }
}

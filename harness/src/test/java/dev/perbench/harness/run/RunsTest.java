package dev.perbench.harness.run;

import static dev.perbench.harness.testing.TinySamples.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.LoadedSplit;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelException;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelUnavailableException;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.prompt.PromptTemplates;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.testing.TestModels;
import dev.perbench.harness.testing.TinySamples;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Runs#run} on a hand-built benchmark of res samples with misbehaving test models. */
class RunsTest {
  @TempDir Path tmp;

  static RunConfig config(String benchmark, int batchSize, int concurrency) {
    return new RunConfig(
        benchmark,
        "test:model",
        EvalProfile.STANDARD,
        Shard.ALL,
        null,
        "cpu",
        concurrency,
        batchSize,
        3,
        11,
        100);
  }

  static RunConfig with(RunConfig c, String model, EvalProfile p, Shard s, Integer limit) {
    return new RunConfig(
        c.benchmark(),
        model,
        p,
        s,
        limit,
        c.device(),
        c.concurrency(),
        c.batchSize(),
        c.maxFailures(),
        c.seed(),
        c.ciResamples());
  }

  Runs.Outcome run(RunConfig c, LoadedSplit split, Model model, Path dir)
      throws ModelException, InterruptedException {
    return Runs.run(
        c, split, model, new RunDirectory(dir), tmp, new PrintWriter(new StringWriter()));
  }

  /** Answers with the truth. */
  static final class Truthful implements Model {
    @Override
    public ModelInfo info() {
      return TestModels.info("truthful");
    }

    @Override
    public List<Prediction> predict(List<ModelInput> batch) {
      return TestModels.truths(batch);
    }
  }

  /**
   * Misbehaves by the first sample of each batch of two, whatever order the batches come in:
   *
   * <pre>
   * r0 r1    the truth
   * r2 r3    throws ModelUnavailableException
   * r4 r5    answers r5 twice: r4 gets another sample's prediction
   * r6 r7    one prediction for two inputs
   * r8 r9    r8's mask is 3x3 on a 4x4 image
   * r10 r11  throws IllegalStateException (an adapter's bug)
   * r12 r13  null for r12
   * </pre>
   */
  static final class Misbehaving implements Model {
    @Override
    public ModelInfo info() {
      return TestModels.info("misbehaving");
    }

    @Override
    public List<Prediction> predict(List<ModelInput> batch) throws ModelException {
      assertEquals(2, batch.size());
      // the runner renders the task's prompt template for each sample
      assertEquals(
          PromptTemplates.forTask(batch.get(0).sample().task()).render(batch.get(0).sample()),
          batch.get(0).prompt());
      List<Prediction> truth = TestModels.truths(batch);
      switch (batch.get(0).sample().id()) {
        case "r2" -> throw new ModelUnavailableException("server on 127.0.0.1:9 is down");
        case "r4" -> {
          return List.of(truth.get(1), truth.get(1));
        }
        case "r6" -> {
          return List.of(truth.get(0));
        }
        case "r8" -> {
          return List.of(Prediction.masks("r8", List.of(rect(3, 3, 0, 3, 0, 1))), truth.get(1));
        }
        case "r10" -> throw new IllegalStateException("adapter bug");
        case "r12" -> {
          List<Prediction> out = new ArrayList<>();
          out.add(null);
          out.add(truth.get(1));
          return out;
        }
        default -> {
          return truth;
        }
      }
    }
  }

  @Test
  void everyFailureIsRecordedOnItsSampleWithWhyAndCounted() throws Exception {
    LoadedSplit split = TinySamples.split("tiny", 14);
    Path dir = tmp.resolve("run");
    Runs.Outcome o = run(config("tiny", 2, 3), split, new Misbehaving(), dir);

    // good: r0 r1 r5 r9 r13; failed: r2 r3 r4 r6 r7 r8 r10 r11 r12
    assertEquals(14, o.predicted());
    assertEquals(9, o.failed());
    Evaluation e = o.evaluation();
    assertEquals(List.of(14L, 0L, 9L), List.of(e.n(), e.missing(), e.failed()));
    assertEquals(
        List.of(14L, 0L, 9L),
        List.of(e.tasks().res().n(), e.tasks().res().missing(), e.tasks().res().failed()));
    // every target is 4 pixels: 5 x (4, 4) and 9 x (0, 4)
    assertEquals(20.0 / 56, e.tasks().res().ciou(), 1e-12);
    assertEquals(5.0 / 14, e.tasks().res().giou(), 1e-12);
    assertEquals(9, o.manifest().failed().intValue());
    assertEquals(14, o.manifest().samples().intValue());

    try (PredictionIndex index =
        PredictionIndex.open(new RunDirectory(dir).predictions(), split.samplesById())) {
      assertEquals(14, index.size());
      assertEquals(9, index.failed());
      for (String ok : List.of("r0", "r1", "r5", "r9", "r13")) {
        assertFalse(index.get(ok).failed(), ok);
      }
      assertError(index, "r2", "ModelUnavailableException", "127.0.0.1:9 is down");
      assertError(index, "r3", "ModelUnavailableException", "127.0.0.1:9 is down");
      assertError(index, "r4", "r5");
      assertError(index, "r6", "1", "2");
      assertError(index, "r7", "1", "2");
      assertError(index, "r8", "3x3");
      assertError(index, "r10", "IllegalStateException", "adapter bug");
      assertError(index, "r11", "IllegalStateException", "adapter bug");
      assertError(index, "r12", "null");
    }
  }

  static void assertError(PredictionIndex index, String id, String... mentions) {
    Prediction p = index.get(id);
    assertTrue(p.failed(), id + " should have failed: " + p);
    assertNull(p.masks(), id);
    for (String m : mentions) {
      assertTrue(p.error().contains(m), id + ": \"" + p.error() + "\" should mention " + m);
    }
  }

  @Test
  void theManifestSaysRunningDuringTheRunAndFinishedWithTheOutcomeAfter() throws Exception {
    LoadedSplit split = TinySamples.split("tiny", 6);
    Path dir = tmp.resolve("run");
    RunDirectory run = new RunDirectory(dir);
    List<RunManifest> seen = new ArrayList<>();
    Model peeking =
        new Model() {
          @Override
          public ModelInfo info() {
            return new ModelInfo("peeking", "2.1", List.of(), Map.of("weights", "none"));
          }

          @Override
          public synchronized List<Prediction> predict(List<ModelInput> batch) {
            seen.add(RunManifest.read(run.manifest()));
            return TestModels.truths(batch);
          }
        };
    Instant before = Instant.now();
    Runs.Outcome o = run(config("tiny", 4, 1), split, peeking, dir);

    RunManifest during = seen.get(0);
    assertEquals(RunManifest.RUNNING, during.status());
    assertFalse(during.finished());
    assertNull(during.ended());
    assertNull(during.samples());
    assertNull(during.failed());

    RunManifest after = RunManifest.read(run.manifest());
    assertEquals(o.manifest(), after);
    assertEquals(RunManifest.FINISHED, after.status());
    assertTrue(after.finished());
    assertEquals("tiny", after.benchmark());
    assertEquals("test:model", after.model().spec());
    assertEquals("peeking", after.model().name());
    assertEquals("2.1", after.model().version());
    assertEquals(Map.of("weights", "none"), after.model().details());
    assertEquals("cpu", after.device());
    assertEquals("standard", after.profile());
    assertEquals(11, after.seed());
    assertEquals("0/1", after.shard());
    assertNull(after.limit());
    assertEquals(1, after.concurrency());
    assertEquals(4, after.batchSize());
    assertEquals(
        PromptTemplates.all().stream().map(t -> t.task().id()).toList(),
        after.prompts().stream().map(RunManifest.PromptEntry::task).toList());
    assertEquals(
        PromptTemplates.forTask(dev.perbench.data.model.Task.RES).sha256(),
        after.prompts().get(3).sha256());
    assertEquals(List.of(), after.dataFiles());
    assertEquals(6, after.samples().intValue());
    assertEquals(0, after.failed().intValue());
    assertEquals(6, after.predictedInLastSession().intValue());
    assertNotNull(after.lastSessionSeconds());
    assertNull(after.mergedFrom());
    Instant started = Instant.parse(after.started());
    Instant ended = Instant.parse(after.ended());
    assertFalse(started.isBefore(before.minusSeconds(1)), after.started());
    assertFalse(ended.isBefore(started), after.ended());
    assertEquals(during.started(), after.started());
    assertEquals(Runtime.version().toString(), after.environment().java());
    assertTrue(after.harness().version().length() > 0);
    assertTrue(Files.readString(run.log()).contains("finished"), "the log records the end");
  }

  @Test
  void anInterruptedRunLeavesItsManifestRunningAndWritesNoMetrics() throws Exception {
    LoadedSplit split = TinySamples.split("tiny", 4);
    Path dir = tmp.resolve("run");
    assertThrows(
        InterruptedException.class,
        () -> run(config("tiny", 2, 1), split, new TestModels.Interrupting(), dir));
    RunDirectory run = new RunDirectory(dir);
    assertEquals(RunManifest.RUNNING, RunManifest.read(run.manifest()).status());
    assertFalse(Files.exists(run.metricsJson()));
    assertFalse(Files.exists(run.metricsCsv()));
  }

  static Stream<Arguments> otherRuns() {
    return Stream.of(
        Arguments.of(
            "model",
            (UnaryOperator<RunConfig>)
                c -> with(c, "test:other", c.profile(), c.shard(), c.limit())),
        Arguments.of(
            "profile",
            (UnaryOperator<RunConfig>)
                c -> with(c, c.modelSpec(), EvalProfile.PIXEL_SAIL, c.shard(), c.limit())),
        Arguments.of(
            "shard",
            (UnaryOperator<RunConfig>)
                c -> with(c, c.modelSpec(), c.profile(), new Shard(0, 2), c.limit())),
        Arguments.of(
            "limit",
            (UnaryOperator<RunConfig>) c -> with(c, c.modelSpec(), c.profile(), c.shard(), 3)),
        Arguments.of(
            "benchmark",
            (UnaryOperator<RunConfig>)
                c ->
                    new RunConfig(
                        "tiny-2",
                        c.modelSpec(),
                        c.profile(),
                        c.shard(),
                        c.limit(),
                        c.device(),
                        c.concurrency(),
                        c.batchSize(),
                        c.maxFailures(),
                        c.seed(),
                        c.ciResamples())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherRuns")
  void aFolderHoldingAnotherRunIsNotResumedIntoAndTheMessageNamesTheField(
      String field, UnaryOperator<RunConfig> change) throws Exception {
    LoadedSplit split = TinySamples.split("tiny", 4);
    Path dir = tmp.resolve("run");
    RunConfig first = config("tiny", 2, 1);
    run(first, split, new Truthful(), dir);
    byte[] manifest = Files.readAllBytes(new RunDirectory(dir).manifest());
    RunConfig other = change.apply(first);
    InputException e =
        assertThrows(InputException.class, () -> run(other, split, new Truthful(), dir));
    assertTrue(e.getMessage().contains(field), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertEquals(
        new String(manifest), Files.readString(new RunDirectory(dir).manifest()), "untouched");
  }

  @Test
  void theSameRunIsResumedWhateverItsOtherSettings() throws Exception {
    LoadedSplit split = TinySamples.split("tiny", 4);
    Path dir = tmp.resolve("run");
    run(config("tiny", 2, 1), split, new Truthful(), dir);
    // batch size, concurrency, device, seed and max failures do not make another run
    RunConfig c = config("tiny", 1, 4);
    Runs.Outcome o = run(c, split, new Truthful(), dir);
    assertEquals(0, o.predicted());
    assertEquals(4, o.evaluation().n().intValue());
  }

  @Test
  void aLimitAppliesAfterTheShard() throws Exception {
    LoadedSplit split = TinySamples.split("tiny", 10);
    Path dir = tmp.resolve("run");
    RunConfig c =
        with(config("tiny", 1, 1), "test:model", EvalProfile.STANDARD, new Shard(1, 3), 2);
    TestModels.Recording model = new TestModels.Recording(new Truthful());
    Runs.Outcome o = run(c, split, model, dir);
    // shard 1/3 of r0..r9 is r1, r4, r7; the first two of those
    assertEquals(java.util.Set.of("r1", "r4"), model.asked());
    assertEquals(2, o.evaluation().n().intValue());
    assertEquals("1/3", o.manifest().shard());
    assertEquals(2, o.manifest().limit().intValue());
  }

  @Test
  void aModelThatCannotSayWhatItIsFailsTheRunBeforeAnythingIsPredicted() throws IOException {
    LoadedSplit split = TinySamples.split("tiny", 2);
    Path dir = tmp.resolve("run");
    Model down =
        new Model() {
          @Override
          public ModelInfo info() throws ModelException {
            throw new ModelUnavailableException("no server");
          }

          @Override
          public List<Prediction> predict(List<ModelInput> batch) {
            throw new AssertionError("not called");
          }
        };
    assertThrows(
        ModelUnavailableException.class, () -> run(config("tiny", 1, 1), split, down, dir));
    assertFalse(Files.exists(new RunDirectory(dir).manifest()));
  }

  @Test
  void aShardThatSelectsNoSampleIsAnInputErrorBeforeAnythingIsWritten() {
    LoadedSplit split = TinySamples.split("tiny", 10);
    Path dir = tmp.resolve("run");
    RunConfig c =
        with(config("tiny", 1, 1), "test:model", EvalProfile.STANDARD, new Shard(11, 12), null);
    TestModels.Recording model = new TestModels.Recording(new Truthful());
    InputException e = assertThrows(InputException.class, () -> run(c, split, model, dir));
    assertEquals(
        "shard 11/12 selects no sample of tiny (10 samples); nothing to run", e.getMessage());
    assertEquals(java.util.Set.of(), model.asked());
    assertFalse(Files.exists(new RunDirectory(dir).manifest()));
  }
}

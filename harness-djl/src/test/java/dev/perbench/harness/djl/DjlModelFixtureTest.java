package dev.perbench.harness.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.Batchifier;
import ai.djl.translate.NoopTranslator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Task;
import dev.perbench.data.model.VisualPrompt;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed fixture run through DjlModel on the CPU, against torch's own outputs. */
class DjlModelFixtureTest {
  /**
   * Pixels a mask may differ by, for logits within float rounding of 0 after torch 1.13 vs DJL's
   * libtorch 2.7.1 (0 today; a resize that differs from torch's moves ~10 per mask).
   */
  private static final int PIXEL_TOLERANCE = 2;

  private static DjlModel model;

  /** fixture-expected.json's samples, predicted in one call (batch size 4). */
  private static JsonNode expected;

  private static List<Prediction> predicted;

  /** The same samples' input tensors and raw outputs, in one batch of the raw predictor. */
  private static List<Raw> raw;

  /** What a test needs of one sample's input tensors and raw outputs. */
  private record Raw(
      double imageSum,
      double promptsSum,
      long[] tokens,
      long taskId,
      long expectedTaskId,
      double[] maskLogitSums,
      float[] answerLogits,
      float[] captionLogits) {}

  @BeforeAll
  static void open() throws Exception {
    model = DjlModel.open(Fixtures.MODEL, Fixtures.options("cpu", 4));
    expected = Fixtures.expected().get("samples");
    List<ModelInput> inputs = Fixtures.inputs(expectedSamples(expected));
    predicted = model.predict(inputs);
    raw = rawOutputs(inputs);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static List<Sample> expectedSamples(JsonNode samples) {
    List<Sample> out = new ArrayList<>();
    for (JsonNode e : samples) {
      out.add(Fixtures.mini().get(e.get("id").asText()));
    }
    return out;
  }

  private static List<Raw> rawOutputs(List<ModelInput> inputs) throws Exception {
    InputEncoder encoder = model.translator().encoder();
    try (NDManager manager = model.djlModel().getNDManager().newSubManager();
        Predictor<NDList, NDList> predictor =
            model.djlModel().newPredictor(new NoopTranslator(Batchifier.STACK))) {
      List<NDList> encoded = new ArrayList<>();
      for (ModelInput in : inputs) {
        encoded.add(encoder.encode(manager, in));
      }
      List<NDList> outputs = predictor.batchPredict(encoded);
      List<Raw> out = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        NDList in = encoded.get(i);
        NDList o = outputs.get(i);
        double[] maskSums = new double[(int) o.get(0).getShape().get(0)];
        for (int c = 0; c < maskSums.length; c++) {
          maskSums[c] = sum(o.get(0).get(c));
        }
        out.add(
            new Raw(
                sum(in.get(0)),
                sum(in.get(1)),
                in.get(2).toLongArray(),
                in.get(3).getLong(),
                TensorContract.taskId(inputs.get(i).sample().task()),
                maskSums,
                o.get(1).toFloatArray(),
                o.get(2).toFloatArray()));
      }
      return out;
    }
  }

  /** One case per sample of fixture-expected.json: "#INDEX ID". */
  static Stream<Arguments> samples() {
    JsonNode samples = Fixtures.expected().get("samples");
    return IntStream.range(0, samples.size())
        .mapToObj(i -> Arguments.of("#" + i + " " + samples.get(i).get("id").asText(), i));
  }

  @Test
  void everyExpectedSampleGetsOnePrediction() {
    assertEquals(expected.size(), predicted.size());
    assertEquals(expected.size(), raw.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void predictionsMatchWhatTorchComputedForTheSameSamples(String name, int i) {
    JsonNode e = expected.get(i);
    Prediction p = predicted.get(i);
    String id = e.get("id").asText();
    assertEquals(id, p.sampleId());
    assertNull(p.error(), id);
    assertEquals(e.get("text").isNull() ? null : e.get("text").asText(), p.text(), id);
    if (e.get("masks").isNull()) {
      assertNull(p.masks(), id);
      return;
    }
    assertEquals(e.get("masks").size(), p.masks().size(), id + ": number of masks");
    for (int m = 0; m < p.masks().size(); m++) {
      JsonNode rle = e.get("masks").get(m);
      int[] counts = new int[rle.get("counts").size()];
      for (int c = 0; c < counts.length; c++) {
        counts[c] = rle.get("counts").get(c).asInt();
      }
      Mask want =
          Mask.fromCounts(rle.get("size").get(0).asInt(), rle.get("size").get(1).asInt(), counts);
      Mask have = p.masks().get(m);
      long differing = have.union(want).area() - have.intersection(want).area();
      assertTrue(
          differing <= PIXEL_TOLERANCE, id + " mask " + m + ": " + differing + " pixels differ");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void inputTensorsAndRawOutputsMatchTorch(String name, int i) {
    JsonNode e = expected.get(i);
    String id = e.get("id").asText();
    Raw r = raw.get(i);
    assertClose(e.get("image_sum").asDouble(), r.imageSum(), 1e-5, id + " image");
    assertClose(e.get("prompts_sum").asDouble(), r.promptsSum(), 1e-5, id + " prompts");
    long[] tokens = new long[e.get("tokens").size()];
    for (int t = 0; t < tokens.length; t++) {
      tokens[t] = e.get("tokens").get(t).asLong();
    }
    assertArrayEquals(tokens, r.tokens(), id + " tokens");
    assertEquals(r.expectedTaskId(), r.taskId(), id);
    for (int c = 0; c < e.get("mask_logits_sum").size(); c++) {
      assertClose(
          e.get("mask_logits_sum").get(c).asDouble(),
          r.maskLogitSums()[c],
          1e-5,
          id + " mask logits " + c);
    }
    assertFloats(e.get("answer_logits"), r.answerLogits(), id + " answer logits");
    assertFloats(e.get("caption_logits"), r.captionLogits(), id + " caption logits");
  }

  @Test
  void batchSizesOneAndFourGiveIdenticalPredictionsOnAllOfPerbenchMini() throws Exception {
    List<ModelInput> inputs = Fixtures.inputs(List.copyOf(Fixtures.mini().values()));
    List<Prediction> batched = model.predict(inputs);
    try (DjlModel single = DjlModel.open(Fixtures.MODEL, Fixtures.options("cpu", 1))) {
      assertEquals(1, single.preferredBatchSize());
      assertEquals(single.predict(inputs), batched);
    }
    assertTrue(batched.stream().noneMatch(Prediction::failed));
    assertTrue(
        batched.stream().anyMatch(p -> p.masks() != null && p.masks().size() == 2),
        "the fixture returns a second mask for some vres samples");
    assertTrue(
        batched.stream()
            .anyMatch(
                p ->
                    p.masks() != null && p.masks().size() == 1 && p.sampleId().startsWith("vres:")),
        "and stops at an empty channel for others");
  }

  @Test
  void samplesTheModelCannotRunFailAloneAndTheirBatchGoesOn(@TempDir Path dir) throws Exception {
    Sample good = Fixtures.mini().get("vres:0");
    Mask region = good.visualPrompts().get(0).mask();
    Sample farSlot =
        new Sample(
            "far-slot",
            Task.VRES,
            good.image(),
            "<Prompt5>",
            List.of(new VisualPrompt(5, region)),
            good.target());
    Path garbage = Files.write(dir.resolve("garbage.png"), new byte[] {1, 2, 3});
    Sample undecodable =
        new Sample(
            "undecodable",
            Task.VRES,
            new ImageRef("garbage.png", garbage, 96, 128),
            good.text(),
            good.visualPrompts(),
            good.target());
    Sample missing =
        new Sample(
            "missing",
            Task.VRES,
            new ImageRef("nope.png", dir.resolve("nope.png"), 96, 128),
            good.text(),
            good.visualPrompts(),
            good.target());
    Prediction alone = model.predict(Fixtures.inputs(List.of(good))).get(0);

    List<Prediction> got =
        model.predict(Fixtures.inputs(List.of(farSlot, good, undecodable, missing, good)));
    assertTrue(
        got.get(0)
            .error()
            .contains("visual prompt <Prompt5> is beyond the model's 4 prompt channels"),
        got.get(0).error());
    assertNotNull(got.get(2).error());
    assertTrue(got.get(3).error().contains("nope.png not found"), got.get(3).error());
    assertEquals(alone, got.get(1));
    assertEquals(alone, got.get(4));
  }

  @Test
  void concurrentCallersGetWhatOneCallerGets() throws Exception {
    List<ModelInput> inputs = Fixtures.inputs(List.copyOf(Fixtures.mini().values()).subList(0, 60));
    List<Prediction> sequential = model.predict(inputs);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Prediction>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> model.predict(inputs)));
      }
      for (Future<List<Prediction>> f : futures) {
        assertEquals(sequential, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void infoComesFromTheSidecarAndRecordsTheFileEngineAndDevice() {
    ModelInfo info = model.info();
    assertEquals("djl-fixture", info.name());
    assertEquals("1", info.version());
    assertEquals(List.of(Task.CAPTION, Task.MCQ, Task.VRES, Task.RES), info.tasks());
    assertEquals("harness-djl/src/test/python/make_djl_fixture.py", info.details().get("script"));
    assertEquals("cpu()", info.details().get("djl.device"));
    assertEquals("64x80", info.details().get("djl.input_size"));
    assertTrue(
        info.details().get("djl.engine").contains("PyTorch 2.7.1"),
        info.details().get("djl.engine"));
    assertEquals(64, info.details().get("djl.sha256").length());
    assertEquals(4, model.preferredBatchSize());
  }

  private static double sum(NDArray a) {
    return a.toType(DataType.FLOAT64, false).sum().getDouble();
  }

  private static void assertClose(double want, double have, double relative, String what) {
    assertEquals(want, have, relative * Math.max(1, Math.abs(want)), what);
  }

  private static void assertFloats(JsonNode want, float[] have, String what) {
    assertEquals(want.size(), have.length, what);
    for (int i = 0; i < have.length; i++) {
      assertEquals(want.get(i).asDouble(), have[i], 1e-4, what + "[" + i + "]");
    }
  }
}

package dev.perbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.refer.ReferLoader;
import dev.perbench.data.refer.ReferRefs;
import dev.perbench.data.refer.ReferSource;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.io.PredictionJson;
import dev.perbench.harness.io.PredictionWriter;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Scoring;
import dev.perbench.harness.score.SegmentationTaskResult;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import dev.perbench.metrics.mask.RleCodec;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code perbench score} on a RefCOCO-scale prediction file (a synthetic refer dataset, one mask
 * per sample), beside a straightforward reimplementation that decodes every mask to pixels and
 * counts them, as the Python scripts of the field do, in the same run.
 */
public final class ScoreBenchmark {
  /** Wall times of both, and their results (which must agree). */
  public record Result(
      int samples,
      long fileBytes,
      double harnessSeconds,
      double denseSeconds,
      double harnessCiou,
      double denseCiou,
      double harnessGiou,
      double denseGiou) {}

  private ScoreBenchmark() {}

  public static Result run(Path work, int sentences) throws Exception {
    Path dataset = work.resolve("refcoco");
    SyntheticRefer.write(dataset, Math.max(1, sentences * 50_000 / 142_210), sentences, 0, 11);
    ReferSource source = ReferSource.refer("refcoco", dataset, "unc", work.resolve("images"));
    ReferRefs refs = ReferRefs.read(source);
    List<Sample> samples = new ArrayList<>();
    for (LoadedSplit s : ReferLoader.load(refs, List.copyOf(refs.splits()))) {
      samples.addAll(s.samples());
    }
    Path file = work.resolve("predictions.jsonl");
    SplittableRandom random = new SplittableRandom(5);
    try (PredictionWriter writer = new PredictionWriter(file)) {
      for (Sample s : samples) {
        Mask gt = ((Target.Masks) s.target()).masks().get(0);
        double[] box = gt.boundingBox();
        // A prediction that overlaps the object: its box, shifted and rescaled a little.
        Mask pred =
            PolygonRasterizer.box(
                box[0] + (random.nextDouble() - 0.5) * box[2] * 0.3,
                box[1] + (random.nextDouble() - 0.5) * box[3] * 0.3,
                box[2] * (0.8 + 0.4 * random.nextDouble()),
                box[3] * (0.8 + 0.4 * random.nextDouble()),
                gt.height(),
                gt.width());
        writer.write(Prediction.masks(s.id(), List.of(pred)));
      }
    }
    Map<String, Sample> byId = new HashMap<>();
    samples.forEach(s -> byId.put(s.id(), s));

    long t0 = System.nanoTime();
    Evaluation e;
    try (PredictionIndex index = PredictionIndex.open(file, byId)) {
      e =
          Scoring.score(
              "synthetic", samples, index, EvalProfile.STANDARD, new BootstrapSettings(0.95, 1, 0));
    }
    double harness = (System.nanoTime() - t0) / 1e9;

    long t1 = System.nanoTime();
    double[] dense = denseScore(file, byId);
    double denseSeconds = (System.nanoTime() - t1) / 1e9;
    SegmentationTaskResult res = e.tasks().res();
    return new Result(
        samples.size(),
        Files.size(file),
        harness,
        denseSeconds,
        res.ciou(),
        dense[0],
        res.giou(),
        dense[1]);
  }

  /** Decode both masks of every pair to one byte per pixel and count: {ciou, giou}. */
  private static double[] denseScore(Path file, Map<String, Sample> byId) throws Exception {
    ObjectMapper json = new ObjectMapper();
    long sumI = 0;
    long sumU = 0;
    double sumIou = 0;
    int n = 0;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode node = json.readTree(line);
        Prediction p = PredictionJson.read(node);
        Mask gtMask = ((Target.Masks) byId.get(p.sampleId()).target()).masks().get(0);
        JsonNode rle = node.get("masks").get(0);
        byte[] pred =
            RleCodec.decode(
                    rle.get("size").get(0).asInt(),
                    rle.get("size").get(1).asInt(),
                    rle.get("counts").asText())
                .toBitmap();
        byte[] gt = gtMask.toBitmap();
        long i = 0;
        long u = 0;
        for (int k = 0; k < gt.length; k++) {
          i += gt[k] & pred[k];
          u += gt[k] | pred[k];
        }
        sumI += i;
        sumU += u;
        sumIou += u == 0 ? 1 : (double) i / u;
        n++;
      }
    }
    return new double[] {(double) sumI / sumU, sumIou / n};
  }
}

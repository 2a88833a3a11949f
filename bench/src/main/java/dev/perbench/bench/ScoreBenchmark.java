package dev.perbench.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

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
  /**
   * Wall times of both, and their results (which must agree). The harness's is the median of {@code
   * harnessRuns} scorings after one warm-up scoring, with the fastest and slowest, and the
   * process's CPU time during the median one.
   */
  public record Result(
      int samples,
      long fileBytes,
      double harnessSeconds,
      double harnessMinSeconds,
      double harnessMaxSeconds,
      double harnessCpuSeconds,
      int harnessRuns,
      double denseSeconds,
      double harnessCiou,
      double denseCiou,
      double harnessGiou,
      double denseGiou) {}

  private ScoreBenchmark() {}

  /**
   * Writes a synthetic refcoco dataset ({@code work/refcoco}) and a prediction file ({@code
   * work/predictions.jsonl}) with one mask per sample, scores it {@code runs} times after a
   * warm-up, then once the dense way. The files stay for {@link #pycocotools}.
   */
  public static Result run(Path work, int sentences, int runs) throws Exception {
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

    Evaluation e = null;
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int r = -1; r < runs; r++) {
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      try (PredictionIndex index = PredictionIndex.open(file, byId)) {
        e =
            Scoring.score(
                "synthetic",
                samples,
                index,
                EvalProfile.STANDARD,
                new BootstrapSettings(0.95, 1, 0));
      }
      if (r >= 0) {
        wall[r] = (System.nanoTime() - t0) / 1e9;
        cpu[r] = (processCpuNanos() - c0) / 1e9;
      }
    }
    Integer[] order = new Integer[runs];
    for (int r = 0; r < runs; r++) {
      order[r] = r;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(wall[a], wall[b]));
    int median = order[runs / 2];

    long t1 = System.nanoTime();
    double[] dense = denseScore(file, byId);
    double denseSeconds = (System.nanoTime() - t1) / 1e9;
    SegmentationTaskResult res = e.tasks().res();
    return new Result(
        samples.size(),
        Files.size(file),
        wall[median],
        wall[order[0]],
        wall[order[runs - 1]],
        cpu[median],
        runs,
        denseSeconds,
        res.ciou(),
        dense[0],
        res.giou(),
        dense[1]);
  }

  /** What {@code bench score --json} writes: the harness's figures, the script's when it ran. */
  public record Report(Result harness, PycocotoolsResult pycocotools) {}

  /** What {@code score_pycocotools_loop.py} reported, and how long its process took in all. */
  public record PycocotoolsResult(
      int n,
      double ciou,
      double giou,
      double loadSeconds,
      double scoreSeconds,
      double scoreCpuSeconds,
      double processSeconds,
      double scoreMinSeconds,
      double scoreMaxSeconds,
      int runs) {}

  /**
   * The script's median run (by its scoring time) of {@code runs} after one not counted, with the
   * fastest and slowest scoring times.
   */
  public static PycocotoolsResult pycocotools(Path work, Path python, Path script, int runs)
      throws Exception {
    pycocotools(work, python, script);
    List<PycocotoolsResult> all = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      all.add(pycocotools(work, python, script));
    }
    all.sort(java.util.Comparator.comparingDouble(PycocotoolsResult::scoreSeconds));
    PycocotoolsResult m = all.get(runs / 2);
    return new PycocotoolsResult(
        m.n(),
        m.ciou(),
        m.giou(),
        m.loadSeconds(),
        m.scoreSeconds(),
        m.scoreCpuSeconds(),
        m.processSeconds(),
        all.get(0).scoreSeconds(),
        all.get(runs - 1).scoreSeconds(),
        runs);
  }

  /**
   * Runs {@code python script work/refcoco work/predictions.jsonl} (the files {@link #run} left)
   * once: pycocotools scoring the same predictions against the same dataset, loaded first.
   *
   * @throws IllegalStateException with the script's output when it fails (e.g. no pycocotools)
   */
  static PycocotoolsResult pycocotools(Path work, Path python, Path script) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                python.toString(),
                script.toString(),
                work.resolve("refcoco").toString(),
                work.resolve("predictions.jsonl").toString())
            .redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    int status = process.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    String last = output.strip().lines().reduce("", (a, b) -> b);
    if (status != 0 || !last.startsWith("{")) {
      throw new IllegalStateException(
          python + " " + script + " failed (exit " + status + "):\n" + output.strip());
    }
    JsonNode r = new ObjectMapper().readTree(last);
    return new PycocotoolsResult(
        r.get("n").asInt(),
        r.get("ciou").asDouble(),
        r.get("giou").asDouble(),
        r.get("load_seconds").asDouble(),
        r.get("score_seconds").asDouble(),
        r.get("score_cpu_seconds").asDouble(),
        seconds,
        r.get("score_seconds").asDouble(),
        r.get("score_seconds").asDouble(),
        1);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
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

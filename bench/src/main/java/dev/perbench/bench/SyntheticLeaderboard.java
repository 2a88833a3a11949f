package dev.perbench.bench;

import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.data.model.Task;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Interval;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.harness.score.SegmentationTaskResult;
import dev.perbench.harness.score.TaskResults;
import dev.perbench.harness.submissions.SubmissionCard;
import dev.perbench.harness.submissions.SubmissionValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A submissions folder of generated leaderboard entries, valid under the submissions validator's
 * rules: model cards of every kind, and for each entry a {@code metrics.json} on each of up to ten
 * RefCOCO-family benchmarks written through the harness's typed {@link Evaluation} (harness results
 * with counts and intervals under the {@code standard} or {@code grefcoco} profile; reported
 * entries with the few values a paper gives). Seeded: the same arguments give the same files.
 *
 * <p>Also a pair of entries for the compare page ({@link #COMPARE_A}, {@link #COMPARE_B}) whose
 * results on the first benchmark are computed from per-sample scores ({@link #sampleScores}), so
 * that the page's values and its paired bootstrap agree.
 */
public final class SyntheticLeaderboard {
  /** The benchmarks entries have results on, in order; a run uses the first few. */
  public static final List<String> BENCHMARKS =
      List.of(
          "refcoco:val",
          "refcoco:testA",
          "refcoco:testB",
          "refcoco+:val",
          "refcoco+:testA",
          "refcoco+:testB",
          "refcocog:val",
          "refcocog:test",
          "grefcoco:val",
          "grefcoco:testA");

  /** Entry A of the compared pair. */
  public static final String COMPARE_A = "bench-compare-a";

  /** Entry B of the compared pair. */
  public static final String COMPARE_B = "bench-compare-b";

  private static final String[] ORGANISATIONS = {
    "Acme AI", "Pixel Lab", "Grounding Group", "North Vision", "Segment Works", "Open Masks",
    "Referring Inc.", "Lake Research", "Delta Robotics", "Blue Fox", "Quartz", "Mosaic"
  };
  private static final String[] SIZES = {"0.5B", "1B", "3B", "4B", "7B", "8B", "13B", "350M"};
  private static final String[] KINDS = {
    SubmissionCard.SUBMITTED,
    SubmissionCard.SUBMITTED,
    SubmissionCard.SUBMITTED,
    SubmissionCard.REPRODUCED,
    SubmissionCard.REPRODUCED,
    SubmissionCard.BASELINE,
    SubmissionCard.REPORTED
  };
  private static final BootstrapSettings CI = BootstrapSettings.percent95(1000, 0);

  private SyntheticLeaderboard() {}

  /**
   * Writes {@code entries} generated entries ({@code bench-entry-0001}, ...) into {@code folder},
   * each with results on the first {@code benchmarks} of {@link #BENCHMARKS}.
   */
  public static void write(Path folder, int entries, int benchmarks, long seed) throws IOException {
    check(benchmarks);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 1; i <= entries; i++) {
      String id = String.format(Locale.ROOT, "bench-entry-%04d", i);
      String kind = KINDS[rng.nextInt(KINDS.length)];
      SubmissionCard card =
          new SubmissionCard(
              String.format(Locale.ROOT, "Generated model %04d", i),
              rng.nextInt(5) == 0 ? null : ORGANISATIONS[rng.nextInt(ORGANISATIONS.length)],
              rng.nextInt(6) == 0 ? null : SIZES[rng.nextInt(SIZES.length)],
              rng.nextInt(3) == 0 ? null : "https://example.org/models/" + id,
              kind,
              "perbench bench web: generated entry (seed " + seed + ")",
              String.format(
                  Locale.ROOT,
                  "%d-%02d-%02d",
                  2023 + rng.nextInt(3),
                  1 + rng.nextInt(12),
                  1 + rng.nextInt(28)),
              rng.nextInt(4) == 0 ? "A generated entry of the web benchmark." : null);
      double skill = 0.30 + 0.50 * rng.nextDouble();
      List<Evaluation> results = new ArrayList<>();
      for (String bench : BENCHMARKS.subList(0, benchmarks)) {
        double ciou = clamp(skill + 0.06 * rng.nextGaussian(), 0.05, 0.95);
        results.add(
            SubmissionCard.REPORTED.equals(kind)
                ? reported(bench, ciou, rng)
                : harness(bench, ciou, clamp(ciou + 0.03 * rng.nextGaussian(), 0.05, 0.95), rng));
      }
      entry(folder, id, card, results);
    }
  }

  /**
   * Writes the two compared entries: results on the first {@code benchmarks} benchmarks, those on
   * the first one computed from {@link #sampleScores} of {@code shared} samples.
   */
  public static void writeComparePair(Path folder, int benchmarks, int shared, long seed)
      throws IOException {
    check(benchmarks);
    List<List<SampleScore>> scores = sampleScores(shared, seed);
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    String[] ids = {COMPARE_A, COMPARE_B};
    for (int side = 0; side < 2; side++) {
      SubmissionCard card =
          new SubmissionCard(
              "Compared model " + (side == 0 ? "A" : "B"),
              "Pixel Lab",
              "7B",
              null,
              SubmissionCard.SUBMITTED,
              "perbench bench web: generated entry with per-sample results (seed " + seed + ")",
              "2025-06-01",
              "Its per-sample results on " + BENCHMARKS.get(0) + " are stored in the database.");
      List<Evaluation> results = new ArrayList<>();
      List<SampleScore> mine = scores.get(side);
      results.add(fromSamples(BENCHMARKS.get(0), mine));
      for (String bench : BENCHMARKS.subList(1, benchmarks)) {
        double ciou = clamp(0.6 - 0.05 * side + 0.05 * rng.nextGaussian(), 0.05, 0.95);
        results.add(harness(bench, ciou, clamp(ciou + 0.03, 0.05, 0.95), rng));
      }
      entry(folder, ids[side], card, results);
    }
  }

  /**
   * Per-sample referring-segmentation scores of the compared entries A and B on the same {@code
   * samples} samples (ids as RefCOCO's sentence ids): IoUs from a Beta-like spread, B's correlated
   * with A's and a little worse, a few misses (IoU 0), union areas from 1,000 to 100,000 pixels.
   */
  public static List<List<SampleScore>> sampleScores(int samples, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<SampleScore> a = new ArrayList<>(samples);
    List<SampleScore> b = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      String id = Long.toString(100_000L + 7L * i);
      double difficulty = rng.nextDouble();
      double iouA = iou(difficulty, 0.0, rng);
      double iouB = iou(difficulty, 0.04, rng);
      double area = Math.exp(Math.log(1_000) + rng.nextDouble() * Math.log(100));
      a.add(segmentation(id, iouA, Math.rint(area * (1 + 0.2 * rng.nextDouble())), iouA));
      b.add(segmentation(id, iouB, Math.rint(area * (1 + 0.2 * rng.nextDouble())), iouB));
    }
    return List.of(a, b);
  }

  private static double iou(double difficulty, double handicap, SplittableRandom rng) {
    if (rng.nextInt(20) == 0) {
      return 0; // a miss: the mask is elsewhere
    }
    double v = 0.95 - 0.7 * difficulty * difficulty - handicap + 0.08 * rng.nextGaussian();
    return clamp(v, 0, 1);
  }

  private static SampleScore segmentation(String id, double iou, double union, double score) {
    double u = Math.max(1, union);
    return new SampleScore(
        id, Task.RES, SampleScore.OK, score, 1, iou, Math.rint(iou * u), u, null);
  }

  /** A harness result whose figures are the samples' (cIoU, gIoU, precision at 0.5 to 0.9). */
  private static Evaluation fromSamples(String bench, List<SampleScore> samples) {
    double inter = 0;
    double union = 0;
    double iouSum = 0;
    int[] above = new int[5];
    for (SampleScore s : samples) {
      inter += s.intersection();
      union += s.union();
      iouSum += s.iouSum();
      for (int k = 0; k < 5; k++) {
        if (s.score() > 0.5 + 0.1 * k) {
          above[k]++;
        }
      }
    }
    long n = samples.size();
    double ciou = inter / union;
    double giou = iouSum / n;
    return evaluation(
        bench,
        n,
        0,
        new SegmentationTaskResult(
            convention(bench),
            n,
            0L,
            0L,
            ciou,
            giou,
            above[0] / (double) n,
            above[1] / (double) n,
            above[2] / (double) n,
            above[3] / (double) n,
            above[4] / (double) n,
            null,
            null,
            n,
            new SegmentationTaskResult.Ci(around(ciou, 0.006), around(giou, 0.005))));
  }

  private static Evaluation harness(String bench, double ciou, double giou, SplittableRandom rng) {
    BenchmarkSpec spec = spec(bench);
    long n = spec.publishedSamples() != null ? spec.publishedSamples() : 5_000 + rng.nextInt(2000);
    long failed = rng.nextInt(10) == 0 ? rng.nextInt((int) (n / 200)) : 0;
    double[] precision = new double[5];
    double p = clamp(giou + 0.08 + 0.02 * rng.nextGaussian(), 0, 1);
    for (int k = 0; k < 5; k++) {
      precision[k] = p;
      p = clamp(p - 0.07 - 0.05 * k * rng.nextDouble(), 0, p);
    }
    boolean generalized = spec.generalized();
    return evaluation(
        bench,
        n,
        failed,
        new SegmentationTaskResult(
            convention(bench),
            n,
            0L,
            failed,
            ciou,
            giou,
            precision[0],
            precision[1],
            precision[2],
            precision[3],
            precision[4],
            generalized ? clamp(0.5 + 0.2 * rng.nextGaussian(), 0, 1) : null,
            generalized ? clamp(0.9 + 0.03 * rng.nextGaussian(), 0, 1) : null,
            n,
            new SegmentationTaskResult.Ci(
                around(ciou, 0.005 + 0.01 * rng.nextDouble()),
                around(giou, 0.005 + 0.01 * rng.nextDouble()))));
  }

  private static Evaluation evaluation(
      String bench, long n, long failed, SegmentationTaskResult res) {
    return new Evaluation(
        Evaluation.METRICS_VERSION,
        bench,
        spec(bench).generalized() ? "grefcoco" : "standard",
        n,
        0L,
        failed,
        new TaskResults(null, null, null, res),
        null,
        CI);
  }

  /** Numbers as a paper prints them: cIoU, sometimes gIoU, to three decimals. */
  private static Evaluation reported(String bench, double ciou, SplittableRandom rng) {
    double c = Math.rint(ciou * 1000) / 1000;
    Double g = rng.nextBoolean() ? Math.rint(clamp(ciou + 0.03, 0, 1) * 1000) / 1000 : null;
    return new Evaluation(
        null,
        bench,
        Evaluation.REPORTED,
        null,
        null,
        null,
        new TaskResults(
            null,
            null,
            null,
            new SegmentationTaskResult(
                "as reported",
                null,
                null,
                null,
                c,
                g,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null)),
        null,
        null);
  }

  private static String convention(String bench) {
    return spec(bench).generalized() ? "grefcoco" : "standard";
  }

  private static Interval around(double v, double half) {
    return new Interval(Math.max(0, v - half), Math.min(1, v + half));
  }

  private static void entry(Path folder, String id, SubmissionCard card, List<Evaluation> results)
      throws IOException {
    Path dir = folder.resolve(id);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(SubmissionValidator.MODEL_CARD), card.text());
    for (Evaluation e : results) {
      Path r =
          dir.resolve(SubmissionValidator.RESULTS)
              .resolve(SubmissionValidator.folderName(e.benchmark()));
      Files.createDirectories(r);
      Files.writeString(r.resolve(SubmissionValidator.METRICS), MetricsFiles.jsonText(e));
    }
  }

  private static BenchmarkSpec spec(String bench) {
    return BenchmarkCatalog.resolve(bench).get(0);
  }

  private static void check(int benchmarks) {
    if (benchmarks < 1 || benchmarks > BENCHMARKS.size()) {
      throw new IllegalArgumentException(
          "benchmarks: 1 to " + BENCHMARKS.size() + ", not " + benchmarks);
    }
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}

package dev.perbench.bench;

import dev.perbench.metrics.mask.MaskOverlap;
import dev.perbench.metrics.mask.PolygonRasterizer;
import dev.perbench.metrics.mask.RleCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the mask library against the dense baseline on the same synthetic pairs, in one process:
 * IoU (on masks in memory, and from two counts strings as pycocotools' {@code iou} works),
 * counts-string decoding and polygon rasterisation.
 *
 * <p>The IoU row builds its dense bitmaps only after measuring the run-length side, and they are
 * collected before the next row: with G1 on two cores, 600 MB of live bitmaps slowed the allocating
 * rows (string parsing) five to seven times, which would make the comparison unfair to the
 * run-length side.
 */
public final class MaskBenchmark {
  /** One measured operation: the run-length implementation beside its dense baseline. */
  public record Row(String operation, double rlePerSecond, double densePerSecond) {
    public double speedup() {
      return rlePerSecond / densePerSecond;
    }
  }

  /** A whole measurement, as {@code bench masks --json} writes it. */
  public record Result(int pairs, long seed, double warmupSeconds, double seconds, List<Row> rows) {
    public Result {
      rows = List.copyOf(rows);
    }
  }

  private final List<SyntheticPairs.Pair> pairs;
  private final Stopwatch stopwatch;
  private final String[] gtStrings;
  private final String[] predStrings;

  public MaskBenchmark(List<SyntheticPairs.Pair> pairs, double warmupSeconds, double seconds) {
    this.pairs = pairs;
    this.stopwatch = new Stopwatch(warmupSeconds, seconds);
    gtStrings = new String[pairs.size()];
    predStrings = new String[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      gtStrings[i] = RleCodec.encode(pairs.get(i).gt());
      predStrings[i] = RleCodec.encode(pairs.get(i).pred());
    }
  }

  public List<Row> run() {
    List<Row> rows = new ArrayList<>();
    rows.add(iou());
    System.gc(); // reclaim the IoU row's dense bitmaps before measuring allocating code
    rows.add(iouFromStrings());
    rows.add(decode());
    rows.add(rasterize());
    if (stopwatch.sink() == 42) {
      System.err.print("");
    }
    return rows;
  }

  private Row iou() {
    int n = pairs.size();
    double rle =
        stopwatch.opsPerSecond(
            n, i -> MaskOverlap.overlap(pairs.get(i).gt(), pairs.get(i).pred()).intersection());
    byte[][] gt = new byte[n][];
    byte[][] pred = new byte[n][];
    for (int i = 0; i < n; i++) {
      gt[i] = pairs.get(i).gt().toBitmap();
      pred[i] = pairs.get(i).pred().toBitmap();
    }
    double dense = stopwatch.opsPerSecond(n, i -> DenseBaseline.overlap(gt[i], pred[i])[0]);
    return new Row("IoU of a pair", rle, dense);
  }

  /** What pycocotools' iou() does per call: parse both strings, then compare. */
  private Row iouFromStrings() {
    double rle =
        stopwatch.opsPerSecond(
            pairs.size(),
            i -> {
              SyntheticPairs.Pair p = pairs.get(i);
              return MaskOverlap.overlap(
                      RleCodec.decode(p.height(), p.width(), gtStrings[i]),
                      RleCodec.decode(p.height(), p.width(), predStrings[i]))
                  .intersection();
            });
    double dense =
        stopwatch.opsPerSecond(
            pairs.size(),
            i -> {
              SyntheticPairs.Pair p = pairs.get(i);
              return DenseBaseline.overlap(
                  DenseBaseline.decode(p.height(), p.width(), gtStrings[i]),
                  DenseBaseline.decode(p.height(), p.width(), predStrings[i]))[0];
            });
    return new Row("IoU from two strings", rle, dense);
  }

  private Row decode() {
    double rle =
        stopwatch.opsPerSecond(
            pairs.size(),
            i ->
                DenseBaseline.checksum(
                    RleCodec.decode(pairs.get(i).height(), pairs.get(i).width(), predStrings[i])));
    double dense =
        stopwatch.opsPerSecond(
            pairs.size(),
            i ->
                DenseBaseline.decode(pairs.get(i).height(), pairs.get(i).width(), predStrings[i])
                    .length);
    return new Row("decode a counts string", rle, dense);
  }

  private Row rasterize() {
    double rle =
        stopwatch.opsPerSecond(
            pairs.size(),
            i ->
                DenseBaseline.checksum(
                    PolygonRasterizer.polygon(
                        pairs.get(i).gtPolygon(), pairs.get(i).height(), pairs.get(i).width())));
    double dense =
        stopwatch.opsPerSecond(
            pairs.size(),
            i ->
                DenseBaseline.rasterize(
                        pairs.get(i).gtPolygon(), pairs.get(i).height(), pairs.get(i).width())
                    .length);
    return new Row("rasterise a polygon", rle, dense);
  }
}

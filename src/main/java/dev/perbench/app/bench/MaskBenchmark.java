package dev.perbench.app.bench;

import dev.perbench.metrics.mask.MaskOverlap;
import dev.perbench.metrics.mask.PolygonRasterizer;
import dev.perbench.metrics.mask.RleCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the mask library against the dense baseline on the same synthetic pairs, in one
 * process: IoU, counts-string decoding and polygon rasterisation.
 */
public final class MaskBenchmark {
  /** One measured operation: the run-length implementation beside its dense baseline. */
  public record Row(String operation, double rlePerSecond, double densePerSecond) {
    public double speedup() {
      return rlePerSecond / densePerSecond;
    }
  }

  private final List<SyntheticPairs.Pair> pairs;
  private final Stopwatch stopwatch;

  public MaskBenchmark(List<SyntheticPairs.Pair> pairs, double warmupSeconds, double seconds) {
    this.pairs = pairs;
    this.stopwatch = new Stopwatch(warmupSeconds, seconds);
  }

  public List<Row> run() {
    int n = pairs.size();
    byte[][] gtDense = new byte[n][];
    byte[][] predDense = new byte[n][];
    String[] predStrings = new String[n];
    for (int i = 0; i < n; i++) {
      gtDense[i] = pairs.get(i).gt().toBitmap();
      predDense[i] = pairs.get(i).pred().toBitmap();
      predStrings[i] = RleCodec.encode(pairs.get(i).pred());
    }
    List<Row> rows = new ArrayList<>();
    rows.add(new Row(
        "IoU of a pair",
        stopwatch.opsPerSecond(n, i -> MaskOverlap.overlap(pairs.get(i).gt(), pairs.get(i).pred()).intersection()),
        stopwatch.opsPerSecond(n, i -> DenseBaseline.overlap(gtDense[i], predDense[i])[0])));
    rows.add(new Row(
        "decode a counts string",
        stopwatch.opsPerSecond(n, i -> DenseBaseline.checksum(
            RleCodec.decode(pairs.get(i).height(), pairs.get(i).width(), predStrings[i]))),
        stopwatch.opsPerSecond(n, i -> DenseBaseline.decode(
            pairs.get(i).height(), pairs.get(i).width(), predStrings[i]).length)));
    rows.add(new Row(
        "rasterise a polygon",
        stopwatch.opsPerSecond(n, i -> DenseBaseline.checksum(PolygonRasterizer.polygon(
            pairs.get(i).gtPolygon(), pairs.get(i).height(), pairs.get(i).width()))),
        stopwatch.opsPerSecond(n, i -> DenseBaseline.rasterize(
            pairs.get(i).gtPolygon(), pairs.get(i).height(), pairs.get(i).width()).length)));
    if (stopwatch.sink() == 42) {
      System.err.print("");
    }
    return rows;
  }
}

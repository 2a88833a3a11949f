package dev.perbench.harness.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.errors.InputException;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import dev.perbench.metrics.mask.RleCodec;
import dev.perbench.metrics.seg.SegProfile;
import dev.perbench.metrics.seg.SegmentationAccumulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel, streaming {@code mask eval} path gives byte for byte what the single-threaded run
 * and the line-by-line reference ({@link MaskPairsReader} into a {@link SegmentationAccumulator})
 * give, on a generated file of polygons, compressed and uncompressed RLE, nulls, blank lines, CRLF
 * line ends, a byte order mark and non-ASCII ids; and with bad lines, all three stop at the same
 * first bad line with the same message.
 */
class ParallelMaskEvaluationTest {
  private static final int PAIRS = 3_000;
  @TempDir Path dir;

  @Test
  void everyThreadCountGivesTheReferenceResult() throws IOException {
    List<String> lines = generate(PAIRS, 7);
    Path file = write("good.jsonl", lines);
    for (SegProfile profile : SegProfile.values()) {
      String expected = reference(file, profile);
      for (int threads : new int[] {1, 2, 5}) {
        String actual = MaskEvaluation.run(file, profile, quiet(), threads).toJson();
        assertEquals(expected, actual, profile.id() + ", " + threads + " threads");
      }
    }
  }

  @Test
  void theFirstBadLineIsNamedWhateverTheThreads() throws IOException {
    List<String> lines = generate(PAIRS, 8);
    // Lines are 1-based; later bad lines must not be reported before the first one.
    int bad = 2_345;
    lines.set(
        bad - 1,
        "{\"id\":\"bad\",\"size\":[2,3],\"gt\":{\"size\":[2,3],\"counts\":\"6~\"},"
            + "\"pred\":null}");
    lines.set(2_900, "not json at all");
    assertSameError(write("bad-rle.jsonl", lines), bad, "invalid character");

    List<String> dup = generate(PAIRS, 9);
    // A duplicate id is reported before the same line's bad mask, as the reader does.
    String firstId = idOf(dup.get(1_000));
    dup.set(1_999, "{\"id\":\"" + firstId + "\",\"size\":[2,3],\"gt\":[[1]],\"pred\":null}");
    String message = assertSameError(write("dup.jsonl", dup), 2_000, "duplicate id");
    assertTrue(message.contains("first seen on line 1001"), message);

    List<String> syntax = generate(PAIRS, 10);
    syntax.set(499, "{\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null} trailing");
    assertSameError(write("syntax.jsonl", syntax), 500, "not valid JSON");
  }

  private String assertSameError(Path file, int line, String what) {
    InputException reference =
        assertThrows(InputException.class, () -> reference(file, SegProfile.STANDARD));
    assertTrue(reference.getMessage().startsWith(file + ":" + line + ": "), reference.getMessage());
    assertTrue(reference.getMessage().contains(what), reference.getMessage());
    for (int threads : new int[] {1, 2, 5}) {
      InputException e =
          assertThrows(
              InputException.class,
              () -> MaskEvaluation.run(file, SegProfile.STANDARD, quiet(), threads));
      assertEquals(reference.getMessage(), e.getMessage(), threads + " threads");
    }
    return reference.getMessage();
  }

  /** The line-by-line evaluation as it was before the parallel path. */
  private static String reference(Path file, SegProfile profile) {
    SegmentationAccumulator accumulator = new SegmentationAccumulator(profile);
    try (MaskPairsReader reader = MaskPairsReader.open(file)) {
      for (MaskPair pair = reader.next(); pair != null; pair = reader.next()) {
        accumulator.add(pair.gt(), pair.pred());
      }
    }
    return new MaskEvaluation.Outcome(accumulator.result(), file, 0).toJson();
  }

  private Path write(String name, List<String> lines) throws IOException {
    StringBuilder text = new StringBuilder("\uFEFF");
    for (int i = 0; i < lines.size(); i++) {
      text.append(lines.get(i)).append(i % 7 == 3 ? "\r\n" : "\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static PrintWriter quiet() {
    return new PrintWriter(new StringWriter());
  }

  private static String idOf(String line) {
    int start = line.indexOf("\"id\":\"") + 6;
    return line.substring(start, line.indexOf('"', start));
  }

  /** Lines of pairs at COCO-like sizes; every 97th line is blank (it is skipped, not a pair). */
  static List<String> generate(int count, long seed) {
    Random rng = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % 97 == 50) {
        lines.add(i % 2 == 0 ? "" : "  \t");
        continue;
      }
      int h = 40 + rng.nextInt(200);
      int w = 40 + rng.nextInt(200);
      double[] gtPolygon = star(rng, h, w);
      double[] predPolygon = jitter(rng, gtPolygon);
      String id = (i % 31 == 0 ? "é-" : "pair-") + i;
      String gt = i % 45 == 7 ? "null" : polygonJson(gtPolygon, rng);
      Mask pred = PolygonRasterizer.polygon(predPolygon, h, w);
      String predJson =
          switch (i % 40) {
            case 9 -> "null";
            case 10, 11 -> rleJson(h, w, Arrays.toString(pred.counts()).replace(" ", ""));
            case 12 -> rleJson(h, w, quoted(RleCodec.encode(Mask.empty(h, w))));
            default -> rleJson(h, w, quoted(RleCodec.encode(pred)));
          };
      lines.add(
          i % 13 == 0
              ? "{\"pred\":"
                  + predJson
                  + ",\"gt\":"
                  + gt
                  + ",\"size\":["
                  + h
                  + ","
                  + w
                  + "],\"id\":\""
                  + id
                  + "\"}"
              : "{\"id\":\""
                  + id
                  + "\",\"size\":["
                  + h
                  + ","
                  + w
                  + "],\"gt\":"
                  + gt
                  + ",\"pred\":"
                  + predJson
                  + "}");
    }
    return lines;
  }

  /** A counts string as a JSON string: its '\\' characters escaped. */
  private static String quoted(String counts) {
    return "\"" + counts.replace("\\", "\\\\") + "\"";
  }

  private static String rleJson(int h, int w, String counts) {
    return "{\"size\":[" + h + "," + w + "],\"counts\":" + counts + "}";
  }

  private static double[] star(Random rng, int h, int w) {
    int k = 5 + rng.nextInt(40);
    double cx = rng.nextDouble() * w;
    double cy = rng.nextDouble() * h;
    double r = (0.1 + rng.nextDouble() * 0.4) * Math.min(h, w);
    double[] xy = new double[2 * k];
    for (int j = 0; j < k; j++) {
      double a = 2 * Math.PI * j / k;
      double rr = r * (0.7 + 0.3 * rng.nextDouble());
      xy[2 * j] = Math.round((cx + rr * Math.cos(a)) * 100) / 100.0;
      xy[2 * j + 1] = Math.round((cy + rr * Math.sin(a)) * 100) / 100.0;
    }
    return xy;
  }

  private static double[] jitter(Random rng, double[] xy) {
    double[] out = xy.clone();
    double dx = rng.nextGaussian() * 3;
    double dy = rng.nextGaussian() * 3;
    for (int j = 0; j < out.length; j += 2) {
      out[j] += dx + rng.nextGaussian();
      out[j + 1] += dy + rng.nextGaussian();
    }
    return out;
  }

  private static String polygonJson(double[] xy, Random rng) {
    StringBuilder s = new StringBuilder("[[");
    for (int j = 0; j < xy.length; j++) {
      if (j > 0) {
        s.append(',');
      }
      // Integers, 2 decimals and exponents: all are numbers to both parsers.
      s.append(
          switch (rng.nextInt(8)) {
            case 0 -> Long.toString(Math.round(xy[j]));
            case 1 -> String.format(Locale.ROOT, "%.3e", xy[j]);
            default -> Double.toString(xy[j]);
          });
    }
    return s.append("]]").toString();
  }
}

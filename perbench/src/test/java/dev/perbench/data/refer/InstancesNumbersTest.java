package dev.perbench.data.refer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polygon coordinates are read with Jackson's fast double parser; it must give the very values
 * {@link Double#parseDouble} gives (pycocotools' masks depend on every bit of them).
 */
class InstancesNumbersTest {
  @Test
  void coordinatesAreTheValuesDoubleParseDoubleGives(@TempDir Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    List<String> literals = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      literals.add(literal(random));
    }
    // Near-halfway and long literals, where a careless parser rounds the wrong way.
    literals.addAll(
        List.of(
            "0.1",
            "2.2250738585072011e-308",
            "9007199254740993",
            "9007199254740993.0",
            "1.00000000000000011102230246251565404236316680908203125",
            "123.456789012345678901234567890",
            "639.9999999999999999",
            "4.9e-324",
            "1.7976931348623157e308",
            "0.000000000000000000000000000000000000001"));
    StringBuilder json = new StringBuilder("{\"images\": [], \"annotations\": [");
    for (int i = 0; i < literals.size(); i += 6) {
      List<String> polygon = literals.subList(i, Math.min(i + 6, literals.size()));
      json.append(i == 0 ? "" : ",")
          .append("{\"id\": ")
          .append(i)
          .append(", \"image_id\": 1, \"segmentation\": [[")
          .append(String.join(", ", polygon))
          .append("]]}");
    }
    json.append("]}");
    Path file = dir.resolve("instances.json");
    Files.writeString(file, json);

    Set<Long> ids = new HashSet<>();
    for (long i = 0; i < literals.size(); i += 6) {
      ids.add(i);
    }
    Instances read = InstancesReader.read(file, Set.of(), ids, "layout");
    for (int i = 0; i < literals.size(); i += 6) {
      Instances.Polygons p = (Instances.Polygons) read.annotations().get((long) i).segmentation();
      double[] xy = p.polygons().get(0);
      for (int k = 0; k < xy.length; k++) {
        String literal = literals.get(i + k);
        assertEquals(
            Double.doubleToRawLongBits(Double.parseDouble(literal)),
            Double.doubleToRawLongBits(xy[k]),
            literal);
      }
    }
  }

  /** A coordinate as COCO files write them, and some that no sane writer would. */
  private static String literal(SplittableRandom random) {
    double v = random.nextDouble() * 640;
    return switch (random.nextInt(5)) {
      case 0 -> String.format("%.2f", v);
      case 1 -> Double.toString(v);
      case 2 -> new BigDecimal(v).toPlainString(); // the exact binary value, 40+ digits
      case 3 -> String.format("%.17e", v);
      default -> Long.toString(random.nextLong(1L << 53)) + "." + random.nextInt(1000);
    };
  }
}

package dev.perbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.metrics.mask.RleCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes synthetic pairs in the {@code mask eval} JSONL format. To exercise every path, every 40th
 * pair has no prediction ({@code "pred": null}) and every 45th has no target ({@code "gt": null},
 * with the prediction kept: a false positive).
 */
public final class PairsFileWriter {
  /** What {@code bench make-pairs --json} records: the file and how it was generated. */
  public record Written(int count, long seed, boolean withNulls, String file) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private PairsFileWriter() {}

  public static void write(List<SyntheticPairs.Pair> pairs, Path file, boolean withNulls)
      throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < pairs.size(); i++) {
        SyntheticPairs.Pair p = pairs.get(i);
        ObjectNode line = JSON.createObjectNode();
        line.put("id", p.id());
        line.putArray("size").add(p.height()).add(p.width());
        if (withNulls && i % 45 == 44) {
          line.putNull("gt");
        } else {
          ArrayNode polygon = line.putArray("gt").addArray();
          for (double v : p.gtPolygon()) {
            polygon.add(v);
          }
        }
        if (withNulls && i % 40 == 39) {
          line.putNull("pred");
        } else {
          ObjectNode pred = line.putObject("pred");
          pred.putArray("size").add(p.height()).add(p.width());
          pred.put("counts", RleCodec.encode(p.pred()));
        }
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
      }
    }
  }
}

package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perbench mask eval}, end to end, against the independent Python transcription of the
 * authors' scoring scripts (metrics/src/test/resources/reference/seg_profiles.json).
 */
class MaskEvalReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REFERENCE =
      Path.of("metrics/src/test/resources/reference/seg_profiles.json");

  @TempDir Path dir;

  @Test
  void everyProfileOfEveryReferenceCaseComesOutOfTheCommandExactly() throws IOException {
    JsonNode reference = JSON.readTree(REFERENCE.toFile());
    int checked = 0;
    for (JsonNode c : reference.get("cases")) {
      Path pairs = dir.resolve("case" + checked + ".jsonl");
      List<String> lines = new ArrayList<>();
      int k = 0;
      for (JsonNode pair : c.get("pairs")) {
        JsonNode sized = pair.get("gt").isNull() ? pair.get("pred") : pair.get("gt");
        ObjectNode line = JSON.createObjectNode();
        line.put("id", "s" + k++);
        line.set("size", sized.isNull() ? JSON.readTree("[3, 3]") : sized.get("size"));
        line.set("gt", pair.get("gt"));
        line.set("pred", pair.get("pred"));
        lines.add(JSON.writeValueAsString(line));
      }
      Files.write(pairs, lines);
      for (String profile : List.of("standard", "pycocotools", "pixel-sail-vres", "grefcoco")) {
        CommandRun run =
            CommandRun.of("mask", "eval", "--pairs", pairs.toString(), "--profile", profile);
        String what = c.get("name").asText() + " / " + profile;
        assertEquals(0, run.exitCode(), what + ": " + run.err());
        JsonNode got = JSON.readTree(run.out());
        JsonNode want = c.get("expected").get(profile);
        assertEquals(profile, got.get("profile").asText());
        assertEquals(want.get("n").longValue(), got.get("n").longValue(), what);
        assertEquals(want.get("ciou").doubleValue(), got.get("ciou").doubleValue(), 1e-12, what);
        assertEquals(want.get("giou").doubleValue(), got.get("giou").doubleValue(), 1e-12, what);
        for (String t : List.of("0.5", "0.6", "0.7", "0.8", "0.9")) {
          assertEquals(
              want.get("precision").get(t).doubleValue(),
              got.get("precision").get(t).doubleValue(),
              1e-12,
              what + " @" + t);
        }
        for (String acc : List.of("n_acc", "t_acc")) {
          if (want.get(acc).isNull()) {
            assertEquals(true, got.get(acc).isNull(), what + " " + acc);
          } else {
            assertEquals(
                want.get(acc).doubleValue(), got.get(acc).doubleValue(), 1e-12, what + " " + acc);
          }
        }
      }
      checked++;
    }
    assertEquals(reference.get("cases").size(), checked);
  }
}

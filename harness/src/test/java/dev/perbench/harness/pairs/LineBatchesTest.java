package dev.perbench.harness.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perbench.harness.io.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches hold the lines {@link JsonLines} reads from the same file (numbers, byte order mark and
 * {@code \r} removed, a last line without a line end, invalid UTF-8), whatever the block size,
 * lines longer than a block included.
 */
class LineBatchesTest {
  @TempDir Path dir;

  @Test
  void sameLinesAsJsonLinesAtEveryBlockSize() throws IOException {
    Random rng = new Random(5);
    byte[] alphabet = {
      'a',
      '{',
      ' ',
      '\n',
      '\n',
      '\r',
      (byte) 0xEF,
      (byte) 0xBB,
      (byte) 0xBF,
      (byte) 0xC3,
      (byte) 0xA9,
      (byte) 0xFF
    };
    for (int c = 0; c < 300; c++) {
      byte[] content = new byte[rng.nextInt(60)];
      for (int i = 0; i < content.length; i++) {
        content[i] = alphabet[rng.nextInt(alphabet.length)];
      }
      if (c % 3 == 0 && content.length >= 3) {
        content[0] = (byte) 0xEF;
        content[1] = (byte) 0xBB;
        content[2] = (byte) 0xBF;
      }
      Path file = dir.resolve("f" + c);
      Files.write(file, content);
      List<String> expected = new ArrayList<>();
      JsonLines.read(file, l -> expected.add(l.number() + ":" + l.text()));
      for (int chunk : new int[] {1, 2, 3, 7, 64}) {
        List<String> actual = new ArrayList<>();
        try (LineBatches batches = LineBatches.open(file, chunk)) {
          for (LineBatch b = batches.next(); b != null; b = batches.next()) {
            for (int i = 0; i < b.count(); i++) {
              String text = JsonLines.decode(b.data(), b.starts()[i], b.ends()[i]);
              actual.add((b.firstLine() + i) + ":" + text);
            }
          }
        }
        assertEquals(expected, actual, "case " + c + ", block " + chunk);
      }
    }
  }
}

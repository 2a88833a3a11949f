package dev.perbench.harness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buffered line reader against a plain split of the same bytes: lines shorter than, as long as
 * and several times longer than its 64 KiB buffer, CRLF and LF ends, a byte order mark, blank
 * lines, a last line with and without a line end, text that is not UTF-8; and every line read back
 * at its offset and length.
 */
class JsonLinesTest {
  @TempDir Path dir;

  @Test
  void linesOffsetsAndLengthsMatchAPlainSplit() throws IOException {
    Random random = new Random(7);
    for (int c = 0; c < 40; c++) {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      if (c % 5 == 0) {
        file.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      int lines = 1 + random.nextInt(30);
      for (int i = 0; i < lines; i++) {
        int length =
            switch (random.nextInt(4)) {
              case 0 -> 0;
              case 1 -> random.nextInt(100);
              case 2 -> (1 << 16) - 2 + random.nextInt(4);
              default -> random.nextInt(3 << 17);
            };
        for (int k = 0; k < length; k++) {
          file.write(c % 7 == 3 && k == 5 ? 0xC3 : 'a' + random.nextInt(26));
        }
        if (i < lines - 1 || random.nextBoolean()) {
          file.write(
              random.nextBoolean()
                  ? "\r\n".getBytes(StandardCharsets.US_ASCII)
                  : new byte[] {'\n'});
        }
      }
      byte[] bytes = file.toByteArray();
      Path path = dir.resolve("f" + c + ".jsonl");
      Files.write(path, bytes);

      List<JsonLines.Line> read = new ArrayList<>();
      JsonLines.read(path, read::add);
      List<JsonLines.Line> expected = plainSplit(bytes);
      assertEquals(expected, read, "file " + c);
      try (FileChannel channel = FileChannel.open(path)) {
        for (JsonLines.Line line : read) {
          if (line.text() != null) {
            assertEquals(line.text(), JsonLines.lineAt(channel, line.offset(), line.length()));
          }
        }
      }
    }
  }

  @Test
  void anEmptyFileHasNoLines() throws IOException {
    Path path = dir.resolve("empty.jsonl");
    Files.write(path, new byte[0]);
    try (JsonLines.Reader in = JsonLines.open(path)) {
      assertNull(in.next());
      assertNull(in.next());
    }
  }

  /** The straightforward reading of the format, written out byte by byte. */
  private static List<JsonLines.Line> plainSplit(byte[] bytes) {
    List<JsonLines.Line> out = new ArrayList<>();
    int start = 0;
    long number = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      boolean terminated = end < bytes.length;
      int from = start;
      if (number == 0
          && end - start >= 3
          && bytes[start] == (byte) 0xEF
          && bytes[start + 1] == (byte) 0xBB
          && bytes[start + 2] == (byte) 0xBF) {
        from += 3;
      }
      int to = end > from && bytes[end - 1] == '\r' ? end - 1 : end;
      out.add(
          new JsonLines.Line(
              ++number, from, JsonLines.decode(bytes, from, to), terminated, to - from));
      start = end + 1;
    }
    return out;
  }
}

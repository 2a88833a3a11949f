package dev.perbench.harness.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path takes every well-formed line with the reader's masks, and declines (returns null)
 * every line the reader refuses, so that the reader words the error.
 */
class StreamingPairParserTest {

  @Test
  void wellFormedLinesGiveTheReadersMasks() {
    List<String> lines = ParallelMaskEvaluationTest.generate(2_000, 3);
    int n = 0;
    for (String line : lines) {
      if (line.isBlank() || !StandardCharsets.US_ASCII.newEncoder().canEncode(line)) {
        continue;
      }
      byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
      MaskPair fast = StreamingPairParser.parse(bytes, 0, bytes.length, 9);
      assertNotNull(fast, line);
      MaskPair reference = MaskPairsReader.body(MaskPairsReader.header(line), fast.id(), 9);
      assertEquals(reference, fast, line);
      n++;
    }
    assertEquals(true, n > 1_800, "lines taken: " + n);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null,\"prd\":1}",
        "{\"id\":\"x\",\"id\":\"y\",\"size\":[2,3],\"gt\":null,\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":{\"size\":[2,3],\"size\":[2,3],\"counts\":[6]},"
            + "\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":{\"size\":[2,3],\"counts\":[6],\"area\":0},"
            + "\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":{\"counts\":[6]},\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":{\"size\":[3,2],\"counts\":[6]},\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":{\"size\":[2,3],\"counts\":[6.0]},\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":{\"size\":[2,3],\"counts\":[1,2]},\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":{\"size\":[2,3],\"counts\":\"6~\"},\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":{\"size\":[2,3],\"counts\":true},\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2.5,3],\"gt\":null,\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3,4],\"gt\":null,\"pred\":null}",
        "{\"id\":\"x\",\"size\":[-2,3],\"gt\":null,\"pred\":null}",
        "{\"id\":\"x\",\"size\":[3000000000,3],\"gt\":null,\"pred\":null}",
        "{\"id\":7,\"size\":[2,3],\"gt\":null,\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":[],\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":[[1,1,2,\"2\",1,2]],\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":[[1,1,2]],\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":[1,2],\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":\"rle\",\"pred\":null}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null}{\"id\":\"y\"}",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null} garbage",
        "{\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null",
        "[{\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null}]",
        "null",
      })
  void linesTheReaderRefusesAreDeclined(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
    assertNull(StreamingPairParser.parse(bytes, 0, bytes.length, 1), line);
    assertThrows(
        IllegalArgumentException.class,
        () -> MaskPairsReader.body(MaskPairsReader.header(line), "x", 1),
        line);
  }
}

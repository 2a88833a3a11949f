package dev.perbench.harness.pairs;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.perbench.errors.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes {@link MaskPairsReader} (the pairs file of {@code mask eval}) on a file holding the fuzzed
 * bytes: it either reads every pair or stops with an {@link InputException} that has a message.
 */
class MaskPairsReaderFuzzTest {
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("pairs-fuzz", ".jsonl");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "3s")
  void read(byte[] content) throws IOException {
    Files.write(FILE, content);
    try (MaskPairsReader in = MaskPairsReader.open(FILE)) {
      for (MaskPair p = in.next(); p != null; p = in.next()) {
        assertNotNull(p.id());
      }
    } catch (InputException e) {
      assertNotNull(e.getMessage(), "InputException without a message");
    }
  }
}

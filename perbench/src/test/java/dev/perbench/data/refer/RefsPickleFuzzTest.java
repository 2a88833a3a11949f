package dev.perbench.data.refer;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.perbench.errors.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the refer refs pickle reader, {@link ReferRefs#read}: {@code refs(unc).p} holds the fuzzed
 * bytes (the seed is {@link TinyRefer}'s pickle); it either reads or is refused with an {@link
 * InputException} (a DataFormatException) that has a message.
 */
class RefsPickleFuzzTest {
  private static final ReferSource SOURCE;
  private static final Path REFS;

  static {
    try {
      TinyRefer tiny = new TinyRefer(Files.createTempDirectory("refs-fuzz"), false);
      SOURCE = tiny.write();
      REFS = tiny.refsFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "3s")
  void read(byte[] pickle) throws IOException {
    Files.write(REFS, pickle);
    try {
      assertNotNull(ReferRefs.read(SOURCE).splits());
    } catch (InputException e) {
      assertNotNull(e.getMessage(), "InputException without a message");
    }
  }
}

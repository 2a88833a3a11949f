package dev.perbench.data.refer;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.perbench.errors.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the refer {@code instances.json} reader through {@link ReferLoader#load}: {@link
 * TinyRefer}'s refs with an {@code instances.json} holding the fuzzed bytes (the seed is
 * TinyRefer's own); the split either loads or is refused with an {@link InputException} (a
 * DataFormatException) that has a message.
 */
class InstancesJsonFuzzTest {
  private static final ReferSource SOURCE;
  private static final Path INSTANCES;

  static {
    try {
      TinyRefer tiny = new TinyRefer(Files.createTempDirectory("instances-fuzz"), false);
      SOURCE = tiny.write();
      INSTANCES = tiny.instancesFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "3s")
  void read(byte[] json) throws IOException {
    Files.write(INSTANCES, json);
    try {
      assertNotNull(ReferLoader.load(SOURCE, "val").samples());
    } catch (InputException e) {
      assertNotNull(e.getMessage(), "InputException without a message");
    }
  }
}

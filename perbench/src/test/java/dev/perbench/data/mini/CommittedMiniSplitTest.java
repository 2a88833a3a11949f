package dev.perbench.data.mini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed test split is exactly what the generator makes, byte for byte. */
class CommittedMiniSplitTest {
  // Surefire runs in the module folder.
  private static final Path COMMITTED = Path.of("data/perbench-mini/test");

  @TempDir Path dir;

  @Test
  void regeneratingTheTestSplitReproducesEveryCommittedFileByteForByte() throws IOException {
    MiniBenchmark.TEST.generate(dir);
    List<Path> expected = files(COMMITTED);
    assertEquals(expected, files(dir), "the same file names");
    for (Path relative : expected) {
      assertArrayEquals(
          Files.readAllBytes(COMMITTED.resolve(relative)),
          Files.readAllBytes(dir.resolve(relative)),
          relative
              + " differs: run `bin/perbench data generate-mini --split test --out"
              + " perbench/data/perbench-mini/test` if the generator changed on purpose");
    }
    assertEquals(106, expected.size());
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}

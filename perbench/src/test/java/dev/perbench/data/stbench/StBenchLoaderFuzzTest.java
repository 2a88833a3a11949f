package dev.perbench.data.stbench;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.perbench.errors.InputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Fuzzes {@link StBenchLoader}: the first byte picks the task file (caption, MCQ or VRES), the rest
 * is its content, in a folder whose {@code images/a.png} is a 4x6 image; the file either loads or
 * is refused with an {@link InputException} (a DataFormatException) that has a message.
 */
class StBenchLoaderFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("stbench-fuzz");
      Files.createDirectories(DIR.resolve("images"));
      ImageIO.write(
          new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB),
          "png",
          DIR.resolve("images/a.png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "3s")
  void load(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    StBenchFiles files = StBenchFiles.in(DIR);
    int task = (input[0] & 0xff) % 3;
    Path file = files.annotationFiles().get(task);
    Files.write(file, Arrays.copyOfRange(input, 1, input.length));
    try {
      assertNotNull(
          switch (task) {
            case 0 -> StBenchLoader.captions(file, files.images());
            case 1 -> StBenchLoader.multipleChoice(file, files.images());
            default -> StBenchLoader.referringSegmentation(file, files.images());
          });
    } catch (InputException e) {
      assertNotNull(e.getMessage(), "InputException without a message");
    }
  }
}

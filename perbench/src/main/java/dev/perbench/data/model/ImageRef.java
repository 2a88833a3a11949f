package dev.perbench.data.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a sample's image is, and its size. The pixels are read only when a model needs them ({@link
 * #readBytes()}); scoring never does.
 *
 * @param name the file name as the benchmark files give it
 * @param file where the file is expected on this machine
 */
public record ImageRef(String name, Path file, int height, int width) {
  public ImageRef {
    if (height < 0 || width < 0) {
      throw new IllegalArgumentException("negative image size " + height + "x" + width);
    }
  }

  /** The encoded image file (PNG, JPEG) as stored. */
  public byte[] readBytes() throws IOException {
    return Files.readAllBytes(file);
  }
}

package dev.perbench.harness.io;

import dev.perbench.errors.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Writing a small file whole or not at all: the one way the harness writes its result files. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code text} to {@code target} through a temporary file beside it and a rename, so a
   * reader never sees half a file and a failed write leaves nothing behind. The file gets the mode
   * of any new file (the user's umask), unlike a {@code Files.createTempFile}, which is private.
   *
   * @throws InputException when {@code target} is a folder
   */
  public static void write(Path target, String text) {
    if (Files.isDirectory(target)) {
      throw new InputException(target + ": is a directory; give a file name");
    }
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    try {
      Files.createDirectories(dir);
      Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // the write's own failure, if any, is the one to report
      }
    }
  }
}

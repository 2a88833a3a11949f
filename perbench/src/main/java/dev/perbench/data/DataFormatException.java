package dev.perbench.data;

import dev.perbench.errors.InputException;
import java.nio.file.Path;

/**
 * A benchmark file that is missing, malformed or inconsistent. The message names the file and,
 * where there is one, the record, and says what was expected.
 */
public final class DataFormatException extends InputException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public DataFormatException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  public DataFormatException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}

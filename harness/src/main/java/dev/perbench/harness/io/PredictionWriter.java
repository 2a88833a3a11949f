package dev.perbench.harness.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.perbench.harness.model.Prediction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends predictions to a JSON Lines file, one whole line per write, flushed at once, so a crash
 * loses at most the line being written (which resuming repairs). Thread-safe.
 */
public final class PredictionWriter implements AutoCloseable {
  private final OutputStream out;

  public PredictionWriter(Path file) throws IOException {
    this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * A writer appending to {@code file}, created if need be.
   *
   * @throws UncheckedIOException when the file cannot be opened for appending
   */
  public static PredictionWriter append(Path file) {
    try {
      return new PredictionWriter(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized void write(Prediction p) {
    try {
      out.write((PredictionJson.write(p) + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the prediction file: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the prediction file: " + e.getMessage(), e);
    }
  }
}

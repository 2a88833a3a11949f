package dev.perbench.harness.run;

import dev.perbench.harness.io.JsonLines;
import dev.perbench.harness.io.PredictionJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one run: {@code predictions.jsonl} (appended per sample), {@code metrics.json},
 * {@code metrics.csv}, {@code manifest.json}, {@code run.log}.
 */
public record RunDirectory(Path root) {

  public Path predictions() {
    return root.resolve("predictions.jsonl");
  }

  public Path metricsJson() {
    return root.resolve("metrics.json");
  }

  public Path metricsCsv() {
    return root.resolve("metrics.csv");
  }

  public Path manifest() {
    return root.resolve("manifest.json");
  }

  public Path log() {
    return root.resolve("run.log");
  }

  /**
   * Makes the prediction file resumable after a crash. The writer appends each line with its line
   * end in one write, so a crash can only leave the last line without its line end: when that line
   * is not a whole prediction (cut off mid-write, even inside a character) it is removed; when it
   * is whole, its line end is added. Nothing else is touched: a bad line that did get its line end
   * is not a crash's doing, and is left for the file's validation to report by line.
   *
   * @return what was repaired, for the run's log, or null when nothing was
   */
  public String repairTornLastLine() {
    Path file = predictions();
    if (!Files.exists(file)) {
      return null;
    }
    JsonLines.Line[] last = {null};
    JsonLines.read(file, line -> last[0] = line);
    JsonLines.Line line = last[0];
    if (line == null || line.terminated()) {
      return null;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      if (line.text() != null && whole(line.text())) {
        raf.seek(raf.length());
        raf.write('\n');
        return "added the missing line end of line " + line.number() + " of " + file;
      }
      // From the start of the line (a byte order mark before line 1 goes too: it is all torn).
      long cut = line.number() == 1 ? 0 : line.offset();
      long dropped = raf.length() - cut;
      raf.setLength(cut);
      return "dropped line "
          + line.number()
          + " of "
          + file
          + ", cut off by a crash ("
          + dropped
          + " bytes); its sample is predicted again";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot repair " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean whole(String text) {
    if (text.isBlank()) {
      return true;
    }
    try {
      PredictionJson.read(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

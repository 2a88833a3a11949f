package dev.perbench.harness.run;

import dev.perbench.harness.io.PredictionJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

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
   * Makes the prediction file resumable after a crash: a last line cut off mid-write (no newline,
   * or not valid JSON) is removed, and the ids already predicted are returned.
   */
  public Set<String> repairAndReadDoneIds() {
    try {
      return repair();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + predictions() + ": " + e.getMessage(), e);
    }
  }

  private Set<String> repair() throws IOException {
    Set<String> done = new HashSet<>();
    Path file = predictions();
    if (!Files.exists(file)) {
      return done;
    }
    long keep = 0;
    long offset = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (line.isBlank()) {
          keep = offset;
          continue;
        }
        String id;
        try {
          id = PredictionJson.read(line).sampleId();
        } catch (IllegalArgumentException e) {
          break; // a torn last line; everything from here on is dropped
        }
        done.add(id);
        keep = offset;
      }
    }
    long size = Files.size(file);
    if (keep > size) {
      keep = size; // the last line was complete but had no newline: add it back below
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.seek(size);
        raf.write('\n');
      }
    } else if (keep < size) {
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(keep);
      }
    }
    return done;
  }

  /** Writes a small file through a temporary file and a rename. */
  public static void writeAtomically(Path target, String text) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".tmp-", ".part");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}

package dev.perbench.harness.pairs;

import dev.perbench.errors.InputException;
import dev.perbench.harness.io.JsonLines;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cuts a JSON Lines file into {@link LineBatch}es of about {@value #CHUNK} bytes of whole lines. It
 * reads the file in large blocks and only looks for line ends; decoding and parsing are left to the
 * workers. Lines are numbered and trimmed as {@link JsonLines} numbers and trims them (the same
 * file gives the same lines), a line longer than a block included.
 */
final class LineBatches implements Closeable {
  static final int CHUNK = 1 << 18;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final Path file;
  private final InputStream in;
  private final int chunk;
  private byte[] carry = new byte[0];
  private long nextLine = 1;
  private boolean ended;

  private LineBatches(Path file, InputStream in, int chunk) {
    this.file = file;
    this.in = in;
    this.chunk = chunk;
  }

  /**
   * Opens {@code file}.
   *
   * @throws InputException when it is missing, a folder or unreadable (as {@link JsonLines#open})
   */
  static LineBatches open(Path file) {
    return open(file, CHUNK);
  }

  /** As {@link #open(Path)} with another block size (small blocks test the seams). */
  static LineBatches open(Path file, int chunk) {
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": is a directory, not a JSON Lines file");
    }
    try {
      return new LineBatches(file, Files.newInputStream(file), chunk);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InputException(file + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The next batch of at least one line, or null after the last line. */
  LineBatch next() {
    if (ended) {
      return null;
    }
    // A fresh array each time: the batch is handed to a worker while the next one is read.
    byte[] data = Arrays.copyOf(carry, Math.max(chunk, 2 * carry.length));
    int length = carry.length;
    try {
      while (true) {
        length += in.readNBytes(data, length, data.length - length);
        if (length < data.length) { // readNBytes stops short only at the end of the file
          ended = true;
          carry = new byte[0];
          return length == 0 ? null : split(data, length);
        }
        int cut = lastNewline(data, length) + 1;
        if (cut > 0) {
          carry = Arrays.copyOfRange(data, cut, length);
          return split(data, cut);
        }
        data = Arrays.copyOf(data, data.length * 2); // a line longer than the block
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The lines of {@code data[0, length)}; a last line without a line end counts when not empty. */
  private LineBatch split(byte[] data, int length) {
    int[] starts = new int[64];
    int[] ends = new int[64];
    int count = 0;
    int start = 0;
    while (start < length) {
      int end = start;
      while (end < length && data[end] != '\n') {
        end++;
      }
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      int from = start;
      if (nextLine + count == 1 && startsWithBom(data, start, end)) {
        from += BOM.length;
      }
      int to = end;
      if (to > from && data[to - 1] == '\r') {
        to--;
      }
      starts[count] = from;
      ends[count] = to;
      count++;
      start = end + 1;
    }
    LineBatch batch = new LineBatch(nextLine, data, starts, ends, count);
    nextLine += count;
    return batch;
  }

  private static int lastNewline(byte[] data, int length) {
    for (int i = length - 1; i >= 0; i--) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWithBom(byte[] data, int start, int end) {
    return end - start >= 3
        && data[start] == BOM[0]
        && data[start + 1] == BOM[1]
        && data[start + 2] == BOM[2];
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

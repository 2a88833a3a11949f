package dev.perbench.harness.io;

import dev.perbench.errors.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a JSON Lines file line by line with each line's byte offset, the one way the harness reads
 * its line files (prediction files, run folders, mask pairs). Line ends may be {@code \n} or {@code
 * \r\n}, and a UTF-8 byte order mark may open the file: both give exactly what the same file with
 * plain {@code \n} and no mark gives. Text that is not UTF-8 is an input error naming the file and
 * line. Offsets are true byte offsets, so a line can be read back with {@link #lineAt}.
 */
public final class JsonLines {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private JsonLines() {}

  /**
   * One line.
   *
   * @param number 1-based
   * @param offset where its text starts, in bytes from the start of the file
   * @param text without its line end (or byte order mark); null when its bytes are not UTF-8
   * @param terminated whether a line end followed it (false only for a last line without one)
   * @param length the bytes of {@code text} in the file (what {@link #lineAt} reads back)
   */
  public record Line(long number, long offset, String text, boolean terminated, int length) {
    /** Whether the line holds nothing but white space. */
    public boolean blank() {
      return text != null && text.isBlank();
    }
  }

  /** What to do with each line; may throw to stop. */
  @FunctionalInterface
  public interface LineHandler {
    void line(Line line);
  }

  /**
   * Reads every line of {@code file}, in order. Lines that are not UTF-8 come with a null {@link
   * Line#text} (the handler decides: an error, or a torn last line).
   *
   * @throws InputException when the file is missing, a folder or unreadable
   */
  public static void read(Path file, LineHandler handler) {
    try (Reader in = open(file)) {
      for (Line line = in.next(); line != null; line = in.next()) {
        handler.line(line);
      }
    }
  }

  /**
   * Opens {@code file} for reading line by line with {@link Reader#next}.
   *
   * @throws InputException when the file is missing, a folder or unreadable
   */
  public static Reader open(Path file) {
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": is a directory, not a JSON Lines file");
    }
    try {
      return new Reader(file, Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InputException(file + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The lines of one file, one at a time. It scans a 64 KiB buffer for line ends and copies each
   * line out once; reading byte by byte through a stream (two synchronized calls per byte) took
   * most of the time of validating a prediction file.
   */
  public static final class Reader implements java.io.Closeable {
    private final Path file;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] partial = new byte[512]; // a line that runs past the buffer's end
    private int partialLength;
    private long offset;
    private long number;
    private boolean ended;

    private Reader(Path file, InputStream in) {
      this.file = file;
      this.in = in;
    }

    /** The next line, or null after the last one. */
    public Line next() {
      if (ended) {
        return null;
      }
      long start = offset;
      partialLength = 0;
      try {
        while (true) {
          for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
              byte[] bytes = take(i);
              position = i + 1;
              offset++; // the line end
              return line(++number, start, bytes, true);
            }
          }
          keep(position, limit);
          position = limit;
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          position = 0;
          limit = n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      ended = true;
      return partialLength > 0
          ? line(++number, start, Arrays.copyOf(partial, partialLength), false)
          : null;
    }

    /** The line's bytes: what was kept from earlier buffers, then buffer[position, end). */
    private byte[] take(int end) {
      offset += end - position;
      if (partialLength == 0) {
        return Arrays.copyOfRange(buffer, position, end);
      }
      keepBytes(position, end);
      return Arrays.copyOf(partial, partialLength);
    }

    private void keep(int from, int to) {
      offset += to - from;
      keepBytes(from, to);
    }

    private void keepBytes(int from, int to) {
      int n = to - from;
      if (partialLength + n > partial.length) {
        partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + n));
      }
      System.arraycopy(buffer, from, partial, partialLength, n);
      partialLength += n;
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

  private static Line line(long number, long start, byte[] bytes, boolean terminated) {
    int from = 0;
    if (number == 1 && startsWithBom(bytes)) {
      from = BOM.length;
    }
    int to = bytes.length;
    if (to > from && bytes[to - 1] == '\r') {
      to--;
    }
    return new Line(number, start + from, decode(bytes, from, to), terminated, to - from);
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
  }

  /** The text of {@code bytes[from, to)} as strict UTF-8, or null when it is not UTF-8. */
  public static String decode(byte[] bytes, int from, int to) {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return utf8.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * The text of the {@code length} bytes at {@code offset} of an open file (a line as {@link #read}
   * gave it: {@link Line#offset}, {@link Line#length}), in one positional read.
   */
  public static String lineAt(FileChannel file, long offset, int length) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(length);
    while (bytes.hasRemaining()) {
      if (file.read(bytes, offset + bytes.position()) < 0) {
        throw new IOException("the file is shorter than when it was read (changed meanwhile?)");
      }
    }
    return new String(bytes.array(), 0, length, StandardCharsets.UTF_8);
  }
}

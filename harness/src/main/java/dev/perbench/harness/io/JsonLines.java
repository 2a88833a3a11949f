package dev.perbench.harness.io;

import dev.perbench.errors.InputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
   */
  public record Line(long number, long offset, String text, boolean terminated) {
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
      return new Reader(file, new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InputException(file + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The lines of one file, one at a time. */
  public static final class Reader implements java.io.Closeable {
    private final Path file;
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
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
      line.reset();
      try {
        int b;
        while ((b = in.read()) != -1) {
          offset++;
          if (b == '\n') {
            return line(++number, start, line.toByteArray(), true);
          }
          line.write(b);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      ended = true;
      return line.size() > 0 ? line(++number, start, line.toByteArray(), false) : null;
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
    return new Line(number, start + from, decode(bytes, from, to), terminated);
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
   * The text of the line that starts at {@code offset} of an open file (its line end and a trailing
   * {@code \r} removed), as {@link #read} gave it.
   */
  public static String lineAt(java.io.RandomAccessFile file, long offset) throws IOException {
    file.seek(offset);
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    byte[] buffer = new byte[8192];
    while (true) {
      int n = file.read(buffer);
      if (n < 0) {
        break;
      }
      int end = -1;
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          end = i;
          break;
        }
      }
      if (end >= 0) {
        line.write(buffer, 0, end);
        break;
      }
      line.write(buffer, 0, n);
    }
    byte[] bytes = line.toByteArray();
    int to = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, to, StandardCharsets.UTF_8);
  }
}

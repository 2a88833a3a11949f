package dev.perbench.web.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip-compressed bytes of a stream, compressed as they are read (a chunk at a time, so memory
 * stays bounded whatever the size of the source), with no thread of its own.
 */
public final class GzipStream extends InputStream {
  private static final int CHUNK = 1 << 16;

  private final InputStream source;
  private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(CHUNK);
  private final GZIPOutputStream gzip;
  private final byte[] chunk = new byte[CHUNK];
  private byte[] pending = new byte[0];
  private int pos;
  private boolean finished;

  public GzipStream(InputStream source) throws IOException {
    this.source = source;
    this.gzip = new GZIPOutputStream(compressed, CHUNK);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == pending.length) {
      if (finished) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, pending.length - pos);
    System.arraycopy(pending, pos, b, off, n);
    pos += n;
    return n;
  }

  private void fill() throws IOException {
    int n = source.read(chunk);
    if (n < 0) {
      gzip.finish();
      finished = true;
    } else {
      gzip.write(chunk, 0, n);
    }
    pending = compressed.toByteArray();
    compressed.reset();
    pos = 0;
  }

  @Override
  public void close() throws IOException {
    try {
      gzip.close();
    } finally {
      source.close();
    }
  }
}

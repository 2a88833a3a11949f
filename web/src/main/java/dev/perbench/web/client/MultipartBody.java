package dev.perbench.web.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code multipart/form-data} request body that is streamed, never held whole in memory: small
 * fields as bytes, a file part read from its stream while the request is sent. Its length is known
 * (and sent as {@code Content-Length}) when every part's is; else it is sent chunked.
 */
public final class MultipartBody {
  /** Opens a part's content, each time the body is sent. */
  @FunctionalInterface
  public interface Content {
    InputStream open() throws IOException;
  }

  private record Part(byte[] head, Content content, long length) {}

  private final String boundary;
  private final List<Part> parts = new ArrayList<>();

  public MultipartBody() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.boundary = "perbench-" + HexFormat.of().formatHex(random);
  }

  /** The value of the request's {@code Content-Type}. */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** Adds a text field. */
  public MultipartBody field(String name, String value, String contentType) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    parts.add(
        new Part(
            head(name, null, contentType), () -> new ByteArrayInputStream(bytes), bytes.length));
    return this;
  }

  /**
   * Adds a file, read from {@code content} while the request is sent.
   *
   * @param length its length in bytes, or -1 when not known in advance (sent chunked then)
   */
  public MultipartBody file(
      String name, String fileName, String contentType, Content content, long length) {
    parts.add(new Part(head(name, fileName, contentType), content, length));
    return this;
  }

  /** The body's length in bytes, or -1 when a part's is not known in advance. */
  public long length() {
    long total = end().length;
    for (Part p : parts) {
      if (p.length() < 0) {
        return -1;
      }
      total += p.head().length + p.length() + 2;
    }
    return total;
  }

  /** The body, to send with {@link java.net.http.HttpClient}. */
  public HttpRequest.BodyPublisher publisher() {
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(this::open);
    long length = length();
    return length < 0 ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length);
  }

  /** The whole body as one stream. */
  public InputStream open() {
    List<InputStream> streams = new ArrayList<>();
    for (Part p : parts) {
      streams.add(new ByteArrayInputStream(p.head()));
      streams.add(lazy(p.content()));
      streams.add(new ByteArrayInputStream(CRLF));
    }
    streams.add(new ByteArrayInputStream(end()));
    return new SequenceInputStream(Collections.enumeration(streams));
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private byte[] end() {
    return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] head(String name, String fileName, String contentType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder h = new StringBuilder();
    h.append("--").append(boundary).append("\r\n");
    h.append("Content-Disposition: form-data; name=\"").append(quoted(name)).append('"');
    if (fileName != null) {
      h.append("; filename=\"").append(quoted(fileName)).append('"');
    }
    h.append("\r\n");
    if (contentType != null) {
      h.append("Content-Type: ").append(contentType).append("\r\n");
    }
    h.append("\r\n");
    byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    return out.toByteArray();
  }

  /** A header's quoted value: no line breaks; quotes and backslashes percent-escaped. */
  private static String quoted(String s) {
    return s.replace("\r", "").replace("\n", "").replace("\"", "%22").replace("\\", "%5C");
  }

  /** A stream opened on its first read, so that a file is opened only when its turn comes. */
  private static InputStream lazy(Content content) {
    return new InputStream() {
      private InputStream in;

      private InputStream in() throws IOException {
        if (in == null) {
          in = content.open();
        }
        return in;
      }

      @Override
      public int read() throws IOException {
        return in().read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return in().read(b, off, len);
      }

      @Override
      public void close() throws IOException {
        if (in != null) {
          in.close();
        }
      }
    };
  }
}

package dev.perbench.data.mini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic JSON: objects are {@link LinkedHashMap}s (fields in insertion order), compact,
 * ASCII text, and a JSON list of records is written one record per line: {@code
 * [\n{...},\n{...}\n]\n}. Polygon coordinates are written as their exact decimal text ({@link
 * Decimals}), never through a float formatter.
 */
final class JsonOut {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonOut() {}

  static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /** {@code {"size": [h, w], "counts": "..."}}, pycocotools' compressed RLE. */
  static Map<String, Object> rle(Mask mask) {
    Map<String, Object> m = object();
    m.put("size", List.of(mask.height(), mask.width()));
    m.put("counts", RleCodec.encode(mask));
    return m;
  }

  /** COCO polygon list {@code [[x1, y1, ...]]} with exact decimal coordinates. */
  static List<List<Object>> polygons(double[] polygon) {
    List<Object> coords = new ArrayList<>(polygon.length);
    for (double v : polygon) {
      coords.add(new RawValue(Decimals.format(v)));
    }
    return List.of(coords);
  }

  static String text(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value, e);
    }
  }

  /** Streams a JSON list, one element per line. */
  static final class ListWriter implements Closeable {
    private final BufferedWriter out;
    private final String close;
    private boolean empty = true;

    /** Writes {@code open} ("[" or e.g. "{\"images\":[") now and {@code close} at the end. */
    ListWriter(BufferedWriter out, String open, String close) {
      this.out = out;
      this.close = close;
      write(open);
    }

    static ListWriter file(Path file) throws IOException {
      return new ListWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), "[", "]\n");
    }

    void add(Object element) {
      write(empty ? "\n" : ",\n");
      write(text(element));
      empty = false;
    }

    /** Ends the list without closing the stream (for a file holding several lists). */
    void end() {
      write(empty ? close : "\n" + close);
    }

    @Override
    public void close() throws IOException {
      end();
      out.close();
    }

    private void write(String s) {
      try {
        out.write(s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

package dev.perbench.data.refer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.DataFile;
import dev.perbench.data.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stream-parses a COCO {@code instances.json} (hundreds of MB for RefCOCO) keeping only the images
 * and annotations asked for; everything else is skipped token by token and never held in memory.
 * Top-level keys and the fields of each entry may come in any order. The file is hashed (SHA-256)
 * in the same pass.
 */
final class InstancesReader {
  // Duplicate keys are errors (Python's json keeps the last one silently), at any depth. The fast
  // double parser (FastDoubleParser, correctly rounded like Double.parseDouble, so the same
  // values) reads a polygon's coordinates without a String and a FloatingDecimal buffer each:
  // they were half the bytes a RefCOCO-sized load allocated and a fifth of its time.
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
              .build());

  private final Path file;
  private final Set<Long> imageIds;
  private final Set<Long> annIds;
  private final Map<Long, Instances.Image> images = new HashMap<>();
  private final Map<Long, Instances.Annotation> annotations = new HashMap<>();
  private double[] coords = new double[256];

  private InstancesReader(Path file, Set<Long> imageIds, Set<Long> annIds) {
    this.file = file;
    this.imageIds = imageIds;
    this.annIds = annIds;
  }

  /**
   * Reads the wanted entries of {@code file}. Ids not found are simply absent from the result (the
   * caller knows which ref wanted them).
   *
   * @throws DataFormatException if the file is missing, is not JSON, or lacks the {@code images} or
   *     {@code annotations} list
   */
  static Instances read(Path file, Set<Long> imageIds, Set<Long> annIds, String layout) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    InstancesReader reader = new InstancesReader(file, imageIds, annIds);
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      try (JsonParser p = MAPPER.getFactory().createParser(in)) {
        p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        reader.readRoot(p);
      }
      in.transferTo(OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "no such file; " + layout, e);
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new DataFormatException(file, "malformed JSON" + at + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot read: " + e.getMessage(), e);
    }
    DataFile data = new DataFile(file, HexFormat.of().formatHex(sha.digest()), sizeOf(file));
    return new Instances(data, Map.copyOf(reader.images), Map.copyOf(reader.annotations));
  }

  private void readRoot(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new DataFormatException(
          file, "expected a JSON object with \"images\" and" + " \"annotations\" lists");
    }
    boolean sawImages = false;
    boolean sawAnnotations = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("images") || name.equals("annotations")) {
        if (value != JsonToken.START_ARRAY) {
          throw new DataFormatException(file, "\"" + name + "\" must be a list, found " + value);
        }
        if (name.equals("images")) {
          sawImages = true;
          readList(p, this::readImage);
        } else {
          sawAnnotations = true;
          readList(p, this::readAnnotation);
        }
      } else {
        p.skipChildren(); // "categories", "info", "licenses", ...: not needed for masks
      }
    }
    if (p.nextToken() != null) {
      throw new DataFormatException(
          file,
          "extra data after the top-level object (line " + p.currentLocation().getLineNr() + ")");
    }
    if (!sawImages || !sawAnnotations) {
      throw new DataFormatException(
          file, "no \"" + (sawImages ? "annotations" : "images") + "\" list at the top level");
    }
  }

  private interface EntryReader {
    void read(JsonParser p, int index) throws IOException;
  }

  private void readList(JsonParser p, EntryReader entry) throws IOException {
    int index = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren(); // not an entry; nothing can refer to it
      } else {
        entry.read(p, index);
      }
      index++;
    }
  }

  private void readImage(JsonParser p, int index) throws IOException {
    Long id = null;
    String fileName = null;
    Integer height = null;
    Integer width = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "id" -> id = longValue(p, t);
        case "file_name" -> fileName = t == JsonToken.VALUE_STRING ? p.getText() : null;
        case "height" -> height = intValue(p, t);
        case "width" -> width = intValue(p, t);
        default -> p.skipChildren();
      }
    }
    if (id == null || !imageIds.contains(id)) {
      return;
    }
    String invalid = null;
    if (fileName == null) {
      invalid = "\"file_name\" is missing or not a string";
    } else if (height == null || width == null || height < 0 || width < 0) {
      invalid = "\"height\" and \"width\" must be non-negative integers";
    }
    if (images.put(
            id,
            new Instances.Image(
                id, fileName, height == null ? 0 : height, width == null ? 0 : width, invalid))
        != null) {
      throw new DataFormatException(
          file, "image id " + id + " occurs twice (images[" + index + "])");
    }
  }

  private void readAnnotation(JsonParser p, int index) throws IOException {
    Long id = null;
    Long imageId = null;
    boolean crowd = false;
    Instances.Segmentation segmentation = null;
    boolean skipped = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "id" -> id = longValue(p, t);
        case "image_id" -> imageId = longValue(p, t);
        case "iscrowd" ->
            crowd =
                t == JsonToken.VALUE_TRUE
                    || (t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() != 0);
        case "segmentation" -> {
          if (id != null && !annIds.contains(id)) {
            p.skipChildren(); // cheap path when "id" comes first
            skipped = true;
          } else {
            segmentation = readSegmentation(p, t);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (skipped || id == null || !annIds.contains(id)) {
      return;
    }
    if (segmentation == null) {
      segmentation = new Instances.Invalid("no \"segmentation\"");
    }
    if (imageId == null) {
      segmentation = new Instances.Invalid("\"image_id\" is missing or not an integer");
    }
    Instances.Annotation ann =
        new Instances.Annotation(id, imageId == null ? -1 : imageId, crowd, segmentation);
    if (annotations.put(id, ann) != null) {
      throw new DataFormatException(
          file, "annotation id " + id + " occurs twice (annotations[" + index + "])");
    }
  }

  /**
   * A segmentation value: an RLE object (kept as a tree; rare), or a list of polygons, read
   * straight into arrays rather than a tree of number nodes.
   */
  private Instances.Segmentation readSegmentation(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      return new Instances.Rle(MAPPER.readTree(p));
    }
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return new Instances.Invalid(
          "\"segmentation\" must be a list of polygons or an RLE"
              + " object, found "
              + t.asString());
    }
    List<double[]> polygons = new ArrayList<>(2);
    String invalid = null;
    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
      if (invalid != null || e != JsonToken.START_ARRAY) {
        if (invalid == null) {
          invalid =
              "segmentation element " + polygons.size() + " is not a polygon (a list of numbers)";
        }
        p.skipChildren();
        continue;
      }
      int n = 0;
      for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
        if (c == JsonToken.VALUE_NUMBER_INT || c == JsonToken.VALUE_NUMBER_FLOAT) {
          if (n == coords.length) {
            coords = Arrays.copyOf(coords, n * 2);
          }
          coords[n++] = p.getDoubleValue();
        } else {
          invalid = "polygon " + polygons.size() + " holds a non-number";
          p.skipChildren();
        }
      }
      polygons.add(Arrays.copyOf(coords, n));
    }
    if (invalid != null) {
      return new Instances.Invalid(invalid);
    }
    return polygons.isEmpty() ? new Instances.Empty() : new Instances.Polygons(polygons);
  }

  private static Long longValue(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    p.skipChildren();
    return null;
  }

  private static Integer intValue(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    p.skipChildren();
    return null;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}

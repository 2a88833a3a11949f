package dev.perbench.harness.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.perbench.data.coco.SegmentationJson;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;
import java.io.IOException;
import java.util.Iterator;

/** Masks as pycocotools compressed RLE objects: {@code {"size": [h, w], "counts": "..."}}. */
public final class RleJson {
  private RleJson() {}

  public static ObjectNode write(Mask mask) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putArray("size").add(mask.height()).add(mask.width());
    o.put("counts", RleCodec.encode(mask));
    return o;
  }

  /**
   * Reads an RLE object (compressed or uncompressed counts) of its own stated size; {@code size}
   * and {@code counts} are its only fields, as in pycocotools' RLE and the published schema.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Mask read(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "a mask must be an RLE object {\"size\": [h, w], \"counts\": ...}");
    }
    String unknown = unknownField(node);
    if (unknown != null) {
      throw new FieldException(unknown, "unknown field (an RLE object has size and counts)");
    }
    int[] size = SegmentationJson.parseSize(node.get("size"), "RLE \"size\"");
    return SegmentationJson.parse(node, size[0], size[1]);
  }

  /**
   * The first field of an RLE object other than {@code size} and {@code counts} (its only fields,
   * as in pycocotools' RLE and the published schema), or null when there is none.
   */
  public static String unknownField(JsonNode rle) {
    for (Iterator<String> names = rle.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("size") && !name.equals("counts")) {
        return name;
      }
    }
    return null;
  }

  /** Binds {@link Mask}s to and from RLE objects in the strict JSON of the file formats. */
  public static final class Serializer extends StdSerializer<Mask> {
    private static final long serialVersionUID = 1L;

    public Serializer() {
      super(Mask.class);
    }

    @Override
    public void serialize(Mask mask, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeArrayFieldStart("size");
      gen.writeNumber(mask.height());
      gen.writeNumber(mask.width());
      gen.writeEndArray();
      gen.writeStringField("counts", RleCodec.encode(mask));
      gen.writeEndObject();
    }
  }

  /** Reads a {@link Mask} with {@link #read}; a problem names the mask's position. */
  public static final class Deserializer extends StdDeserializer<Mask> {
    private static final long serialVersionUID = 1L;

    public Deserializer() {
      super(Mask.class);
    }

    @Override
    public Mask deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      JsonNode node = ctx.readTree(p);
      return read(node);
    }
  }
}

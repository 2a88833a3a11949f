package dev.perbench.data.refer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.Unpickler;

/**
 * Decodes a refs file (a pickle, or gRefCOCO's JSON) and checks the shape of every ref.
 *
 * <p>Both decoders give the same Java tree: lists, maps, strings, {@code Integer}/{@code Long}/
 * {@code BigInteger}. The required fields are {@code ref_id}, {@code ann_id}, {@code image_id},
 * {@code split} and {@code sentences: [{sent_id, sent}]}; the others ({@code category_id}, {@code
 * tokens}, {@code raw}, ...) are ignored. {@code sent_id}s must be unique in the file, since they
 * become sample ids.
 */
final class RefsFile {
  private RefsFile() {}

  /** Decodes and validates {@code bytes}, the content of {@code file}. */
  static List<RefRecord> parse(Path file, byte[] bytes, boolean generalized) {
    return validate(file, decode(file, bytes), generalized);
  }

  private static Object decode(Path file, byte[] bytes) {
    if (file.getFileName().toString().endsWith(".json")) {
      try {
        return new ObjectMapper().readValue(bytes, Object.class);
      } catch (JsonProcessingException e) {
        throw new DataFormatException(file, "malformed JSON: " + e.getOriginalMessage() + at(e), e);
      } catch (IOException e) {
        throw new DataFormatException(file, "cannot read: " + e.getMessage(), e);
      }
    }
    Unpickler unpickler = new BoundedUnpickler();
    try {
      return unpickler.loads(bytes);
    } catch (IOException | RuntimeException e) {
      // Pyrolite reports truncation as an IOException and bad opcodes as a PickleException.
      throw new DataFormatException(file, "not a readable pickle: " + e.getMessage(), e);
    } finally {
      unpickler.close();
    }
  }

  private static String at(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static List<RefRecord> validate(Path file, Object tree, boolean generalized) {
    if (!(tree instanceof List<?> refs)) {
      throw new DataFormatException(file, "expected a list of refs, found " + typeName(tree));
    }
    List<RefRecord> out = new ArrayList<>(refs.size());
    Set<Long> sentIds = new HashSet<>();
    for (int i = 0; i < refs.size(); i++) {
      RefRecord ref = toRecord(file, i, refs.get(i), generalized);
      for (RefRecord.Sentence s : ref.sentences()) {
        if (!sentIds.add(s.sentId())) {
          throw new DataFormatException(
              file,
              ref.label()
                  + " (ref "
                  + i
                  + "): sent_id "
                  + s.sentId()
                  + " occurs earlier in the file; sentence ids must be unique");
        }
      }
      out.add(ref);
    }
    return out;
  }

  private static RefRecord toRecord(Path file, int index, Object value, boolean generalized) {
    String where = "ref " + index;
    if (!(value instanceof Map<?, ?> ref)) {
      throw new DataFormatException(file, where + ": expected a dict, found " + typeName(value));
    }
    long refId = integer(file, where, ref, "ref_id");
    where = "ref_id " + refId + " (ref " + index + ")";
    long[] annIds = annIds(file, where, ref.get("ann_id"), generalized);
    long imageId = integer(file, where, ref, "image_id");
    Object split = ref.get("split");
    if (!(split instanceof String splitName)) {
      throw new DataFormatException(
          file, where + ": \"split\" must be a string, found " + typeName(split));
    }
    if (!(ref.get("sentences") instanceof List<?> sentences)) {
      throw new DataFormatException(
          file, where + ": \"sentences\" must be a list, found " + typeName(ref.get("sentences")));
    }
    List<RefRecord.Sentence> out = new ArrayList<>(sentences.size());
    for (int j = 0; j < sentences.size(); j++) {
      String at = where + ", sentence " + j;
      if (!(sentences.get(j) instanceof Map<?, ?> sentence)) {
        throw new DataFormatException(
            file, at + ": expected a dict, found " + typeName(sentences.get(j)));
      }
      long sentId = integer(file, at, sentence, "sent_id");
      if (!(sentence.get("sent") instanceof String text)) {
        throw new DataFormatException(
            file, at + ": \"sent\" must be a string, found " + typeName(sentence.get("sent")));
      }
      out.add(new RefRecord.Sentence(sentId, text));
    }
    return new RefRecord(index, refId, annIds, imageId, splitName, List.copyOf(out));
  }

  /**
   * RefCOCO's ann_id is one int. gRefCOCO's is a list (the reference tool also accepts a bare int);
   * {@code [-1]} means no target, and -1 may not be mixed with real ids (the reference tool asserts
   * that).
   */
  private static long[] annIds(Path file, String where, Object value, boolean generalized) {
    Long single = asLong(value);
    if (single != null) {
      return new long[] {single};
    }
    if (!generalized || !(value instanceof List<?> list)) {
      throw new DataFormatException(
          file,
          where
              + ": \"ann_id\" must be "
              + (generalized ? "an int or a list of ints" : "an int")
              + ", found "
              + typeName(value));
    }
    if (list.isEmpty()) {
      throw new DataFormatException(
          file, where + ": \"ann_id\" is an empty list (a no-target ref has [-1])");
    }
    long[] ids = new long[list.size()];
    for (int k = 0; k < ids.length; k++) {
      Long id = asLong(list.get(k));
      if (id == null) {
        throw new DataFormatException(
            file,
            where
                + ": \"ann_id\" element "
                + k
                + " must be an int, found "
                + typeName(list.get(k)));
      }
      ids[k] = id;
      if (id == -1 && ids.length > 1) {
        throw new DataFormatException(
            file, where + ": \"ann_id\" mixes -1 (no target) with" + " annotation ids: " + list);
      }
    }
    return ids;
  }

  private static long integer(Path file, String where, Map<?, ?> dict, String key) {
    Object value = dict.get(key);
    Long v = asLong(value);
    if (v == null) {
      throw new DataFormatException(
          file,
          where
              + ": \""
              + key
              + "\" must be an int, found "
              + (dict.containsKey(key) ? typeName(value) : "no such key"));
    }
    return v;
  }

  /** An int as Python has it (not a bool, though Python's bool is an int subclass). */
  private static Long asLong(Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof java.math.BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    return null;
  }

  static String typeName(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "a dict";
    }
    if (value instanceof Boolean) {
      return "a bool";
    }
    if (value instanceof Number) {
      return "a number (" + value + ")";
    }
    return "a " + value.getClass().getSimpleName();
  }
}

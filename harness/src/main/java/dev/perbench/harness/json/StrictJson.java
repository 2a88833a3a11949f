package dev.perbench.harness.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.IgnoredPropertyException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.perbench.errors.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of the harness's file formats, for data binding of its records: a
 * field the record does not have, a required field that is missing, a duplicate key, text after the
 * value, or a value of the wrong JSON type (a number where a string belongs, "1" where a number
 * belongs, 1.5 where an integer belongs) is an error that names the field, never silently accepted
 * or converted. Files are written indented, with fields in the records' declared order.
 */
public final class StrictJson {
  private static final ObjectMapper MAPPER = configure();
  private static final ObjectMapper PRETTY =
      MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

  private StrictJson() {}

  private static ObjectMapper configure() {
    return strict(JsonMapper.builder());
  }

  /**
   * Builds a mapper of any Jackson data format (JSON here; YAML and TOML for gate files) with the
   * strict rules of this class, so that every format a person writes is bound the same way.
   */
  public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M strict(
      MapperBuilder<M, B> builder) {
    M m =
        builder
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    // Nullable creator properties (the optional fields) may be absent: FAIL_ON_MISSING_CREATOR_
    // PROPERTIES then only applies to those marked required, through @JsonProperty(required).
    m.configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);
    for (LogicalType t : LogicalType.values()) {
      m.coercionConfigFor(t)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    // Numbers stay numbers: an integer may fill a floating-point field (JSON has one number type).
    m.coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
        .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
    m.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
    return m;
  }

  /** The configured mapper (for trees and for modules that bind their own types). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads {@code file} as a {@code type}.
   *
   * @throws InputException naming the file and the field: no such file, not valid JSON, a field
   *     that is unknown, missing or of the wrong type
   */
  public static <T> T read(Path file, Class<T> type) {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new InputException(file + ": is a directory, not a JSON file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InputException(file + ": cannot be read (permission denied)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return notNull(MAPPER.readValue(bytes, type));
    } catch (IOException e) {
      throw new InputException(file + ": " + describe(e), e);
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Binds a tree (already parsed, e.g. one line) to {@code type}.
   *
   * @throws IllegalArgumentException whose message names the field and the problem
   */
  public static <T> T bind(JsonNode tree, Class<T> type) {
    try {
      return notNull(MAPPER.treeToValue(tree, type));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
  }

  /**
   * Parses one JSON text (a line) to {@code type}.
   *
   * @throws IllegalArgumentException whose message names the field and the problem
   */
  public static <T> T parse(String text, Class<T> type) {
    try {
      return notNull(MAPPER.readValue(text, type));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
  }

  /** A JSON {@code null} (or nothing) where a record belongs is no record. */
  private static <T> T notNull(T value) {
    if (value == null) {
      throw new IllegalArgumentException("expected a JSON object, not null or nothing");
    }
    return value;
  }

  /** The value as indented JSON with a final newline, the form of every file the harness writes. */
  public static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** The value as compact JSON on one line. */
  public static String compact(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * A message for a person: the field as a path ({@code "tasks.res.ciou"}) and what is wrong, with
   * the line and column for syntax errors, without Jackson's class names and source excerpts.
   */
  public static String describe(IOException e) {
    if (e instanceof JsonMappingException v && v.getCause() instanceof FieldException f) {
      String base = path(v);
      String field =
          base.isEmpty() ? f.field() : f.field().isEmpty() ? base : base + "." + f.field();
      return "\"" + field + "\": " + f.why();
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String field = path(m);
      String why;
      if (e instanceof UnrecognizedPropertyException u) {
        String known =
            u.getKnownPropertyIds() == null
                ? ""
                : u.getKnownPropertyIds().stream()
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.joining(", "));
        return "\""
            + field
            + "\": unknown field"
            + (known.isEmpty() ? "" : " (expected " + known + ")");
      } else if (e instanceof IgnoredPropertyException) {
        why = "not allowed here";
      } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
        why = v.getCause().getMessage();
      } else if (e instanceof InvalidFormatException f) {
        why =
            mismatch(f)
                + ", not "
                + (f.getValue() instanceof String v
                    ? "\"" + v + "\""
                    : String.valueOf(f.getValue()));
      } else if (e instanceof MismatchedInputException mi) {
        why = mismatch(mi);
      } else {
        why = m.getOriginalMessage();
      }
      return "\"" + field + "\": " + why;
    }
    if (e instanceof JsonMappingException m && m.getOriginalMessage() != null) {
      String msg = m.getOriginalMessage();
      if (msg.startsWith("Missing required creator property")) {
        int q = msg.indexOf('\'');
        int q2 = msg.indexOf('\'', q + 1);
        return "\"" + msg.substring(q + 1, q2) + "\": missing (required)";
      }
      if (e instanceof MismatchedInputException mi) {
        return mismatch(mi);
      }
    }
    if (e instanceof JsonProcessingException p) {
      String msg = p.getOriginalMessage();
      int cut = msg.indexOf(" (start marker");
      msg = cut > 0 ? msg.substring(0, cut) : msg;
      if (msg.startsWith("Duplicate field")) {
        msg = "duplicate key " + msg.substring("Duplicate field ".length());
      }
      return p.getLocation() == null
          ? "not valid JSON: " + msg
          : "not valid JSON: line "
              + p.getLocation().getLineNr()
              + ", column "
              + p.getLocation().getColumnNr()
              + ": "
              + msg;
    }
    return e.getMessage();
  }

  private static String mismatch(MismatchedInputException e) {
    String msg = e.getOriginalMessage();
    if (msg.startsWith("Missing required creator property")) {
      return "missing (required)"; // the path names the field
    }
    if (msg.startsWith("Trailing token")) {
      return "more than one JSON value (text after the first value)";
    }
    Class<?> target = e.getTargetType();
    String expected =
        target == null
            ? "another type"
            : target == String.class
                ? "a string"
                : target == Boolean.class || target == boolean.class
                    ? "true or false"
                    : Number.class.isAssignableFrom(target) || target.isPrimitive()
                        ? (target == Double.class || target == double.class
                            ? "a number"
                            : "an integer")
                        : java.util.Collection.class.isAssignableFrom(target) || target.isArray()
                            ? "a list"
                            : "an object";
    return "must be " + expected;
  }

  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** Whether parsing rejected the text as not JSON at all (rather than JSON of the wrong shape). */
  public static boolean isSyntaxError(Throwable e) {
    return e instanceof JsonProcessingException && !(e instanceof JsonMappingException);
  }
}

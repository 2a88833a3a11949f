package dev.perbench.harness.check;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.perbench.errors.InputException;
import dev.perbench.harness.json.FieldException;
import dev.perbench.harness.json.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads gate files: YAML ({@code .yaml}, {@code .yml}), TOML ({@code .toml}) or JSON ({@code
 * .json}), chosen by the extension, bound to {@link GateFile} with the harness's strict rules
 * (unknown fields, duplicate keys and wrong types are errors naming the field and line).
 */
public final class GateFiles {
  /** A gate is a few lines; anything bigger is not one. */
  static final long MAX_BYTES = 1 << 20;

  private static final ObjectMapper YAML = StrictJson.strict(YAMLMapper.builder());
  private static final ObjectMapper TOML = StrictJson.strict(TomlMapper.builder());
  private static final ObjectMapper JSON = StrictJson.strict(JsonMapper.builder());
  private static final Pattern FIELD_PART = Pattern.compile("([^.\\[\\]]+)|\\[([0-9]+)\\]");

  /** The fields of each record of the format, by its JSON names, in order. */
  private static final Map<Class<?>, Set<String>> FIELDS =
      Stream.of(GateFile.class, GateFile.Resampling.class, GateFile.Rule.class)
          .collect(Collectors.toMap(c -> c, GateFiles::fieldsOf));

  private GateFiles() {}

  /**
   * Reads and checks {@code file}.
   *
   * @throws InputException naming the file, the line and the field of the first problem
   */
  public static GateFile read(Path file) {
    ObjectMapper mapper = mapperFor(file);
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new InputException(file + ": is a directory, not a gate file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException(file + ": larger than 1 MiB; a gate file is a few lines");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such gate file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    GateFile gate;
    try {
      gate = mapper.readValue(bytes, GateFile.class);
    } catch (JsonProcessingException e) {
      if (e instanceof MismatchedInputException m
          && m.getOriginalMessage().startsWith("No content to map")) {
        // Nothing but blanks or comments: not the "must be an object" of a value of a wrong type.
        throw new InputException(file + ": empty; a gate needs at least \"rules\"", e);
      }
      String unknown = e instanceof JsonMappingException ? unknownField(mapper, bytes) : null;
      if (unknown != null) {
        // Reported first, wherever it is: a misspelt field ("max-drop") is the likeliest cause of
        // the other problems of its object, which its record only reports before it.
        throw new InputException(file + unknown, e);
      }
      throw new InputException(file + where(mapper, bytes, e) + ": " + describe(e), e);
    } catch (IOException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    if (gate == null) {
      throw new InputException(file + ": empty; a gate needs at least \"rules\"");
    }
    return gate;
  }

  private static Set<String> fieldsOf(Class<?> type) {
    return JSON
        .getDeserializationConfig()
        .introspect(JSON.constructType(type))
        .findProperties()
        .stream()
        .map(BeanPropertyDefinition::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static ObjectMapper mapperFor(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return YAML;
    }
    if (name.endsWith(".toml")) {
      return TOML;
    }
    if (name.endsWith(".json")) {
      return JSON;
    }
    throw new InputException(
        file + ": a gate file is YAML (.yaml, .yml), TOML (.toml) or JSON (.json)");
  }

  /**
   * ":LINE" of the problem, or "" where the format keeps no positions (TOML). A value that a
   * record's constructor rejects is only noticed at the end of its object (the location then is the
   * line after it, or the end of the file for a top-level field), so the line of the field the
   * message names is found by reading the document again up to it.
   */
  private static String where(ObjectMapper mapper, byte[] bytes, JsonProcessingException e) {
    int line = -1;
    if (e instanceof JsonMappingException m && m.getCause() instanceof FieldException) {
      line = lineOf(mapper, bytes, pointer(m));
    }
    if (line < 1) {
      JsonLocation at = e.getLocation();
      line = at == null ? -1 : at.getLineNr();
    }
    return line < 1 ? "" : ":" + line;
  }

  /** The field an error names, as a JSON Pointer: its path, then the rejected field's name. */
  private static JsonPointer pointer(JsonMappingException e) {
    JsonPointer p = JsonPointer.empty();
    for (JsonMappingException.Reference r : e.getPath()) {
      p =
          r.getFieldName() != null
              ? p.appendProperty(r.getFieldName())
              : p.appendIndex(r.getIndex());
    }
    if (e.getCause() instanceof FieldException f) {
      Matcher m = FIELD_PART.matcher(f.field());
      while (m.find()) {
        p =
            m.group(1) != null
                ? p.appendProperty(m.group(1))
                : p.appendIndex(Integer.parseInt(m.group(2)));
      }
    }
    return p;
  }

  /**
   * The first field of the document that its record does not have, as {@code :LINE: "path": unknown
   * field (expected ...)} in the words of {@link StrictJson#describe}, or null when there is none
   * (or the document cannot be read that far).
   */
  private static String unknownField(ObjectMapper mapper, byte[] bytes) {
    try (JsonParser p = mapper.createParser(bytes)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          continue;
        }
        JsonPointer field = p.getParsingContext().pathAsPointer();
        Set<String> known = FIELDS.get(recordAt(field.head()));
        if (known != null && !known.contains(p.currentName())) {
          int line = p.currentTokenLocation().getLineNr();
          return (line < 1 ? "" : ":" + line)
              + ": \""
              + dotted(field)
              + "\": unknown field (expected "
              + String.join(", ", known)
              + ")";
        }
      }
    } catch (IOException | RuntimeException e) {
      // A problem of its own before any unknown field: the binding's message stands.
    }
    return null;
  }

  /** The record of the object at {@code object}: the gate, its bootstrap or a rule; else null. */
  private static Class<?> recordAt(JsonPointer object) {
    if (object.matches()) {
      return GateFile.class;
    }
    if (object.toString().equals("/bootstrap")) {
      return GateFile.Resampling.class;
    }
    JsonPointer list = object.head();
    boolean rule = list != null && list.toString().equals("/rules");
    return rule && object.last().getMatchingIndex() >= 0 ? GateFile.Rule.class : null;
  }

  /** {@code /rules/1/min} as the reader's messages write it: {@code rules[1].min}. */
  private static String dotted(JsonPointer p) {
    StringBuilder out = new StringBuilder();
    for (JsonPointer s = p; !s.matches(); s = s.tail()) {
      if (s.getMatchingIndex() >= 0 && out.length() > 0) {
        out.append('[').append(s.getMatchingIndex()).append(']');
      } else {
        out.append(out.length() > 0 ? "." : "").append(s.getMatchingProperty());
      }
    }
    return out.toString();
  }

  /** The line where the value at {@code at} starts (its key's line in an object), or -1. */
  private static int lineOf(ObjectMapper mapper, byte[] bytes, JsonPointer at) {
    if (at.matches()) {
      return -1; // the whole document: its own location says more
    }
    try (JsonParser p = mapper.createParser(bytes)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isStructEnd()) {
          continue;
        }
        // A structure's start token already has its own context; its place is in the parent's.
        JsonPointer here =
            t.isStructStart()
                ? p.getParsingContext().getParent().pathAsPointer()
                : p.getParsingContext().pathAsPointer();
        if (here.equals(at)) {
          return p.currentTokenLocation().getLineNr();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not found before a problem of its own (a duplicate key): the original location stands.
    }
    return -1;
  }

  /** StrictJson's message, without its JSON-only wording for syntax errors. */
  private static String describe(JsonProcessingException e) {
    String m = StrictJson.describe(e);
    if (StrictJson.isSyntaxError(e)) {
      int cut = m.indexOf(": ", m.indexOf("column"));
      return "not a valid gate file: " + (cut > 0 ? m.substring(cut + 2) : e.getOriginalMessage());
    }
    return m;
  }
}

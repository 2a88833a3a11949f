package dev.perbench.harness.check;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.perbench.errors.InputException;
import dev.perbench.harness.json.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

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
      throw new InputException(file + where(e) + ": " + describe(e), e);
    } catch (IOException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
    if (gate == null) {
      throw new InputException(file + ": empty; a gate needs at least \"rules\"");
    }
    return gate;
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

  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
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

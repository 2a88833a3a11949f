package dev.perbench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schemas of the checkout, validated with a real JSON Schema validator
 * (networknt json-schema-validator, draft 2020-12, formats as annotations as the draft says).
 */
final class Schemas {
  static final Path PREDICTION = Path.of("docs/prediction-file.schema.json");
  static final Path METRICS = Path.of("docs/metrics.schema.json");
  static final Path MANIFEST = Path.of("docs/manifest.schema.json");
  static final Path MODEL_CARD = Path.of("submissions/model.schema.json");
  static final Path GATE = Path.of("docs/gate.schema.json");
  static final Path CHECK = Path.of("docs/check.schema.json");

  /** Every published schema. */
  static final List<Path> ALL = List.of(PREDICTION, METRICS, MANIFEST, MODEL_CARD, GATE, CHECK);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ROOT).build()));
  private static final Map<Path, Schema> LOADED = new ConcurrentHashMap<>();

  private Schemas() {}

  /**
   * One violation.
   *
   * @param path where in the instance, as a dotted path ({@code masks.0.size}, {@code
   *     tasks.vres.ciou}; empty for the root); for a missing or unexpected property, the path of
   *     that property
   * @param keyword the schema keyword that failed
   * @param message the validator's message
   */
  record Violation(String path, String keyword, String message) {
    /** Whether this violation is at {@code field} or inside it. */
    boolean at(String field) {
      return field.isEmpty() || path.equals(field) || path.startsWith(field + ".");
    }

    @Override
    public String toString() {
      return (path.isEmpty() ? "(root)" : path) + ": " + keyword + ": " + message;
    }
  }

  /**
   * The violations of {@code instance} against the schema in {@code schemaFile}; empty if valid.
   */
  static List<Violation> validate(Path schemaFile, JsonNode instance) {
    Schema schema = LOADED.computeIfAbsent(schemaFile, Schemas::load);
    List<Violation> out = new ArrayList<>();
    for (Error e : schema.validate(instance)) {
      String path = dotted(e.getInstanceLocation());
      if (e.getProperty() != null) {
        path = path.isEmpty() ? e.getProperty() : path + "." + e.getProperty();
      }
      out.add(new Violation(path, e.getKeyword(), e.getMessage()));
    }
    return out;
  }

  /** The violations of the schema file itself against the draft 2020-12 meta-schema. */
  static List<Violation> validateAgainstMetaSchema(Path schemaFile) {
    Schema meta =
        REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    List<Violation> out = new ArrayList<>();
    for (Error e : meta.validate(read(schemaFile))) {
      out.add(new Violation(dotted(e.getInstanceLocation()), e.getKeyword(), e.getMessage()));
    }
    return out;
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema load(Path schemaFile) {
    return REGISTRY.getSchema(read(schemaFile));
  }

  private static String dotted(NodePath p) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < p.getNameCount(); i++) {
      if (i > 0) {
        s.append('.');
      }
      s.append(p.getElement(i));
    }
    return s.toString();
  }
}

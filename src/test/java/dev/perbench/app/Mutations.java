package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Broken variants of a valid document for the schema tests: each case changes one thing and names
 * the field it breaks; the schema and the Java reader must both reject the result and both name
 * that field.
 */
final class Mutations {
  private Mutations() {}

  /**
   * One mutation.
   *
   * @param name what is wrong, as the test report shows it
   * @param base which valid document it starts from (a key of the test's bases)
   * @param field the broken field as a dotted path ({@code masks.0.size}; {@code ""} for the
   *     document): the schema must report a violation at or inside it, the reader must name it
   * @param edit the change, applied to a copy of the base
   */
  record Case(String name, String base, String field, UnaryOperator<JsonNode> edit) {
    JsonNode apply(JsonNode original) {
      return edit.apply(original.deepCopy());
    }

    @Override
    public String toString() {
      return base + ": " + name;
    }
  }

  /** Sets the value at {@code pointer} (JSON Pointer) to {@code json}; the field is the pointer. */
  static Case set(String base, String pointer, String json) {
    return new Case(
        dotted(pointer) + " = " + json, base, dotted(pointer), put(pointer, Schemas.parse(json)));
  }

  /** Like {@link #set} but naming another field (the one both sides are expected to name). */
  static Case set(String base, String pointer, String json, String field) {
    return new Case(dotted(pointer) + " = " + json, base, field, put(pointer, Schemas.parse(json)));
  }

  /** Removes the member at {@code pointer}; the field is the pointer. */
  static Case remove(String base, String pointer) {
    return new Case("no " + dotted(pointer), base, dotted(pointer), delete(pointer));
  }

  /** Removes the member at {@code pointer}, naming another field. */
  static Case remove(String base, String pointer, String field) {
    return new Case("no " + dotted(pointer), base, field, delete(pointer));
  }

  /** Several changes at once, named by hand. */
  @SafeVarargs
  static Case all(String name, String base, String field, UnaryOperator<JsonNode>... edits) {
    return new Case(
        name,
        base,
        field,
        doc -> {
          JsonNode d = doc;
          for (UnaryOperator<JsonNode> e : edits) {
            d = e.apply(d);
          }
          return d;
        });
  }

  static UnaryOperator<JsonNode> put(String pointer, JsonNode value) {
    return doc -> {
      JsonPointer p = JsonPointer.compile(pointer);
      JsonNode parent = doc.at(p.head());
      String last = p.last().getMatchingProperty();
      if (parent instanceof ArrayNode a) {
        int i = Integer.parseInt(last);
        if (i == a.size()) {
          a.add(value.deepCopy());
        } else {
          a.set(i, value.deepCopy());
        }
      } else {
        ((ObjectNode) parent).set(last, value.deepCopy());
      }
      return doc;
    };
  }

  static UnaryOperator<JsonNode> delete(String pointer) {
    return doc -> {
      JsonPointer p = JsonPointer.compile(pointer);
      JsonNode parent = doc.at(p.head());
      String last = p.last().getMatchingProperty();
      if (parent instanceof ArrayNode a) {
        a.remove(Integer.parseInt(last));
      } else {
        assertNotNull(((ObjectNode) parent).remove(last), "nothing to remove at " + pointer);
      }
      return doc;
    };
  }

  /** {@code /tasks/vres/ciou} as {@code tasks.vres.ciou}. */
  static String dotted(String pointer) {
    return pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.').replace("~1", "/");
  }

  /** The reader's message names the field as a quoted dotted path: {@code "tasks.vres.ciou"}. */
  static boolean namesQuotedPath(String message, String field) {
    // The readers write list positions as [i] (data_files[0].sha256); the cases as .i.
    // A reader may name a position inside the field (tasks.vres.ci.ciou[0]), as the schema may.
    String m = message.replaceAll("\\[([0-9]+)\\]", ".$1");
    return m.contains("\"" + field + "\"") || m.contains("\"" + field + ".");
  }

  /**
   * Asserts that the schema and the reader both reject {@code c} applied to {@code base} and both
   * name its field. {@code reader} returns the reader's message, or null when it accepts; a null
   * reader means the Java reader is not written yet (the schema alone is checked).
   */
  static void assertBothReject(
      Case c,
      JsonNode base,
      Path schema,
      Function<JsonNode, String> reader,
      BiPredicate<String, String> names) {
    JsonNode doc = c.apply(base);
    List<Schemas.Violation> violations = Schemas.validate(schema, doc);
    assertFalse(violations.isEmpty(), "the schema accepts " + c + ": " + doc);
    assertTrue(
        violations.stream().anyMatch(v -> v.at(c.field())),
        "the schema does not name \"" + c.field() + "\" for " + c + ": " + violations);
    if (reader != null) {
      String message = reader.apply(doc);
      assertNotNull(message, "the Java reader accepts " + c + ": " + doc);
      assertTrue(
          names.test(message, c.field()),
          "the Java reader does not name \"" + c.field() + "\" for " + c + ": " + message);
    }
  }

  /** Which side rejects a documented disagreement. */
  enum OnlyRejectedBy {
    SCHEMA,
    READER
  }

  /** A documented case where the schema and the reader disagree. */
  record Disagreement(OnlyRejectedBy onlyRejectedBy, Case c) {
    @Override
    public String toString() {
      return c
          + " (only the "
          + onlyRejectedBy.name().toLowerCase(java.util.Locale.ROOT)
          + " rejects it)";
    }
  }

  static Disagreement onlySchemaRejects(Case c) {
    return new Disagreement(OnlyRejectedBy.SCHEMA, c);
  }

  static Disagreement onlyReaderRejects(Case c) {
    return new Disagreement(OnlyRejectedBy.READER, c);
  }

  /** Asserts the documented disagreement still holds: exactly one side rejects. */
  static void assertOnlyOneRejects(
      Disagreement d, JsonNode base, Path schema, Function<JsonNode, String> reader) {
    Case c = d.c();
    OnlyRejectedBy side = d.onlyRejectedBy();
    JsonNode doc = c.apply(base);
    List<Schemas.Violation> violations = Schemas.validate(schema, doc);
    String message = reader.apply(doc);
    if (side == OnlyRejectedBy.SCHEMA) {
      assertFalse(violations.isEmpty(), "the schema now accepts " + c + ": " + doc);
      assertNull(message, "the reader now rejects " + c + " too: move it to the agreed cases");
    } else {
      assertNotNull(message, "the reader now accepts " + c + ": " + doc);
      assertEquals(
          List.of(),
          violations,
          "the schema now rejects " + c + " too: move it to the agreed cases");
    }
  }

  /** Asserts that the schema and the reader both accept {@code doc}. */
  static void assertBothAccept(JsonNode doc, Path schema, Function<JsonNode, String> reader) {
    assertEquals(List.of(), Schemas.validate(schema, doc), "the schema rejects " + doc);
    if (reader != null) {
      assertNull(reader.apply(doc), "the Java reader rejects " + doc);
    }
  }
}

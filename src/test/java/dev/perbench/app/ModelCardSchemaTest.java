package dev.perbench.app;

import static dev.perbench.app.Mutations.onlyReaderRejects;
import static dev.perbench.app.Mutations.onlySchemaRejects;
import static dev.perbench.app.Mutations.remove;
import static dev.perbench.app.Mutations.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.perbench.app.Mutations.Case;
import dev.perbench.app.Mutations.Disagreement;
import dev.perbench.harness.submissions.SubmissionCard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code submissions/model.schema.json} against {@link SubmissionCard#read}, which {@code perbench
 * submissions validate} applies: every violation of the schema is rejected by both, naming the same
 * field.
 */
class ModelCardSchemaTest {
  /** Committed cards: one with every field filled, one with the nulls a baseline has. */
  private static final Map<String, JsonNode> BASES =
      Map.of(
          "reported", Schemas.read(Path.of("submissions/pixel-sail-3b-reported/model.json")),
          "baseline", Schemas.read(Path.of("submissions/baseline-oracle/model.json")));

  /** The reader's problems joined, or null when it accepts the card. */
  static String reader(JsonNode card) {
    List<String> problems = new ArrayList<>();
    SubmissionCard c = SubmissionCard.read(card, problems::add);
    if (c == null) {
      return String.join("; ", problems);
    }
    assertEquals(List.of(), problems);
    return null;
  }

  static Stream<Case> rejected() {
    Stream<Case> required = SubmissionCard.REQUIRED.stream().map(f -> remove("reported", "/" + f));
    return Stream.concat(required, rejectedValues());
  }

  static Stream<Case> rejectedValues() {
    return Stream.of(
        // required and unknown fields
        remove("baseline", "/organisation"),
        set("reported", "/licence", "\"MIT\""),
        set("reported", "/organization", "\"ByteDance\""),
        set("reported", "/Notes", "\"x\""),
        // name
        set("reported", "/name", "null"),
        set("reported", "/name", "42"),
        set("reported", "/name", "[\"Pixel-SAIL\"]"),
        set("reported", "/name", "\"\""),
        set("reported", "/name", "\"   \""),
        set("reported", "/name", "\" Pixel-SAIL\""),
        set("reported", "/name", "\"Pixel-SAIL \""),
        set("reported", "/name", "\"Pixel-SAIL\\n\""),
        set("reported", "/name", "\"\\tPixel-SAIL\""),
        set("reported", "/name", "\"\\u2003Pixel-SAIL\""),
        set("reported", "/name", "\"Pixel-SAIL\\u3000\""),
        // organisation
        set("reported", "/organisation", "\"\""),
        set("reported", "/organisation", "\"  \""),
        set("reported", "/organisation", "\"\\u2028\""),
        set("reported", "/organisation", "5"),
        set("reported", "/organisation", "false"),
        // size
        set("reported", "/size", "\"7 billion\""),
        set("reported", "/size", "\"3b\""),
        set("reported", "/size", "\"3\""),
        set("reported", "/size", "\"B\""),
        set("reported", "/size", "\".5B\""),
        set("reported", "/size", "\"0.5BB\""),
        set("reported", "/size", "\"3B \""),
        set("reported", "/size", "\"3B\\n\""),
        set("reported", "/size", "\"\""),
        set("reported", "/size", "3"),
        // link
        set("reported", "/link", "\"not a url\""),
        set("reported", "/link", "\"\""),
        set("reported", "/link", "\"arxiv.org/abs/2504.10465\""),
        set("reported", "/link", "\"ftp://example.org/x\""),
        set("reported", "/link", "\"HTTPS://arxiv.org/abs/2504.10465\""),
        set("reported", "/link", "\"https:arxiv.org\""),
        set("reported", "/link", "\"http:/arxiv.org\""),
        set("reported", "/link", "\"https://\""),
        set("reported", "/link", "\"https:///abs/2504.10465\""),
        set("reported", "/link", "\"https://arxiv.org/abs/2504 10465\""),
        set("reported", "/link", "\" https://arxiv.org/abs/2504.10465\""),
        set("reported", "/link", "\"https://arxiv.org/abs/2504.10465\\n\""),
        set("reported", "/link", "\"https://exa_mple.org/\""),
        set("reported", "/link", "\"https://example-.org/\""),
        set("reported", "/link", "\"https://-example.org/\""),
        set("reported", "/link", "\"https://1.2.3/\""),
        set("reported", "/link", "\"https://example.1org/\""),
        set("reported", "/link", "\"https://:443/\""),
        set("reported", "/link", "\"https://example.org:https/\""),
        set("reported", "/link", "\"https://example.org/a|b\""),
        set("reported", "/link", "\"https://example.org/a\\\"b\""),
        set("reported", "/link", "\"https://example.org/{id}\""),
        set("reported", "/link", "\"https://example.org/a%zz\""),
        set("reported", "/link", "\"https://example.org/a%2\""),
        set("reported", "/link", "\"https://example.org/a[0]\""),
        set("reported", "/link", "\"https://example.org/#a#b\""),
        set("reported", "/link", "\"https://example.org/\\u00a0x\""),
        set("reported", "/link", "42"),
        // kind
        set("reported", "/kind", "\"paper\""),
        set("reported", "/kind", "\"Reported\""),
        set("reported", "/kind", "\"\""),
        set("reported", "/kind", "null"),
        set("reported", "/kind", "1"),
        // source
        set("reported", "/source", "\"\""),
        set("reported", "/source", "\" \\t \""),
        set("reported", "/source", "null"),
        set("reported", "/source", "[\"Zhang et al.\"]"),
        // date
        set("reported", "/date", "\"2025-13-01\""),
        set("reported", "/date", "\"2025-00\""),
        set("reported", "/date", "\"2025-04-00\""),
        set("reported", "/date", "\"2025-04-32\""),
        set("reported", "/date", "\"25/04/2025\""),
        set("reported", "/date", "\"2025\""),
        set("reported", "/date", "\"2025-4\""),
        set("reported", "/date", "\"2025-04-1\""),
        set("reported", "/date", "\"2025-04-01T00:00:00Z\""),
        set("reported", "/date", "\"2025-04 \""),
        set("reported", "/date", "\"\""),
        set("reported", "/date", "null"),
        set("reported", "/date", "20250401"),
        // notes
        set("reported", "/notes", "7"),
        set("reported", "/notes", "[\"a\", \"b\"]"));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void everyViolationIsRejectedByTheSchemaAndTheReaderNamingTheSameField(Case c) {
    Mutations.assertBothReject(
        c,
        BASES.get(c.base()),
        Schemas.MODEL_CARD,
        ModelCardSchemaTest::reader,
        Mutations::namesQuotedPath);
  }

  /** Links both accept: the schema is not stricter than java.net.URI where it matters. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://arxiv.org/abs/2504.10465",
        "http://example.org",
        "https://example.org/",
        "https://example.org.",
        "https://huggingface.co/ByteDance/Sa2VA-4B",
        "https://github.com/magic-research/Sa2VA?tab=readme-ov-file#model-zoo",
        "https://example.org:8443/a/b;c=d/e.f-g_h~i!j*k'l(m)n,o+p$q&r=s@t:u",
        "https://user:pw@example.org/x",
        "https://1.2.3.4/x",
        "https://localhost:8080",
        "https://123/x",
        "https://x.y-z.example/%E2%9C%93",
        "https://example.org/?q=a[0]&r=%20",
        "https://example.org/#frag/with?chars",
        "https://[::1]:8080/x",
        "https://example.org/caf\u00e9",
        "https://example.org/\u4e2d\u6587"
      })
  void linksBothAccept(String link) {
    JsonNode card = BASES.get("reported").deepCopy();
    ((ObjectNode) card).set("link", TextNode.valueOf(link));
    Mutations.assertBothAccept(card, Schemas.MODEL_CARD, ModelCardSchemaTest::reader);
  }

  /** Every kind, and a card without each optional field, is valid to both. */
  @Test
  void kindsAndOptionalFieldsAreTheReaders() {
    for (String kind : SubmissionCard.KINDS) {
      JsonNode card = BASES.get("reported").deepCopy();
      ((ObjectNode) card).put("kind", kind);
      Mutations.assertBothAccept(card, Schemas.MODEL_CARD, ModelCardSchemaTest::reader);
    }
    for (String optional : SubmissionCard.OPTIONAL) {
      JsonNode card = BASES.get("reported").deepCopy();
      ((ObjectNode) card).remove(optional);
      Mutations.assertBothAccept(card, Schemas.MODEL_CARD, ModelCardSchemaTest::reader);
    }
  }

  static Stream<Disagreement> disagreements() {
    return Stream.of(
        // DISAGREEMENT: a calendar date that does not exist, and a date in the future, fit the
        // schema's pattern; only the reader knows the calendar and today's date.
        onlyReaderRejects(set("reported", "/date", "\"2025-02-30\"")),
        onlyReaderRejects(set("reported", "/date", "\"2999-01\"")),
        // DISAGREEMENT: java.net.URI validates an IPv6 address; the schema only asks for hex
        // digits, colons and dots in brackets.
        onlyReaderRejects(set("reported", "/link", "\"https://[:::::]/\"")),
        // DISAGREEMENT: java.net.URI reads a port beyond 2^31 as no valid server authority
        // (no host); the schema takes any digits.
        onlyReaderRejects(set("reported", "/link", "\"https://example.org:99999999999/\"")),
        // DISAGREEMENT: a character outside the Basic Multilingual Plane (a surrogate pair) is
        // accepted by java.net.URI; the schema's class of non-ASCII characters stops at U+FFFF.
        onlySchemaRejects(set("reported", "/link", "\"https://example.org/\\ud83d\\ude00\"")),
        // DISAGREEMENT: the typed reader cannot tell an absent optional field from an explicit
        // null, so it reads "notes": null as no notes; the schema wants a string when present.
        onlySchemaRejects(set("reported", "/notes", "null")));
  }

  @ParameterizedTest
  @MethodSource("disagreements")
  void documentedDisagreementsBetweenSchemaAndReader(Disagreement d) {
    Mutations.assertOnlyOneRejects(
        d, BASES.get(d.c().base()), Schemas.MODEL_CARD, ModelCardSchemaTest::reader);
  }

  @Test
  void theBasesAreValid() {
    for (JsonNode b : BASES.values()) {
      Mutations.assertBothAccept(b, Schemas.MODEL_CARD, ModelCardSchemaTest::reader);
      assertNotNull(SubmissionCard.read(b, p -> {}));
      assertNull(reader(b));
    }
  }
}

package dev.perbench.app;

import static dev.perbench.app.Mutations.all;
import static dev.perbench.app.Mutations.onlyReaderRejects;
import static dev.perbench.app.Mutations.put;
import static dev.perbench.app.Mutations.remove;
import static dev.perbench.app.Mutations.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.perbench.app.Mutations.Case;
import dev.perbench.app.Mutations.Disagreement;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkLoader;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.model.Sample;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.io.PredictionJson;
import dev.perbench.harness.model.Prediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docs/prediction-file.schema.json} against the Java reader of a prediction line ({@link
 * PredictionJson#read} and the per-sample check of {@link PredictionIndex#check}, what {@code
 * perbench validate} and {@code score} apply to each line): every violation of the schema is
 * rejected by both, naming the same field.
 */
class PredictionSchemaTest {
  private static final Path ORACLE =
      Path.of("submissions/baseline-oracle/results/perbench-mini/predictions.jsonl");
  private static final Map<String, JsonNode> BASES = new HashMap<>();
  private static Map<String, Sample> samples;

  /** Real lines the harness wrote (the committed oracle run), one per task. */
  @BeforeAll
  static void load() throws IOException {
    samples =
        BenchmarkLoader.load(
                BenchmarkCatalog.resolve("perbench-mini").get(0),
                new DataRoots(Path.of("/nonexistent"), Path.of("").toAbsolutePath()))
            .samplesById();
    Map<String, String> ids = Map.of("vres", "vres:0", "res", "0", "mcq", "mcq:0:0");
    for (String line : Files.readAllLines(ORACLE)) {
      JsonNode p = Schemas.parse(line);
      ids.forEach(
          (base, id) -> {
            if (p.get("sample_id").asText().equals(id)) {
              BASES.put(base, p);
            }
          });
    }
    assertEquals(ids.keySet(), BASES.keySet());
  }

  /** The reader's message, or null when it accepts the line. */
  static String reader(JsonNode line) {
    try {
      Prediction p = PredictionJson.read(line);
      Sample s = samples.get(p.sampleId());
      assertNotNull(s, "mutations keep the sample id: " + p.sampleId());
      PredictionIndex.check(p, s);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * The reader names a field by its name ({@code "masks"[0]: RLE "size" must be ...}, {@code
   * nothing predicted (no text, ...)}) and an array element by its index in brackets.
   */
  static boolean names(String message, String field) {
    for (String part : field.split("\\.")) {
      String p =
          part.matches("[0-9]+")
              ? Pattern.quote("[" + part + "]")
              : "\\b" + Pattern.quote(part) + "\\b";
      if (!Pattern.compile(p).matcher(message).find()) {
        return false;
      }
    }
    return true;
  }

  static Stream<Case> rejected() {
    return Stream.of(
        // An unknown key in an RLE object (was ignored by the reader before; both reject it now).
        set("res", "/masks/0/score", "0.9"),
        set("res", "/masks/0/count", "\"0PP<\""),
        // the object
        remove("mcq", "/sample_id"),
        set("mcq", "/sample_id", "7"),
        set("mcq", "/sample_id", "null"),
        set("mcq", "/sample_id", "[\"mcq:0:0\"]"),
        set("mcq", "/score", "0.9"),
        set("vres", "/mask", "[]"),
        // something predicted
        remove("mcq", "/text", "text"),
        set("mcq", "/text", "null", "text"),
        all(
            "only nulls",
            "vres",
            "masks",
            put("/masks", Schemas.parse("null")),
            put("/text", Schemas.parse("null")),
            put("/no_target", Schemas.parse("null")),
            put("/error", Schemas.parse("null"))),
        // field types
        set("mcq", "/text", "1"),
        set("mcq", "/text", "true"),
        set("mcq", "/text", "[\"D. bottom left\"]"),
        set("mcq", "/error", "503"),
        set("mcq", "/error", "{\"code\": 503}"),
        set("vres", "/warnings", "\"empty_visual_prompt\""),
        set("vres", "/warnings", "[1]"),
        set("vres", "/warnings", "[\"Empty Prompt\"]"),
        set("vres", "/warnings", "[\"empty_visual_prompt:\\u0001\"]"),
        set("vres", "/warnings", "[\"" + "x".repeat(201) + "\"]"),
        set("res", "/no_target", "\"yes\""),
        set("res", "/no_target", "1"),
        set("res", "/masks", "{\"size\": [96, 128], \"counts\": \"0PP<\"}"),
        set("res", "/masks", "\"0PP<\""),
        set("res", "/masks/0", "\"0PP<\""),
        set("res", "/masks/0", "null"),
        set("vres", "/masks/1", "[[0, 0, 10, 0, 10, 10]]"),
        // RLE size
        remove("res", "/masks/0/size"),
        set("res", "/masks/0/size", "null"),
        set("res", "/masks/0/size", "\"96x128\""),
        set("res", "/masks/0/size", "[96]"),
        set("res", "/masks/0/size", "[96, 128, 3]"),
        set("res", "/masks/0/size", "{\"height\": 96, \"width\": 128}"),
        set("res", "/masks/0/size", "[-96, 128]"),
        set("res", "/masks/0/size", "[96.5, 128]"),
        set("res", "/masks/0/size", "[\"96\", 128]"),
        set("res", "/masks/0/size", "[3000000000, 128]"),
        // RLE counts
        remove("res", "/masks/0/counts"),
        set("res", "/masks/0/counts", "null"),
        set("res", "/masks/0/counts", "12288"),
        set("res", "/masks/0/counts", "{\"0\": 12288}"),
        set("res", "/masks/0/counts", "\"\"", "masks.0"),
        set("res", "/masks/0/counts", "\"0PP< \"", "masks.0"),
        set("res", "/masks/0/counts", "\"0PP<~\"", "masks.0"),
        set("res", "/masks/0/counts", "\"0PP<\\u00e9\"", "masks.0"),
        set("res", "/masks/0/counts", "[]", "masks.0"),
        set("res", "/masks/0/counts", "[-1, 12289]", "masks.0"),
        set("res", "/masks/0/counts", "[0.5, 12287.5]", "masks.0"),
        set("res", "/masks/0/counts", "[\"12288\"]", "masks.0"),
        set("res", "/masks/0/counts", "[3000000000]", "masks.0"),
        set("res", "/masks/0/counts", "[null]", "masks.0"));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void everyViolationIsRejectedByTheSchemaAndTheReaderNamingTheSameField(Case c) {
    Mutations.assertBothReject(
        c,
        BASES.get(c.base()),
        Schemas.PREDICTION,
        PredictionSchemaTest::reader,
        PredictionSchemaTest::names);
  }

  static Stream<Case> accepted() {
    return Stream.of(
        set("mcq", "/text", "\"\""),
        set("mcq", "/error", "\"http 503\""),
        all("error only", "mcq", "", Mutations.delete("/text"), put("/error", text("timeout"))),
        set("res", "/no_target", "true"),
        set("res", "/no_target", "false"),
        set("res", "/text", "null"),
        set("res", "/error", "null"),
        set("res", "/masks", "[]"),
        set("res", "/masks/0/counts", "[12288]"),
        set("res", "/masks/0/counts", "[0, 12288]"),
        set("res", "/masks/0/counts", "[100, 12088, 100]"),
        set("res", "/masks/0/counts", "\"0PP<\""),
        all(
            "no_target with null masks",
            "res",
            "",
            put("/masks", Schemas.parse("null")),
            put("/no_target", Schemas.parse("true"))),
        set("vres", "/text", "\"It is [SEG].\""),
        set("vres", "/masks/1", "{\"size\": [96, 128], \"counts\": \"0PP<\"}"),
        set("vres", "/warnings", "[\"empty_visual_prompt:1\", \"retried\"]"),
        set("vres", "/warnings", "[]"),
        set("vres", "/warnings", "null"));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void validVariantsAreAcceptedByBoth(Case c) {
    Mutations.assertBothAccept(
        c.apply(BASES.get(c.base())), Schemas.PREDICTION, PredictionSchemaTest::reader);
  }

  static Stream<Disagreement> disagreements() {
    return Stream.of(
        // DISAGREEMENT: JSON Schema cannot tell 96.0 from 96 (both are the integer 96 in draft
        // 2020-12); the reader wants integer literals (Jackson's isIntegralNumber).
        onlyReaderRejects(set("res", "/masks/0/size", "[96.0, 128]")),
        onlyReaderRejects(set("res", "/masks/0/counts", "[12288.0]")));
  }

  @ParameterizedTest
  @MethodSource("disagreements")
  void documentedDisagreementsBetweenSchemaAndReader(Disagreement d) {
    Mutations.assertOnlyOneRejects(
        d, BASES.get(d.c().base()), Schemas.PREDICTION, PredictionSchemaTest::reader);
  }

  /** What only the reader can check: it needs the benchmark's samples. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"sample_id\": \"mcq:0:0\", \"masks\": []}",
        "{\"sample_id\": \"caption:0:0\", \"no_target\": true}",
        "{\"sample_id\": \"0\", \"masks\": [{\"size\": [96, 127], \"counts\": \"0PP<\"}]}",
        "{\"sample_id\": \"0\", \"masks\": [{\"size\": [96, 128], \"counts\": [12287]}]}",
        "{\"sample_id\": \"0\", \"masks\": [{\"size\": [96, 128], \"counts\": \"0PP\"}]}",
        "{\"sample_id\": \"0\", \"masks\": [{\"size\": [96, 128], \"counts\": \"0PP<0PP<\"}]}"
      })
  void benchmarkRulesAreTheReadersAlone(String line) {
    JsonNode p = Schemas.parse(line);
    assertEquals(List.of(), Schemas.validate(Schemas.PREDICTION, p));
    assertNotNull(reader(p), line);
  }

  @Test
  void theBasesAreValid() {
    assertFalse(BASES.isEmpty());
    for (JsonNode b : BASES.values()) {
      Mutations.assertBothAccept(b, Schemas.PREDICTION, PredictionSchemaTest::reader);
    }
  }

  private static JsonNode text(String s) {
    return TextNode.valueOf(s);
  }
}

package dev.perbench.app;

import static dev.perbench.app.Mutations.onlyReaderRejects;
import static dev.perbench.app.Mutations.onlySchemaRejects;
import static dev.perbench.app.Mutations.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.perbench.app.Mutations.Disagreement;
import dev.perbench.errors.InputException;
import dev.perbench.harness.check.GateExamples;
import dev.perbench.harness.check.GateFile;
import dev.perbench.harness.check.GateFile.Resampling;
import dev.perbench.harness.check.GateFile.Rule;
import dev.perbench.harness.check.GateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/gate.schema.json} and {@link GateFiles}, the strict reader of gate files, agree: good
 * gates in YAML, TOML and JSON are read and validate; each bad gate is rejected by both, the schema
 * at the field and the reader naming the file, the field and (YAML, JSON) the line.
 */
class GateSchemaTest {
  /** The issue's example; rule 1 is on lines 4-6, 2 on 7-8, 3 on 9-10, 4 on 11-12. */
  static final String ISSUE_YAML = GateExamples.ISSUE_YAML;

  static final String ISSUE_TOML =
      """
      benchmark = "refcoco:val"
      profile = "standard"

      [[rules]]
      metric = "res.ciou"
      max_drop = 0.5
      confidence = 0.95

      [[rules]]
      metric = "res.giou"
      min = 0.70

      [[rules]]
      metric = "mcq.accuracy"
      max_drop = 1.0

      [[rules]]
      metric = "caption.meteor"
      max_drop_relative = "2%"
      """;

  static final String ISSUE_JSON =
      """
      {
        "benchmark": "refcoco:val",
        "profile": "standard",
        "rules": [
          {"metric": "res.ciou", "max_drop": 0.5, "confidence": 0.95},
          {"metric": "res.giou", "min": 0.70},
          {"metric": "mcq.accuracy", "max_drop": 1.0},
          {"metric": "caption.meteor", "max_drop_relative": "2%"}
        ]
      }
      """;

  static final GateFile ISSUE =
      new GateFile(
          "refcoco:val",
          "standard",
          null,
          List.of(
              new Rule("res.ciou", 0.5, null, null, null, 0.95),
              new Rule("res.giou", null, null, 0.70, null, null),
              new Rule("mcq.accuracy", 1.0, null, null, null, null),
              new Rule("caption.meteor", null, "2%", null, null, null)));

  @TempDir Path dir;

  /** A good gate: its file name (the extension picks the format), its text, what it reads as. */
  record Good(String file, String text, GateFile expected) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Good> goodGates() {
    return Stream.of(
        new Good("issue.yaml", ISSUE_YAML, ISSUE),
        new Good("issue.toml", ISSUE_TOML, ISSUE),
        new Good("issue.json", ISSUE_JSON, ISSUE),
        new Good(
            "floors.yml",
            """
            # floors only: no baseline needed
            rules:
              - metric: overall
                min: 40
              - metric: res.giou
                min: 0.7
                on: lower
                confidence: 0.9
              - metric: res.precision@0.5
                min: 0.5
                on: estimate
              - metric: vres.ciou
                min: 0
              - metric: overall
                min: 100
            """,
            new GateFile(
                null,
                null,
                null,
                List.of(
                    new Rule("overall", null, null, 40.0, null, null),
                    new Rule("res.giou", null, null, 0.7, "lower", 0.9),
                    new Rule("res.precision@0.5", null, null, 0.5, "estimate", null),
                    new Rule("vres.ciou", null, null, 0.0, null, null),
                    new Rule("overall", null, null, 100.0, null, null)))),
        new Good(
            "bootstrap.yaml",
            """
            benchmark: perbench-mini
            profile: pixel-sail
            bootstrap:
              resamples: 100
              seed: 9007199254740991
            rules:
              - metric: vres.giou
                max_drop: 0
                confidence: 0.5
              - metric: vres.ciou
                max_drop: 100
              - metric: res.ciou
                max_drop_relative: 0%
              - metric: res.giou
                max_drop_relative: 100%
              - metric: mcq.accuracy
                max_drop_relative: 0.5%
              - metric: caption.meteor
                max_drop_relative: 100.0%
            """,
            new GateFile(
                "perbench-mini",
                "pixel-sail",
                new Resampling(100, 9007199254740991L),
                List.of(
                    new Rule("vres.giou", 0.0, null, null, null, 0.5),
                    new Rule("vres.ciou", 100.0, null, null, null, null),
                    new Rule("res.ciou", null, "0%", null, null, null),
                    new Rule("res.giou", null, "100%", null, null, null),
                    new Rule("mcq.accuracy", null, "0.5%", null, null, null),
                    new Rule("caption.meteor", null, "100.0%", null, null, null)))),
        new Good(
            "bootstrap.toml",
            """
            profile = "grefcoco"

            [bootstrap]
            resamples = 1000000
            seed = 1234567890123

            [[rules]]
            metric = "res.ciou"
            max_drop = 0.25
            confidence = 0.99
            """,
            new GateFile(
                null,
                "grefcoco",
                new Resampling(1_000_000, 1_234_567_890_123L),
                List.of(new Rule("res.ciou", 0.25, null, null, null, 0.99)))),
        new Good(
            "flow.yaml",
            "{rules: [{metric: overall, min: 50}, {metric: res.ciou, max_drop: 1}]}\n",
            new GateFile(
                null,
                null,
                null,
                List.of(
                    new Rule("overall", null, null, 50.0, null, null),
                    new Rule("res.ciou", 1.0, null, null, null, null)))));
  }

  private Path write(String name, String text) {
    try {
      Path f = dir.resolve(name);
      Files.writeString(f, text, StandardCharsets.UTF_8);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document of a gate file as a JSON tree, for the schema: YAML and TOML converted. */
  static JsonNode tree(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper m =
        name.endsWith(".toml")
            ? new TomlMapper()
            : name.endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
    try {
      return m.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("goodGates")
  void goodGatesAreReadAndValidate(Good g) {
    Path f = write(g.file(), g.text());
    assertEquals(g.expected(), GateFiles.read(f));
    assertEquals(List.of(), Schemas.validate(Schemas.GATE, tree(f)), g.file());
  }

  @Test
  void theIssuesExampleReadsAsWritten() {
    GateFile g = GateFiles.read(write("gate.yaml", ISSUE_YAML));
    assertEquals("refcoco:val", g.benchmark());
    assertEquals(4, g.rules().size());
    Rule ciou = g.rules().get(0);
    assertEquals(0.5, ciou.maxDrop());
    assertEquals("max_drop 0.5", ciou.criterion());
    assertEquals(0.95, g.settings(ciou).level());
    assertEquals(10_000, g.settings(ciou).resamples());
    assertEquals(0L, g.settings(ciou).seed());
    assertEquals("min 0.7", g.rules().get(1).criterion());
    assertEquals(0.95, g.rules().get(2).level()); // the default
    assertEquals(0.02, g.rules().get(3).relativeFraction());
    assertEquals("max_drop_relative 2%", g.rules().get(3).criterion());
  }

  /**
   * A bad gate: its file, its text, the field both must name (dotted, as the schema's paths), and
   * the line the reader must name (0: none, for TOML, which keeps no positions).
   */
  record Bad(String name, String file, String text, String field, int line) {
    @Override
    public String toString() {
      return file + ": " + name;
    }
  }

  private static Bad issue(String name, String from, String to, String field, int line) {
    if (!ISSUE_YAML.contains(from)) {
      throw new IllegalArgumentException(from);
    }
    return new Bad(name, "gate.yaml", ISSUE_YAML.replace(from, to), field, line);
  }

  static Stream<Bad> badGates() {
    String rule2 = "    min: 0.70\n";
    String rule3 = "    max_drop: 1.0\n";
    return Stream.of(
        issue("unknown field in a rule", rule2, rule2 + "    mn: 1\n", "rules.1.mn", 9),
        issue("unknown field", "rules:", "thresholds: {}\nrules:", "thresholds", 3),
        issue("two criteria", rule2, rule2 + "    max_drop: 1\n", "rules.1", 7),
        issue("no criterion", rule3, "    confidence: 0.9\n", "rules.2", 9),
        issue("bad metric text", "res.ciou", "ciou", "rules.0.metric", 4),
        issue("no metric name", "res.ciou", "res.", "rules.0.metric", 4),
        issue("no task", "res.ciou", ".ciou", "rules.0.metric", 4),
        issue("unknown task", "res.ciou", "seg.ciou", "rules.0.metric", 4),
        issue("task in capitals", "res.ciou", "RES.ciou", "rules.0.metric", 4),
        issue("max_drop -1", "max_drop: 0.5", "max_drop: -1", "rules.0.max_drop", 5),
        issue("max_drop 101", "max_drop: 0.5", "max_drop: 101", "rules.0.max_drop", 5),
        issue("max_drop as a string", "max_drop: 0.5", "max_drop: '0.5'", "rules.0.max_drop", 5),
        issue("max_drop_relative \"2\"", "2%", "\"2\"", "rules.3.max_drop_relative", 12),
        issue("max_drop_relative 200%", "2%", "200%", "rules.3.max_drop_relative", 12),
        issue("max_drop_relative 100.5%", "2%", "100.5%", "rules.3.max_drop_relative", 12),
        issue("max_drop_relative -2%", "2%", "-2%", "rules.3.max_drop_relative", 12),
        issue("max_drop_relative 2 %", "2%", "2 %", "rules.3.max_drop_relative", 12),
        issue("max_drop_relative a number", "2%", "2", "rules.3.max_drop_relative", 12),
        issue("min 1.5 for res.giou", "min: 0.70", "min: 1.5", "rules.1.min", 8),
        issue("min -0.1", "min: 0.70", "min: -0.1", "rules.1.min", 8),
        issue("on without min", rule3, rule3 + "    on: lower\n", "rules.2.on", 11),
        issue("on neither estimate nor lower", rule2, rule2 + "    on: upper\n", "rules.1.on", 9),
        issue("confidence 1.0", "confidence: 0.95", "confidence: 1.0", "rules.0.confidence", 6),
        issue("confidence 0.4", "confidence: 0.95", "confidence: 0.4", "rules.0.confidence", 6),
        issue("confidence 95", "confidence: 0.95", "confidence: 95", "rules.0.confidence", 6),
        issue("profile strict", "profile: standard", "profile: strict", "profile", 2),
        issue("profile reported", "profile: standard", "profile: reported", "profile", 2),
        issue("benchmark empty", "benchmark: refcoco:val", "benchmark: ''", "benchmark", 1),
        issue(
            "drop rule on a metric without a per-sample form",
            "mcq.accuracy",
            "res.precision@0.5",
            "rules.2.metric",
            9),
        issue("drop rule on overall", "mcq.accuracy", "overall", "rules.2.metric", 9),
        new Bad("rules empty", "gate.yaml", "benchmark: x\nrules: []\n", "rules", 2),
        new Bad("rules a map", "gate.yaml", "rules:\n  metric: res.ciou\n", "rules", 2),
        new Bad("a rule null", "gate.yaml", "rules:\n  -\n", "rules.0", 2),
        new Bad(
            "min 101 for overall",
            "gate.yaml",
            "rules:\n- metric: overall\n  min: 101\n",
            "rules.0.min",
            3),
        new Bad(
            "resamples 10",
            "gate.yaml",
            "bootstrap:\n  resamples: 10\n" + ISSUE_YAML,
            "bootstrap.resamples",
            2),
        new Bad(
            "resamples 2000000",
            "gate.yaml",
            "bootstrap:\n  resamples: 2000000\n" + ISSUE_YAML,
            "bootstrap.resamples",
            2),
        new Bad(
            "seed 1.5", "gate.yaml", "bootstrap:\n  seed: 1.5\n" + ISSUE_YAML, "bootstrap.seed", 2),
        new Bad(
            "seed -3", "gate.yaml", "bootstrap:\n  seed: -3\n" + ISSUE_YAML, "bootstrap.seed", 2),
        new Bad(
            "seed 2^53 (TOML readers misread long integers)",
            "gate.yaml",
            "bootstrap:\n  seed: 9007199254740992\n" + ISSUE_YAML,
            "bootstrap.seed",
            2),
        new Bad(
            "unknown field in bootstrap",
            "gate.yaml",
            "bootstrap:\n  seed: 1\n  rounds: 5\n" + ISSUE_YAML,
            "bootstrap.rounds",
            3),
        new Bad(
            "two criteria",
            "gate.toml",
            ISSUE_TOML.replace("min = 0.70", "min = 0.70\nmax_drop = 1.0"),
            "rules.1",
            0),
        new Bad(
            "unknown field",
            "gate.toml",
            ISSUE_TOML.replace("min = 0.70", "minimum = 0.70"),
            "rules.1.minimum",
            0),
        new Bad(
            "resamples 10",
            "gate.toml",
            ISSUE_TOML.replaceFirst("\\[\\[rules]]", "[bootstrap]\nresamples = 10\n\n[[rules]]"),
            "bootstrap.resamples",
            0),
        new Bad(
            "max_drop as a string",
            "gate.json",
            ISSUE_JSON.replace("\"max_drop\": 0.5", "\"max_drop\": \"0.5\""),
            "rules.0.max_drop",
            5),
        new Bad(
            "on without min",
            "gate.json",
            ISSUE_JSON.replace("\"max_drop\": 1.0", "\"max_drop\": 1.0, \"on\": \"lower\""),
            "rules.2.on",
            7));
  }

  @ParameterizedTest
  @MethodSource("badGates")
  void badGatesAreRejectedByBoth(Bad b) {
    Path f = write(b.file(), b.text());
    String m = assertThrows(InputException.class, () -> GateFiles.read(f)).getMessage();
    String where = f + (b.line() > 0 ? ":" + b.line() : "") + ": ";
    assertTrue(m.startsWith(where), "expected " + where + " in: " + m);
    assertTrue(Mutations.namesQuotedPath(m, b.field()), "\"" + b.field() + "\" not in: " + m);
    List<Schemas.Violation> v = Schemas.validate(Schemas.GATE, tree(f));
    assertTrue(
        v.stream().anyMatch(x -> x.at(b.field())),
        "the schema does not name \"" + b.field() + "\": " + v);
  }

  @Test
  void aMissingRulesFieldIsRejectedByBoth() {
    Path f = write("gate.yaml", "benchmark: refcoco:val\nprofile: standard\n");
    String m = assertThrows(InputException.class, () -> GateFiles.read(f)).getMessage();
    assertTrue(m.startsWith(f.toString()), m);
    assertTrue(m.endsWith(": \"rules\": missing (required)"), m);
    List<Schemas.Violation> v = Schemas.validate(Schemas.GATE, tree(f));
    assertTrue(v.stream().anyMatch(x -> x.path().equals("rules")), v.toString());
  }

  @Test
  void theDropMetricsAndProfilesOfTheSchemaAreTheReadersOwn() {
    JsonNode s = Schemas.read(Schemas.GATE);
    JsonNode drop = s.at("/$defs/rule/allOf/0/then/properties/metric/enum");
    List<String> metrics = new ArrayList<>();
    drop.forEach(x -> metrics.add(x.asText()));
    assertEquals(
        List.of("res.ciou", "res.giou", "vres.ciou", "vres.giou", "mcq.accuracy", "caption.meteor"),
        metrics);
    for (String metric : metrics) {
      Path f =
          write("one.json", "{\"rules\": [{\"metric\": \"" + metric + "\", \"max_drop\": 1}]}");
      assertEquals(metric, GateFiles.read(f).rules().get(0).metric());
    }
    List<String> profiles = new ArrayList<>();
    s.at("/properties/profile/enum").forEach(x -> profiles.add(x.asText()));
    assertEquals(List.of("standard", "pycocotools", "grefcoco", "pixel-sail"), profiles);
    for (String p : profiles) {
      Path f = write("p.yaml", "profile: " + p + "\nrules: [{metric: overall, min: 1}]\n");
      assertEquals(p, GateFiles.read(f).profile());
    }
  }

  // --- the file itself --------------------------------------------------------------------

  private String refused(Path f) {
    String m = assertThrows(InputException.class, () -> GateFiles.read(f)).getMessage();
    assertTrue(m.startsWith(f.toString()), m);
    return m.substring(f.toString().length());
  }

  @Test
  void aDuplicateKeyNamesTheKeyAndTheLine() {
    assertEquals(
        ":9: \"rules[1]\": Duplicate field 'min'",
        refused(write("dup.yaml", ISSUE_YAML.replace("min: 0.70", "min: 0.70\n    min: 0.75"))));
    assertEquals(
        ":2: not a valid gate file: duplicate key 'profile'",
        refused(write("dup.json", "{\"profile\": \"standard\",\n \"profile\": \"grefcoco\"}")));
    // The TOML parser says only that a key is repeated, and where it noticed it.
    String toml = refused(write("dup.toml", "profile = \"standard\"\nprofile = \"grefcoco\"\n"));
    assertTrue(toml.endsWith(": not a valid gate file: Duplicate key"), toml);
  }

  @Test
  void anEmptyFileSaysSo() {
    String empty = ": empty; a gate needs at least \"rules\"";
    assertEquals(empty, refused(write("empty.yaml", "")));
    assertEquals(empty, refused(write("comments.yaml", "# to do\n\n")));
    assertEquals(empty, refused(write("empty.json", "")));
    assertEquals(": \"rules\": missing (required)", refused(write("empty.toml", "")));
  }

  @Test
  void onlyYamlTomlAndJsonAreGateFiles() {
    String formats = ": a gate file is YAML (.yaml, .yml), TOML (.toml) or JSON (.json)";
    assertEquals(formats, refused(write("gate.txt", ISSUE_YAML)));
    assertEquals(formats, refused(write("gate", ISSUE_YAML)));
    assertEquals(formats, refused(write("gate.yaml.bak", ISSUE_YAML)));
    // the extension is not case-sensitive
    assertEquals(ISSUE, GateFiles.read(write("GATE.YML", ISSUE_YAML)));
  }

  @Test
  void aDirectoryIsNotAGateFile() throws IOException {
    Path d = Files.createDirectory(dir.resolve("gates.yaml"));
    assertEquals(": is a directory, not a gate file", refused(d));
  }

  @Test
  void aMissingFileIsNamed() {
    assertEquals(": no such gate file", refused(dir.resolve("nowhere.toml")));
  }

  @Test
  void aFileOverOneMebibyteIsRefusedBeforeItIsRead() {
    String padding = "#".repeat((1 << 20) - ISSUE_YAML.length() - 1) + "\n";
    Path exactly = write("big.yaml", ISSUE_YAML + padding);
    assertEquals(1 << 20, exactly.toFile().length());
    assertEquals(ISSUE, GateFiles.read(exactly));
    Path over = write("bigger.yaml", ISSUE_YAML + "#" + padding);
    assertEquals(": larger than 1 MiB; a gate file is a few lines", refused(over));
  }

  // --- documented disagreements -------------------------------------------------------------

  /** The reader, on a JSON document: its message, or null when it reads the gate. */
  private Function<JsonNode, String> reader() {
    return doc -> {
      Path f = write("mutated.json", doc.toString());
      try {
        GateFiles.read(f);
        return null;
      } catch (InputException e) {
        return e.getMessage();
      }
    };
  }

  static Stream<Disagreement> disagreements() {
    return Stream.of(
        // DISAGREEMENT: the typed reader cannot tell an absent optional field from an explicit
        // null (YAML's "max_drop:" with nothing after it is one), so it reads it as absent; the
        // schema wants the field's type when it is there.
        onlySchemaRejects(set("issue", "/benchmark", "null")),
        onlySchemaRejects(set("issue", "/profile", "null")),
        onlySchemaRejects(set("issue", "/bootstrap", "null")),
        onlySchemaRejects(set("issue", "/rules/0/confidence", "null")),
        onlySchemaRejects(set("issue", "/rules/0/min", "null")),
        onlySchemaRejects(set("issue", "/rules/1/on", "null")),
        // DISAGREEMENT: the reader compares the percentage as a double, and these digits round
        // to 100; the schema's pattern reads them as written.
        onlySchemaRejects(set("issue", "/rules/3/max_drop_relative", "\"100.00000000000000001%\"")),
        // DISAGREEMENT: 1e2 is an integer to JSON Schema (a number with no fraction), a
        // floating-point number to the strict reader, which takes only integers as integers.
        onlyReaderRejects(set("issue", "/bootstrap", "{\"resamples\": 1e2}")));
  }

  @ParameterizedTest
  @MethodSource("disagreements")
  void documentedDisagreementsStillHold(Disagreement d) {
    Mutations.assertOnlyOneRejects(d, Schemas.parse(ISSUE_JSON), Schemas.GATE, reader());
  }

  @Test
  void theIssueAsJsonIsTheBaseOfTheDisagreements() {
    Mutations.assertBothAccept(Schemas.parse(ISSUE_JSON), Schemas.GATE, reader());
    assertNull(reader().apply(Schemas.parse(ISSUE_JSON)));
    assertFalse(Schemas.parse(ISSUE_JSON).has("bootstrap"));
  }
}

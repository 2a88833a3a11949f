package dev.perbench.harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.perbench.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GateFiles}: a problem is reported at the line of the field it is about, also when the
 * record only notices it at the end of its object (a value its constructor rejects, an unknown
 * field), and a file with nothing in it says so.
 */
class GateFilesTest {
  /** The issue's example gate: rule 1 on lines 4-6, rule 2 on 7-8, 3 on 9-10, 4 on 11-12. */
  static final String EXAMPLE = GateExamples.ISSUE_YAML;

  @TempDir Path dir;

  private String refused(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    String m = assertThrows(InputException.class, () -> GateFiles.read(f)).getMessage();
    return m.substring(dir.toString().length() + 1);
  }

  @Test
  void aValueTheRuleRejectsIsAtItsOwnLine() throws IOException {
    assertEquals(
        "g.yaml:8: \"rules[1].min\": 1.7 is not in [0, 1] (a fraction, as metrics.json has it:"
            + " 0.70 for 70%)",
        refused("g.yaml", EXAMPLE.replace("min: 0.70", "min: 1.70")));
    assertEquals(
        "g.yaml:6: \"rules[0].confidence\": 1.0 is not in [0.5, 1) (0.95 is customary)",
        refused("g.yaml", EXAMPLE.replace("confidence: 0.95", "confidence: 1.0")));
    assertEquals(
        "g.yaml:12: \"rules[3].max_drop_relative\": \"200%\" is not a percentage from 0% to 100%"
            + " such as \"2%\"",
        refused("g.yaml", EXAMPLE.replace("2%", "200%")));
  }

  @Test
  void aTopLevelValueIsAtItsLineNotAtTheEndOfTheFile() throws IOException {
    assertEquals(
        "g.yaml:2: \"profile\": \"strict\" is not one of standard, pycocotools, grefcoco,"
            + " pixel-sail",
        refused("g.yaml", EXAMPLE.replace("profile: standard", "profile: strict")));
    assertEquals(
        "g.yaml:3: \"rules\": no rule; a gate needs at least one",
        refused("g.yaml", "benchmark: refcoco:val\n\nrules: []\n"));
    assertEquals(
        "g.yaml:2: \"bootstrap.resamples\": must be 100 to 1000000, not 10 (10,000 gives stable"
            + " bounds)",
        refused("g.yaml", "bootstrap:\n  resamples: 10\n" + EXAMPLE));
  }

  @Test
  void aRuleWithTwoCriteriaIsAtTheRulesFirstLine() throws IOException {
    String m =
        refused("g.yaml", EXAMPLE.replace("    min: 0.70\n", "    min: 0.70\n    max_drop: 1\n"));
    assertEquals(
        "g.yaml:7: \"rules[1]\": a rule needs exactly one of max_drop, max_drop_relative and min"
            + " (this one has 2); write two rules for two checks of one metric",
        m);
  }

  @Test
  void anUnknownFieldIsAtItsLine() throws IOException {
    String m = refused("g.yaml", EXAMPLE.replace("    min: 0.70\n", "    mn: 1\n    min: 0.70\n"));
    assertEquals(
        "g.yaml:8: \"rules[1].mn\": unknown field (expected confidence, max_drop,"
            + " max_drop_relative, metric, min, on)",
        m);
    assertEquals(
        "g.yaml:3: \"extra\": unknown field (expected benchmark, bootstrap, profile, rules)",
        refused("g.yaml", EXAMPLE.replace("profile: standard", "profile: standard\nextra: 1")));
  }

  @Test
  void aMisspeltCriterionIsAnUnknownFieldNotARuleWithoutOne() throws IOException {
    String expected =
        ": \"rules[1].max-drop\": unknown field (expected confidence, max_drop,"
            + " max_drop_relative, metric, min, on)";
    assertEquals(
        "g.yaml:8" + expected, refused("g.yaml", EXAMPLE.replace("min: 0.70", "max-drop: 0.5")));
    String toml =
        "[[rules]]\nmetric = \"res.ciou\"\nmax_drop = 1\n\n[[rules]]\n"
            + "metric = \"res.giou\"\n\"max-drop\" = 0.5\n";
    assertEquals("g.toml" + expected, refused("g.toml", toml));
    assertEquals(
        "g.yaml:1: \"rule\": unknown field (expected benchmark, bootstrap, profile, rules)",
        refused("g.yaml", "rule:\n  - metric: res.ciou\n    max_drop: 1\n"));
  }

  @Test
  void jsonIsAtTheLineToo() throws IOException {
    String json =
        """
        {
          "rules": [
            {"metric": "res.ciou", "max_drop": 0.5},
            {"metric": "res.giou",
             "min": 1.5
            }
          ]
        }
        """;
    assertEquals(
        "g.json:5: \"rules[1].min\": 1.5 is not in [0, 1] (a fraction, as metrics.json has it:"
            + " 0.70 for 70%)",
        refused("g.json", json));
  }

  @Test
  void aWrongTypeAndADuplicateKeyKeepTheirLines() throws IOException {
    assertEquals(
        "g.yaml:6: \"rules[0].confidence\": must be a number",
        refused("g.yaml", EXAMPLE.replace("confidence: 0.95", "confidence: high")));
    assertEquals(
        "g.yaml:9: \"rules[1]\": Duplicate field 'min'",
        refused("g.yaml", EXAMPLE.replace("    min: 0.70\n", "    min: 0.70\n    min: 0.75\n")));
  }

  @Test
  void anEmptyFileSaysItIsEmpty() throws IOException {
    String empty = ": empty; a gate needs at least \"rules\"";
    assertEquals("e.yaml" + empty, refused("e.yaml", ""));
    assertEquals("c.yml" + empty, refused("c.yml", "# rules to come\n\n"));
    assertEquals("e.json" + empty, refused("e.json", " \n"));
    assertEquals("n.yaml" + empty, refused("n.yaml", "null\n"));
    // An empty TOML document is an empty table: it has no rules.
    assertEquals("e.toml: \"rules\": missing (required)", refused("e.toml", ""));
  }
}

package dev.perbench.harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link GithubAnnotations}: one workflow command per line, whatever the text of the report holds;
 * {@code %}, CR and LF escaped in the message, and {@code :} and {@code ,} too in the title.
 */
class GithubAnnotationsTest {
  private static final Pattern COMMAND =
      Pattern.compile("^::(error|warning) title=[^\\n]*?::[^\\n]*$");

  @Test
  void dataEscapesPercentCarriageReturnAndLineFeed() {
    assertEquals(
        "50%25 less%0D%0Anext%0Aline: a, b",
        GithubAnnotations.data("50% less\r\nnext\nline: a, b"));
    assertEquals("%2525", GithubAnnotations.data("%25"));
  }

  @Test
  void propertiesEscapeColonAndCommaToo() {
    assertEquals("a%3Ab%2Cc%25d%0D%0Ae", GithubAnnotations.property("a:b,c%d\r\ne"));
    // an escape already in the text stays text
    assertEquals("%253A", GithubAnnotations.property("%3A"));
    assertEquals("%3A%3A", GithubAnnotations.property("::"));
  }

  @Test
  void oneCommandPerRuleThatDidNotPass() {
    CheckReport r =
        Reports.paired(
            "perbench-mini",
            "runs/a",
            false,
            List.of(
                Reports.drop("res.ciou", Verdict.FAIL, "regressed"),
                Reports.drop("res.giou", Verdict.PASS, "holds"),
                Reports.drop("mcq.accuracy", Verdict.WARN, "inconclusive")),
            List.of());
    assertEquals(
        "::error title=perbench check perbench-mini%3A res.ciou::res.ciou max_drop 0.5: regressed\n"
            + "::warning title=perbench check perbench-mini%3A mcq.accuracy::mcq.accuracy"
            + " max_drop 0.5: inconclusive\n",
        GithubAnnotations.render(r));
  }

  @Test
  void strictTurnsWarningsIntoErrors() {
    CheckReport r =
        Reports.paired(
            "perbench-mini",
            "runs/a",
            true,
            List.of(Reports.drop("mcq.accuracy", Verdict.WARN, "inconclusive")),
            List.of());
    assertEquals(
        "::error title=perbench check perbench-mini%3A mcq.accuracy::mcq.accuracy max_drop 0.5:"
            + " inconclusive\n",
        GithubAnnotations.render(r));
  }

  @Test
  void textFromFilesCannotEndACommandOrStartAnother() {
    String hostile = "x\n::error title=forged::owned\r\n%0A, y: z";
    CheckReport r =
        Reports.paired(
            "bench:a,b\n::warning::x",
            "runs/a",
            false,
            List.of(
                Reports.drop("res.ciou", Verdict.FAIL, hostile),
                Reports.drop("caption.meteor", Verdict.WARN, hostile)),
            List.of());
    String out = GithubAnnotations.render(r);
    assertTrue(out.endsWith("\n"));
    String[] lines = out.substring(0, out.length() - 1).split("\n", -1);
    assertEquals(2, lines.length, out);
    for (String line : lines) {
      assertTrue(COMMAND.matcher(line).matches(), line);
      assertFalse(line.contains("\r"), line);
    }
    assertEquals(
        "::error title=perbench check bench%3Aa%2Cb%0A%3A%3Awarning%3A%3Ax%3A res.ciou::res.ciou"
            + " max_drop 0.5: x%0A::error title=forged::owned%0D%0A%250A, y: z",
        lines[0]);
  }

  @Test
  void aPassingCheckAnnotatesNothing() {
    CheckReport r =
        Reports.paired(
            "perbench-mini",
            "runs/a",
            true,
            List.of(Reports.drop("res.ciou", Verdict.PASS, "holds")),
            List.of());
    assertEquals("", GithubAnnotations.render(r));
  }
}

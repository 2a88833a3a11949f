package dev.perbench.harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.harness.check.CheckReport.SampleDrop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MarkdownReport}: text from files stays text, and the report fits the size it is given
 * (GitHub's job summary takes at most 1 MiB), dropping the sample table before cutting lines.
 */
class MarkdownReportTest {
  private static final String CUT =
      "_(cut to fit the summary's size limit; check.json has everything)_";

  @Test
  void escapesMarkdownPunctuationAndHtml() {
    assertEquals("a \\| b", MarkdownReport.escape("a | b"));
    assertEquals("&lt;img src=x&gt;", MarkdownReport.escape("<img src=x>"));
    assertEquals("R&amp;D", MarkdownReport.escape("R&D"));
    assertEquals("\\*bold\\* \\_it\\_", MarkdownReport.escape("*bold* _it_"));
    assertEquals("\\`code\\`", MarkdownReport.escape("`code`"));
    assertEquals("\\[link\\]\\(http://x\\)", MarkdownReport.escape("[link](http://x)"));
    assertEquals("\\# \\+ \\! \\~ \\{\\} \\\\", MarkdownReport.escape("# + ! ~ {} \\"));
    assertEquals("one two three", MarkdownReport.escape("one\ntwo\rthree"));
    assertEquals("段落 é", MarkdownReport.escape("段落 é"));
  }

  /** 20 sample ids of 60 three-byte characters each: a sample table of well over 2 KiB. */
  private static CheckReport longSampleIds() {
    List<SampleDrop> drops = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = "样本".repeat(30) + "|" + i;
      drops.add(new SampleDrop("res", id, 1.0, 0.25, 0.75));
    }
    return Reports.paired(
        "perbench-mini",
        "runs/a",
        false,
        List.of(
            Reports.drop("res.ciou", Verdict.FAIL, "regressed: changed by -2.00 points"),
            Reports.drop("res.giou", Verdict.PASS, "holds")),
        drops);
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void aMebibyteHoldsTheWholeReport() {
    String md = MarkdownReport.render(longSampleIds(), 1 << 20);
    assertTrue(bytes(md) <= 1 << 20);
    assertTrue(md.contains("<details><summary>Largest per-sample drops</summary>"), md);
    assertTrue(md.contains("| res | " + "样本".repeat(30) + "\\|19 | 100.00 | 25.00 | 75.00 |"), md);
    assertFalse(md.contains(CUT), md);
    assertTrue(md.endsWith("check FAILED: 1 rule\\(s\\) passed, 0 inconclusive, 1 failed\n"), md);
  }

  @Test
  void twoKibibytesDropTheSampleTableFirst() {
    String md = MarkdownReport.render(longSampleIds(), 2048);
    assertTrue(bytes(md) <= 2048, bytes(md) + " bytes");
    assertFalse(md.contains("样本"), md);
    assertFalse(md.contains("<details>"), md);
    assertFalse(md.contains(CUT), md);
    // the rules and the verdict are all there
    assertTrue(md.startsWith("### :x: perbench check: perbench-mini\n"), md);
    assertTrue(md.contains("| res.ciou max\\_drop 0.5 | 62.00 | 60.00 |"), md);
    assertTrue(md.contains("| res.giou max\\_drop 0.5 | 62.00 | 60.00 |"), md);
    assertTrue(md.endsWith("check FAILED: 1 rule\\(s\\) passed, 0 inconclusive, 1 failed\n"), md);
  }

  @Test
  void aHundredBytesCutTheReportWithANote() {
    String md = MarkdownReport.render(longSampleIds(), 100);
    assertTrue(bytes(md) <= 100, bytes(md) + " bytes");
    assertTrue(md.contains(CUT), md);
  }

  @Test
  void neverMoreThanAskedForAtAnySize() {
    CheckReport r = longSampleIds();
    for (int max = 0; max <= 5000; max += 7) {
      String md = MarkdownReport.render(r, max);
      assertTrue(bytes(md) <= max, max + ": " + bytes(md) + " bytes");
    }
  }

  @Test
  void sampleIdsStayText() {
    CheckReport r =
        Reports.paired(
            "perbench-mini",
            "runs/<b>",
            false,
            List.of(Reports.drop("res.ciou", Verdict.FAIL, "regressed")),
            List.of(new SampleDrop("res", "<script>|*x*</script>", 1.0, 0.0, 1.0)));
    String md = MarkdownReport.render(r, 1 << 20);
    assertTrue(
        md.contains("| res | &lt;script&gt;\\|\\*x\\*&lt;/script&gt; | 100.00 | 0.00 | 100.00 |"),
        md);
    assertFalse(md.contains("<script>"), md);
    assertFalse(md.contains("<b>"), md);
  }
}

package dev.perbench.harness.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.harness.check.CheckReport.SampleDrop;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@link JunitReport}: whatever a path, a benchmark or a sample id holds, the report is well-formed
 * XML 1.0 that says the same text back, with U+FFFD for what XML cannot hold.
 */
class JunitReportEscapingTest {
  private static final String ODD = "a<b&c\"d'e\u0001f]]>g";

  @Test
  void cleanReplacesWhatXmlCannotHold() {
    assertEquals("a\uFFFDb", JunitReport.clean("a\u0001b"));
    assertEquals("\t\n\r x\u007F", JunitReport.clean("\t\n\r x\u007F"));
    assertEquals("\uFFFD\uFFFD", JunitReport.clean("\u0000\u001F"));
    assertEquals("\uFFFDx", JunitReport.clean("\uD800x")); // a lone high surrogate
    assertEquals("x\uFFFD", JunitReport.clean("x\uDC00")); // a lone low surrogate
    assertEquals("\uD83D\uDE00", JunitReport.clean("\uD83D\uDE00")); // a pair stays
    assertEquals("\uFFFD\uFFFD", JunitReport.clean("\uFFFE\uFFFF"));
    assertEquals("<&\"'>", JunitReport.clean("<&\"'>")); // escaping is the writer's job
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void oddTextComesOutWellFormed() throws Exception {
    CheckReport r =
        Reports.paired(
            "bench " + ODD,
            "runs/" + ODD,
            false,
            List.of(
                Reports.drop("res.ciou", Verdict.FAIL, "regressed " + ODD),
                Reports.drop("res.giou", Verdict.PASS, "holds " + ODD)),
            List.of(new SampleDrop("res", "id " + ODD, 1.0, 0.25, 0.75)));
    String clean = "a<b&c\"d'e\uFFFDf]]>g";
    Document d = parse(JunitReport.render(r));
    Element suites = d.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
    assertEquals("perbench check bench " + clean, suite.getAttribute("name"));
    NodeList props = suite.getElementsByTagName("property");
    assertEquals("run", ((Element) props.item(3)).getAttribute("name"));
    assertEquals("runs/" + clean, ((Element) props.item(3)).getAttribute("value"));
    NodeList cases = suite.getElementsByTagName("testcase");
    assertEquals(2, cases.getLength());
    Element failed = (Element) cases.item(0);
    assertEquals("perbench.check.bench " + clean, failed.getAttribute("classname"));
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertEquals("regression", failure.getAttribute("type"));
    assertEquals("res.ciou regressed " + clean, failure.getAttribute("message"));
    assertTrue(
        failure.getTextContent().contains("  id " + clean + "  100.00 -> 25.00"),
        failure.getTextContent());
    Element passed = (Element) cases.item(1);
    assertEquals(
        "pass: holds " + clean, passed.getElementsByTagName("system-out").item(0).getTextContent());
  }

  @Test
  void aFailureBodyHasTheNumbers() throws Exception {
    CheckReport r =
        Reports.paired(
            "perbench-mini",
            "runs/a",
            false,
            List.of(Reports.drop("res.ciou", Verdict.FAIL, "regressed")),
            List.of());
    Document d = parse(JunitReport.render(r));
    assertEquals(
        "res.ciou max_drop 0.5\n"
            + "baseline 62.00\n"
            + "run      60.00\n"
            + "interval -2.00 [-3.00, -1.00]\n"
            + "p        0.0010\n"
            + "method   paired bootstrap, n = 300\n",
        d.getElementsByTagName("failure").item(0).getTextContent());
  }
}

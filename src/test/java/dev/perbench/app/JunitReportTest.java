package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.harness.check.GateExamples;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * {@code perbench check --junit}: the report validates against the structure Jenkins' JUnit plugin
 * reads ({@code src/test/resources/junit/jenkins-junit.xsd}), has a test case per rule and a
 * failure per failed rule (and, with --strict, per inconclusive one), with the numbers.
 */
class JunitReportTest {
  @TempDir static Path dir;

  private static Path run;

  @BeforeAll
  static void check() throws IOException {
    run =
        CheckJsonSchemaTest.copy(
            Path.of("submissions/pixel-mini-reproduced/results/perbench-mini"), dir);
    check("oracle", 1, "--baseline", "baseline-oracle");
    check("oracle-strict", 1, "--baseline", "baseline-oracle", "--strict");
    check("itself", 0, "--baseline", "pixel-mini-reproduced");
    Path gate =
        Files.writeString(dir.resolve("gate.yaml"), GateExamples.issueYamlFor("perbench-mini"));
    check("gate", 1, "--baseline", "pixel-mini-reproduced", "--gate", gate.toString());
  }

  private static void check(String name, int exit, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "--run",
                run.toString(),
                "--json",
                dir.resolve(name + ".json").toString(),
                "--junit",
                dir.resolve(name + ".xml").toString()));
    args.addAll(List.of(options));
    CommandRun r = CommandRun.of(args.toArray(String[]::new));
    assertEquals(exit, r.exitCode(), name + ": " + r.err() + r.out());
  }

  private static Validator validator() throws SAXException {
    URL xsd = JunitReportTest.class.getResource("/junit/jenkins-junit.xsd");
    return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(xsd)
        .newValidator();
  }

  private static Document parse(String name) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(dir.resolve(name + ".xml").toFile());
  }

  private static List<Element> elements(Element in, String tag) {
    NodeList l = in.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < l.getLength(); i++) {
      out.add((Element) l.item(i));
    }
    return out;
  }

  private static Element suite(Document d) {
    return elements(d.getDocumentElement(), "testsuite").get(0);
  }

  /** The test case of a rule, by its name (metric and criterion). */
  private static Element testcase(Document d, String name) {
    return elements(suite(d), "testcase").stream()
        .filter(t -> t.getAttribute("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no test case " + name));
  }

  @Test
  void everyReportValidatesAgainstTheJenkinsStructure() throws Exception {
    Validator v = validator();
    for (String name : List.of("oracle", "oracle-strict", "itself", "gate")) {
      v.validate(new StreamSource(dir.resolve(name + ".xml").toFile()));
      assertEquals("testsuites", parse(name).getDocumentElement().getTagName());
    }
  }

  @Test
  void theStructureIsNotVacuous() throws Exception {
    Validator v = validator();
    String ok =
        "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"1\" errors=\"0\">"
            + "<testcase name=\"t\"><failure message=\"m\">x</failure></testcase>"
            + "</testsuite></testsuites>";
    v.validate(new StreamSource(new StringReader(ok)));
    for (String bad :
        List.of(
            ok.replace(" tests=\"1\"", ""),
            ok.replace("failures=\"1\"", "failures=\"-1\""),
            ok.replace("<testcase name=\"t\">", "<testcase>"),
            ok.replace("<failure message=\"m\">x</failure>", "<failure><b/></failure>"),
            ok.replace("</testsuite>", "<result/></testsuite>"))) {
      assertThrows(
          SAXException.class, () -> v.validate(new StreamSource(new StringReader(bad))), bad);
    }
  }

  private static void assertCounts(Document d, int tests, int failures) {
    for (Element e : List.of(d.getDocumentElement(), suite(d))) {
      assertEquals(Integer.toString(tests), e.getAttribute("tests"));
      assertEquals(Integer.toString(failures), e.getAttribute("failures"));
      assertEquals("0", e.getAttribute("errors"));
    }
    assertEquals(tests, elements(suite(d), "testcase").size());
    assertEquals(failures, elements(suite(d), "failure").size());
  }

  @Test
  void aFailingCheckHasAFailurePerFailedRule() throws Exception {
    Document d = parse("oracle");
    // six rules of the default gate: five regressed, mcq.accuracy inconclusive
    assertCounts(d, 6, 5);
    for (Element f : elements(suite(d), "failure")) {
      assertEquals("regression", f.getAttribute("type"));
    }
    Element mcq = testcase(d, "mcq.accuracy max_drop 0");
    assertEquals(0, elements(mcq, "failure").size());
    assertTrue(
        elements(mcq, "system-out").get(0).getTextContent().startsWith("warn: inconclusive: "));
  }

  @Test
  void aFailuresMessageAndBodyHaveTheNumbers() throws Exception {
    Element f = elements(testcase(parse("oracle"), "res.ciou max_drop 0"), "failure").get(0);
    assertEquals(
        "res.ciou regressed: changed by -37.89 points (95% CI -42.18 to -33.46 points), a"
            + " significant drop beyond the 0 points tolerated",
        f.getAttribute("message"));
    String body = f.getTextContent();
    assertTrue(
        body.startsWith(
            "res.ciou max_drop 0\n"
                + "baseline 100.00\n"
                + "run      62.11\n"
                + "interval -37.89 [-42.18, -33.46]\n"
                + "p        0.0000\n"
                + "method   paired bootstrap, n = 300\n"
                + "largest per-sample drops (baseline -> run):\n"),
        body);
    assertTrue(body.contains("  0  100.00 -> 0.00\n"), body);
  }

  @Test
  void strictMakesAnInconclusiveRuleAFailure() throws Exception {
    Document d = parse("oracle-strict");
    assertCounts(d, 6, 6);
    Element f = elements(testcase(d, "mcq.accuracy max_drop 0"), "failure").get(0);
    assertEquals("inconclusive", f.getAttribute("type"));
    assertTrue(
        f.getAttribute("message")
            .startsWith(
                "mcq.accuracy inconclusive: changed by -0.67 points (95% CI -1.67 to 0.00"
                    + " points)"),
        f.getAttribute("message"));
  }

  @Test
  void aPassingCheckHasNoFailure() throws Exception {
    Document d = parse("itself");
    assertCounts(d, 6, 0);
    for (Element t : elements(suite(d), "testcase")) {
      assertTrue(
          elements(t, "system-out").get(0).getTextContent().startsWith("pass: holds: "),
          t.getAttribute("name"));
    }
  }

  @Test
  void aGatesRulesAreItsTestCases() throws Exception {
    Document d = parse("gate");
    // against itself every drop holds; res.giou is 65.92, below its floor of 70
    assertCounts(d, 4, 1);
    Element f = elements(testcase(d, "res.giou min 0.7"), "failure").get(0);
    assertEquals("regression", f.getAttribute("type"));
    assertEquals("res.giou below the floor: 65.92 < 70.00 (points)", f.getAttribute("message"));
    List<String> names = new ArrayList<>();
    elements(suite(d), "testcase").forEach(t -> names.add(t.getAttribute("name")));
    assertEquals(
        List.of(
            "res.ciou max_drop 0.5",
            "res.giou min 0.7",
            "mcq.accuracy max_drop 1",
            "caption.meteor max_drop_relative 2%"),
        names);
    assertEquals(
        "perbench.check.perbench-mini", testcase(d, "res.giou min 0.7").getAttribute("classname"));
  }
}

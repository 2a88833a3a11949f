package dev.perbench.harness.check;

import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.CheckReport.SampleDrop;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML, the format test reporters read (GitHub test-report actions, GitLab's
 * {@code artifacts:reports:junit}, Jenkins' junit step): one {@code <testsuite>} for the check, one
 * {@code <testcase>} per rule named by its metric and criterion, a {@code <failure>} with the
 * numbers for a failed rule (and, with --strict, for an inconclusive one), {@code <system-out>}
 * with the rule's sentence otherwise. The structure is that of Jenkins' JUnit schema, which the
 * tests validate against. Text goes through the JDK's XML writer, which escapes it; characters XML
 * 1.0 cannot hold (control characters in a sample id) become U+FFFD.
 */
public final class JunitReport {
  private JunitReport() {}

  public static String render(CheckReport r) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      long failures = r.rules().stream().filter(y -> failed(r, y)).count();
      String tests = Integer.toString(r.rules().size());
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "perbench check");
      x.writeAttribute("tests", tests);
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", "0");
      x.writeAttribute("time", "0");
      x.writeCharacters("\n  ");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", clean("perbench check " + r.benchmark()));
      x.writeAttribute("tests", tests);
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", "0");
      x.writeAttribute("skipped", "0");
      x.writeAttribute("time", "0");
      x.writeCharacters("\n    ");
      x.writeStartElement("properties");
      property(x, "benchmark", r.benchmark());
      property(x, "profile", r.profile());
      property(x, "comparison", r.comparison());
      property(x, "run", r.run().source());
      property(x, "baseline", r.baseline() == null ? "none" : r.baseline().source());
      property(x, "gate", r.gate());
      property(x, "verdict", r.verdict().id());
      x.writeCharacters("\n    ");
      x.writeEndElement();
      for (RuleResult rule : r.rules()) {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", clean("perbench.check." + r.benchmark()));
        x.writeAttribute("name", clean(rule.metric() + " " + rule.criterion()));
        x.writeAttribute("time", "0");
        if (failed(r, rule)) {
          x.writeStartElement("failure");
          x.writeAttribute("type", rule.verdict() == Verdict.FAIL ? "regression" : "inconclusive");
          x.writeAttribute("message", clean(rule.metric() + " " + rule.message()));
          x.writeCharacters(clean(details(r, rule)));
          x.writeEndElement();
        } else {
          x.writeStartElement("system-out");
          x.writeCharacters(clean(rule.verdict().id() + ": " + rule.message()));
          x.writeEndElement();
        }
        x.writeEndElement();
      }
      x.writeCharacters("\n    ");
      x.writeStartElement("system-out");
      x.writeCharacters(clean(CheckTable.render(r)));
      x.writeEndElement();
      x.writeCharacters("\n  ");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the JUnit report: " + e.getMessage(), e);
    }
    return text.toString();
  }

  private static boolean failed(CheckReport r, RuleResult rule) {
    return rule.verdict() == Verdict.FAIL || (r.strict() && rule.verdict() == Verdict.WARN);
  }

  /** The failure's body: the numbers, and the task's most regressed samples. */
  private static String details(CheckReport r, RuleResult rule) {
    StringBuilder out = new StringBuilder();
    out.append(rule.metric()).append(' ').append(rule.criterion()).append('\n');
    if (rule.baseline() != null) {
      out.append("baseline ").append(CheckTable.value(rule, rule.baseline())).append('\n');
    }
    out.append("run      ").append(CheckTable.value(rule, rule.run())).append('\n');
    out.append("interval ").append(CheckTable.interval(rule)).append('\n');
    if (rule.pValue() != null) {
      out.append("p        ").append(Numbers.p(rule.pValue())).append('\n');
    }
    out.append("method   ").append(rule.method()).append(", n = ").append(rule.n()).append('\n');
    String task = rule.metric().contains(".") ? rule.metric().split("\\.")[0] : null;
    boolean header = false;
    for (SampleDrop d : r.regressions()) {
      if (d.task().equals(task)) {
        if (!header) {
          out.append("largest per-sample drops (baseline -> run):\n");
          header = true;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "  %s  %s -> %s%n",
                d.sampleId(),
                Numbers.points(d.baseline()),
                Numbers.points(d.run())));
      }
    }
    return out.toString();
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    x.writeCharacters("\n      ");
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", clean(value));
  }

  /** Replaces what XML 1.0 cannot hold (control characters, lone surrogates) with U+FFFD. */
  static String clean(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean ok =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      out.appendCodePoint(ok ? c : 0xFFFD);
      i += Character.charCount(c);
    }
    return out.toString();
  }
}

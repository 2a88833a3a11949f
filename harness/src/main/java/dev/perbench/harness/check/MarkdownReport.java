package dev.perbench.harness.check;

import dev.perbench.harness.check.CheckReport.RuleResult;
import dev.perbench.harness.check.CheckReport.SampleDrop;
import java.nio.charset.StandardCharsets;

/**
 * The report as Markdown, for GitHub's job summary ({@code $GITHUB_STEP_SUMMARY}), GitLab and pull
 * request comments: a headline, a table of the rules, the notes and the most regressed samples.
 * Text from files (paths, sample ids) is escaped so that it stays text: Markdown's punctuation gets
 * a backslash and {@code < > &} become entities (GitHub renders HTML in summaries).
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * The report in at most {@code maxBytes} of UTF-8: whole when it fits, else without the sample
   * table, else cut at a line with a note.
   */
  public static String render(CheckReport r, int maxBytes) {
    String full = render(r, true);
    if (bytes(full) <= maxBytes) {
      return full;
    }
    String shorter = render(r, false);
    if (bytes(shorter) <= maxBytes) {
      return shorter;
    }
    String note = "\n_(cut to fit the summary's size limit; check.json has everything)_\n";
    int room = maxBytes - bytes(note);
    StringBuilder out = new StringBuilder();
    for (String line : shorter.split("\n", -1)) {
      if (bytes(out.toString()) + bytes(line) + 1 > room) {
        break;
      }
      out.append(line).append('\n');
    }
    return room <= 0 ? "" : out + note;
  }

  private static String render(CheckReport r, boolean samples) {
    StringBuilder out = new StringBuilder();
    String icon =
        r.exitCode() != 0
            ? ":x:"
            : r.verdict() == Verdict.WARN ? ":warning:" : ":white_check_mark:";
    out.append("### ")
        .append(icon)
        .append(" perbench check: ")
        .append(escape(r.benchmark()))
        .append('\n')
        .append('\n')
        .append(escape(CheckTable.headline(r)))
        .append("\n\n");
    out.append("| rule | baseline | run | difference [CI] | p | verdict |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
    for (RuleResult x : r.rules()) {
      out.append("| ")
          .append(escape(x.metric() + " " + x.criterion()))
          .append(" | ")
          .append(x.baseline() == null ? "-" : CheckTable.value(x, x.baseline()))
          .append(" | ")
          .append(CheckTable.value(x, x.run()))
          .append(" | ")
          .append(escape(CheckTable.interval(x)))
          .append(" | ")
          .append(x.pValue() == null ? "-" : Numbers.p(x.pValue()))
          .append(" | ")
          .append(x.verdict() == Verdict.PASS ? "pass" : "**" + x.verdict().id() + "**")
          .append(" |\n");
    }
    out.append('\n');
    for (RuleResult x : r.rules()) {
      if (x.verdict() != Verdict.PASS) {
        out.append("- ")
            .append(escape(x.metric()))
            .append(": ")
            .append(escape(x.message()))
            .append('\n');
      }
    }
    for (String n : r.notes()) {
      out.append("- note: ").append(escape(n)).append('\n');
    }
    if (samples && !r.regressions().isEmpty()) {
      out.append("\n<details><summary>Largest per-sample drops</summary>\n\n");
      out.append("| task | sample | baseline | run | drop |\n");
      out.append("| --- | --- | ---: | ---: | ---: |\n");
      for (SampleDrop d : r.regressions()) {
        out.append("| ")
            .append(escape(d.task()))
            .append(" | ")
            .append(escape(d.sampleId()))
            .append(" | ")
            .append(Numbers.points(d.baseline()))
            .append(" | ")
            .append(Numbers.points(d.run()))
            .append(" | ")
            .append(Numbers.points(d.drop()))
            .append(" |\n");
      }
      out.append("\n</details>\n");
    }
    out.append('\n').append(escape(CheckTable.summary(r))).append('\n');
    return out.toString();
  }

  /** Text shown as itself: Markdown punctuation escaped, HTML's special characters as entities. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\n', '\r' -> out.append(' ');
        case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '!', '|', '~' ->
            out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}

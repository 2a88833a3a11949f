package dev.perbench.harness.check;

import dev.perbench.harness.check.CheckReport.RuleResult;

/**
 * The report as GitHub Actions workflow commands: {@code ::error title=...::message} for each
 * failed rule and {@code ::warning ...} for each inconclusive one (an error with --strict), which
 * GitHub shows on the run's summary and the pull request. Values are escaped as the Actions toolkit
 * does: in the message {@code %}, CR and LF become {@code %25}, {@code %0D}, {@code %0A}; in a
 * property also {@code :} and {@code ,} ({@code %3A}, {@code %2C}), so no text from a file can end
 * the command early or start another.
 */
public final class GithubAnnotations {
  private GithubAnnotations() {}

  public static String render(CheckReport r) {
    StringBuilder out = new StringBuilder();
    for (RuleResult x : r.rules()) {
      if (x.verdict() == Verdict.PASS) {
        continue;
      }
      boolean error = x.verdict() == Verdict.FAIL || r.strict();
      out.append(error ? "::error " : "::warning ")
          .append("title=")
          .append(property("perbench check " + r.benchmark() + ": " + x.metric()))
          .append("::")
          .append(data(x.metric() + " " + x.criterion() + ": " + x.message()))
          .append('\n');
    }
    return out.toString();
  }

  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}

package dev.perbench.harness.check;

/** Gate files the tests of several modules share (this class is in harness's test-jar). */
public final class GateExamples {
  /**
   * The example of the issue that asked for {@code perbench check}; rule 1 is on lines 4-6, rule 2
   * on 7-8, rule 3 on 9-10, rule 4 on 11-12.
   */
  public static final String ISSUE_YAML =
      """
      benchmark: refcoco:val
      profile: standard
      rules:
        - metric: res.ciou
          max_drop: 0.5
          confidence: 0.95
        - metric: res.giou
          min: 0.70
        - metric: mcq.accuracy
          max_drop: 1.0
        - metric: caption.meteor
          max_drop_relative: 2%
      """;

  private GateExamples() {}

  /** The example for another benchmark. */
  public static String issueYamlFor(String benchmark) {
    return ISSUE_YAML.replace("refcoco:val", benchmark);
  }
}

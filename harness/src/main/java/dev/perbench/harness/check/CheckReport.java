package dev.perbench.harness.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code check.json}: everything {@code perbench check} decided and why, for tools. Schema {@code
 * docs/check.schema.json}. Values are in the unit of {@code metrics.json} (fractions; percent for
 * {@code overall}); differences are run minus baseline.
 *
 * @param checkVersion the version of this format
 * @param verdict {@code fail} when a rule failed, else {@code warn} when one was inconclusive, else
 *     {@code pass}
 * @param strict whether inconclusive rules fail the check (exit 1)
 * @param comparison {@code paired} (bootstrap over the shared samples), {@code unpaired} (the two
 *     results' own intervals) or {@code none} (no baseline: floors only)
 * @param shared by task, the samples both sides scored (paired comparisons only), else null
 * @param notes what a reader should know: why a comparison is unpaired, samples left out
 * @param gate the gate file, or {@code default} (every shared metric, max_drop 0 at 95%)
 * @param regressions the samples whose own score dropped most, worst first (at most 20; paired)
 */
@JsonPropertyOrder({
  "check_version",
  "verdict",
  "strict",
  "benchmark",
  "profile",
  "run",
  "baseline",
  "comparison",
  "shared",
  "allow_different_samples",
  "notes",
  "gate",
  "bootstrap",
  "rules",
  "regressions",
  "harness"
})
public record CheckReport(
    @JsonProperty(value = "check_version", required = true) int checkVersion,
    @JsonProperty(value = "verdict", required = true) Verdict verdict,
    @JsonProperty(value = "strict", required = true) boolean strict,
    @JsonProperty(value = "benchmark", required = true) String benchmark,
    @JsonProperty(value = "profile", required = true) String profile,
    @JsonProperty(value = "run", required = true) Side run,
    @JsonInclude(JsonInclude.Include.ALWAYS) Side baseline,
    @JsonProperty(value = "comparison", required = true) String comparison,
    @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Integer> shared,
    @JsonProperty(value = "allow_different_samples", required = true) boolean allowDifferentSamples,
    @JsonProperty(value = "notes", required = true) List<String> notes,
    @JsonProperty(value = "gate", required = true) String gate,
    @JsonProperty(value = "bootstrap", required = true) GateFile.Resampling bootstrap,
    @JsonProperty(value = "rules", required = true) List<RuleResult> rules,
    @JsonProperty(value = "regressions", required = true) List<SampleDrop> regressions,
    @JsonProperty(value = "harness", required = true) Harness harness) {

  public static final int VERSION = 1;
  public static final String PAIRED = "paired";
  public static final String UNPAIRED = "unpaired";
  public static final String NONE = "none";

  public CheckReport {
    notes = List.copyOf(notes);
    rules = List.copyOf(rules);
    regressions = List.copyOf(regressions);
  }

  /** 0 when the check passes, 1 when a rule failed (or, with strict, was inconclusive). */
  public int exitCode() {
    return verdict == Verdict.FAIL || (strict && verdict == Verdict.WARN) ? 1 : 0;
  }

  /**
   * A side of the check.
   *
   * @param source what the user named
   * @param kind run folder, prediction file, entry or metrics.json
   * @param perSample whether its per-sample scores were available
   * @param n the samples its metrics.json scored
   * @param metricsVersion the harness metric code version of its metrics.json
   * @param harnessVersion the harness version in its manifest, or null without one
   */
  @JsonPropertyOrder({"source", "kind", "per_sample", "n", "metrics_version", "harness_version"})
  public record Side(
      @JsonProperty(value = "source", required = true) String source,
      @JsonProperty(value = "kind", required = true) String kind,
      @JsonProperty(value = "per_sample", required = true) boolean perSample,
      @JsonProperty(value = "n", required = true) long n,
      @JsonProperty(value = "metrics_version", required = true) int metricsVersion,
      @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("harness_version")
          String harnessVersion) {}

  /**
   * One rule's outcome: a test case of the JUnit report.
   *
   * @param metric the rule's metric
   * @param criterion the rule as it reads ({@code max_drop 0.5}, {@code min 0.7})
   * @param threshold the decision point: the lowest difference tolerated (drop rules: minus the
   *     tolerance, as a fraction), or the floor
   * @param confidence the interval's level
   * @param method {@code paired bootstrap}, {@code unpaired normal}, {@code estimate} or {@code
   *     bootstrap lower bound} / {@code interval lower bound} (floors)
   * @param baseline the baseline's value (over the shared samples when paired), or null (floors)
   * @param run the run's value
   * @param difference run minus baseline, or null (floors)
   * @param lower the lower end of the interval of the difference (of the run's value, floors on
   *     lower), or null
   * @param upper its upper end, or null
   * @param pValue the two-sided p-value of "no difference" (paired bootstrap or normal), or null
   * @param n the samples the rule was decided on
   * @param samplesNeeded for an inconclusive rule, about how many samples would decide it (the
   *     interval's width shrinking as one over the square root of n), else null
   * @param message what it means, in a sentence
   */
  @JsonPropertyOrder({
    "metric",
    "criterion",
    "verdict",
    "threshold",
    "confidence",
    "method",
    "baseline",
    "run",
    "difference",
    "lower",
    "upper",
    "p_value",
    "n",
    "samples_needed",
    "message"
  })
  public record RuleResult(
      @JsonProperty(value = "metric", required = true) String metric,
      @JsonProperty(value = "criterion", required = true) String criterion,
      @JsonProperty(value = "verdict", required = true) Verdict verdict,
      @JsonProperty(value = "threshold", required = true) double threshold,
      @JsonProperty(value = "confidence", required = true) double confidence,
      @JsonProperty(value = "method", required = true) String method,
      @JsonInclude(JsonInclude.Include.ALWAYS) Double baseline,
      @JsonProperty(value = "run", required = true) double run,
      @JsonInclude(JsonInclude.Include.ALWAYS) Double difference,
      @JsonInclude(JsonInclude.Include.ALWAYS) Double lower,
      @JsonInclude(JsonInclude.Include.ALWAYS) Double upper,
      @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("p_value") Double pValue,
      @JsonProperty(value = "n", required = true) long n,
      @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("samples_needed") Long samplesNeeded,
      @JsonProperty(value = "message", required = true) String message) {

    /** Whether the rule compares with the baseline (rather than a floor). */
    public boolean drop() {
      return difference != null;
    }
  }

  /**
   * A sample whose own score (its IoU, 1 or 0 for mcq, its METEOR) is lower in the run.
   *
   * @param drop baseline minus run, positive
   */
  @JsonPropertyOrder({"task", "sample_id", "baseline", "run", "drop"})
  public record SampleDrop(
      @JsonProperty(value = "task", required = true) String task,
      @JsonProperty(value = "sample_id", required = true) String sampleId,
      @JsonProperty(value = "baseline", required = true) double baseline,
      @JsonProperty(value = "run", required = true) double run,
      @JsonProperty(value = "drop", required = true) double drop) {}

  /** The harness that made the check. */
  @JsonPropertyOrder({"version", "git_commit"})
  public record Harness(
      @JsonProperty(value = "version", required = true) String version,
      @JsonProperty(value = "git_commit", required = true) String gitCommit) {}
}

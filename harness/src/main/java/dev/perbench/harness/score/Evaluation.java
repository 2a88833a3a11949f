package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The scores of a set of predictions on one benchmark: the content of {@code metrics.json} (written
 * and read by {@link dev.perbench.harness.run.MetricsFiles}; schema {@code
 * docs/metrics.schema.json}).
 *
 * <p>Harness results have every field. Results copied from a paper ({@code "profile": "reported"},
 * in {@code submissions/}) have only the benchmark, the profile, the tasks and, optionally, {@code
 * overall}.
 *
 * @param metricsVersion the version of the harness's metric code that produced the numbers ({@link
 *     #METRICS_VERSION} when written now); null for reported results
 * @param profile a {@link EvalProfile} id, or {@code reported}
 * @param n samples scored
 * @param overall the PerBench overall score in percent, when caption, mcq and vres were all scored;
 *     null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "metrics_version",
  "benchmark",
  "profile",
  "n",
  "missing",
  "failed",
  "tasks",
  "overall",
  "ci"
})
public record Evaluation(
    @JsonProperty("metrics_version") Integer metricsVersion,
    @JsonProperty(value = "benchmark", required = true) String benchmark,
    @JsonProperty(value = "profile", required = true) String profile,
    Long n,
    Long missing,
    Long failed,
    @JsonProperty(value = "tasks", required = true) TaskResults tasks,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double overall,
    BootstrapSettings ci) {

  /**
   * The version of the metric code. Raise it with any change that can alter a number in {@code
   * metrics.json} (a metric, a profile's convention, the bootstrap), so that results of different
   * metric code can be told apart and re-scored.
   */
  public static final int METRICS_VERSION = 1;

  /** The profile of numbers copied from a paper. */
  public static final String REPORTED = "reported";

  /** Whether these are numbers copied from a paper. */
  @JsonIgnore
  public boolean reported() {
    return REPORTED.equals(profile);
  }

  /** The harness profile (not for reported results). */
  @JsonIgnore
  public EvalProfile evalProfile() {
    return EvalProfile.fromId(profile);
  }
}

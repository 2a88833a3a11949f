package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perbench.harness.json.Check;
import dev.perbench.harness.json.FieldException;
import java.util.List;

/**
 * One LLM judge's score of the descriptions, as {@code metrics.json} records it under {@code
 * tasks.caption.judges.<name>}. The score and its interval are in percent, as the field reports
 * judge scores (a pairwise relative score can exceed 100: the model's descriptions rated above the
 * reference's). Only samples the judge rated count ({@code n}); {@code unparsed} and {@code failed}
 * samples are excluded and counted, never scored.
 *
 * @param score the protocol's score in percent, or null when no sample was rated
 * @param ci its percentile-bootstrap interval ({@code [lower, upper]}, percent; the file's {@code
 *     ci} settings), or null
 * @param endpoint the endpoint's host and port only (never a path, query or key)
 * @param inconsistency for a protocol that asks in both orders: the fraction of rated samples whose
 *     two orders disagree on which answer is better; null otherwise
 * @param calls chat calls made for this score (re-asks included; retries not)
 * @param cached chats answered from the judgement cache
 * @param promptTokens tokens sent in the calls made (as the endpoint counted them)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "score",
  "ci",
  "protocol",
  "template_sha256",
  "judge_model_requested",
  "judge_model_reported",
  "endpoint",
  "temperature",
  "seed",
  "n",
  "unparsed",
  "failed",
  "inconsistency",
  "calls",
  "cached",
  "prompt_tokens",
  "completion_tokens"
})
public record JudgeScore(
    Double score,
    List<Double> ci,
    @JsonProperty(required = true) String protocol,
    @JsonProperty(value = "template_sha256", required = true) String templateSha256,
    @JsonProperty(value = "judge_model_requested", required = true) String judgeModelRequested,
    @JsonProperty("judge_model_reported") String judgeModelReported,
    @JsonProperty(required = true) String endpoint,
    @JsonProperty(required = true) double temperature,
    Long seed,
    @JsonProperty(required = true) long n,
    @JsonProperty(required = true) long unparsed,
    @JsonProperty(required = true) long failed,
    Double inconsistency,
    @JsonProperty(required = true) long calls,
    @JsonProperty(required = true) long cached,
    @JsonProperty(value = "prompt_tokens", required = true) long promptTokens,
    @JsonProperty(value = "completion_tokens", required = true) long completionTokens) {
  public JudgeScore {
    Check.nonEmpty("protocol", protocol);
    JudgeFields.check(
        templateSha256,
        judgeModelRequested,
        endpoint,
        temperature,
        calls,
        cached,
        promptTokens,
        completionTokens);
    if (score != null && !(score >= 0 && Double.isFinite(score))) {
      throw new FieldException("score", "must be a finite number >= 0, not " + score);
    }
    if (ci != null
        && (ci.size() != 2
            || ci.stream().anyMatch(java.util.Objects::isNull)
            || !(ci.get(0) >= 0 && ci.get(0) <= ci.get(1)))) {
      throw new FieldException("ci", "must be [lower, upper] with 0 <= lower <= upper");
    }
    // each count named, so that a reader of a broken file is told which one
    Check.atLeast("n", n, 0, false);
    Check.atLeast("unparsed", unparsed, 0, false);
    Check.atLeast("failed", failed, 0, false);
    if (inconsistency != null && !(inconsistency >= 0 && inconsistency <= 1)) {
      throw new FieldException("inconsistency", "must be a fraction in [0, 1]");
    }
    if (ci != null) {
      ci = List.copyOf(ci);
    }
  }
}

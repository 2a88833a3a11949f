package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perbench.harness.json.Check;

/**
 * One LLM judge's reading of the multiple-choice answers that the strict extractor could not parse
 * ({@code --judge-mcq}), as {@code metrics.json} records it under {@code tasks.mcq.judges.<name>}:
 * an accuracy beside the mcq accuracy, never in its place.
 *
 * @param accuracy a fraction, as the mcq accuracy: (strictly correct + {@code correct_extracted}) /
 *     the mcq accuracy's denominator ({@code tasks.mcq.n}, missing and failed samples included)
 * @param ci its percentile-bootstrap interval over the mcq samples, resampled as the mcq accuracy's
 *     (the file's {@code ci} settings), or null when there are no mcq samples
 * @param endpoint the endpoint's host and port only (never a path, query or key)
 * @param asked answers sent to the judge: the mcq samples scored unparsed ({@code
 *     tasks.mcq.unparsed})
 * @param extracted answers from which the judge read one option letter
 * @param correctExtracted of those, the answers whose letter is the correct option
 * @param none answers the judge said choose no option, or several ({@code NONE})
 * @param unparsed answers whose reply could not be read, even when asked again
 * @param failed answers whose call failed after its retries
 * @param calls chat calls made (re-asks included; retries not)
 * @param cached chats answered from the judgement cache
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "accuracy",
  "ci",
  "template_sha256",
  "judge_model_requested",
  "judge_model_reported",
  "endpoint",
  "temperature",
  "seed",
  "asked",
  "extracted",
  "correct_extracted",
  "none",
  "unparsed",
  "failed",
  "calls",
  "cached",
  "prompt_tokens",
  "completion_tokens"
})
public record ChoiceJudgeScore(
    @JsonProperty(required = true) double accuracy,
    Interval ci,
    @JsonProperty(value = "template_sha256", required = true) String templateSha256,
    @JsonProperty(value = "judge_model_requested", required = true) String judgeModelRequested,
    @JsonProperty("judge_model_reported") String judgeModelReported,
    @JsonProperty(required = true) String endpoint,
    @JsonProperty(required = true) double temperature,
    Long seed,
    @JsonProperty(required = true) long asked,
    @JsonProperty(required = true) long extracted,
    @JsonProperty(value = "correct_extracted", required = true) long correctExtracted,
    @JsonProperty(required = true) long none,
    @JsonProperty(required = true) long unparsed,
    @JsonProperty(required = true) long failed,
    @JsonProperty(required = true) long calls,
    @JsonProperty(required = true) long cached,
    @JsonProperty(value = "prompt_tokens", required = true) long promptTokens,
    @JsonProperty(value = "completion_tokens", required = true) long completionTokens) {
  public ChoiceJudgeScore {
    Fractions.fraction("accuracy", accuracy);
    JudgeFields.check(
        templateSha256,
        judgeModelRequested,
        endpoint,
        temperature,
        calls,
        cached,
        promptTokens,
        completionTokens);
    // each count named, so that a reader of a broken file is told which one
    Check.atLeast("asked", asked, 0, false);
    Check.atLeast("extracted", extracted, 0, false);
    Check.atLeast("correct_extracted", correctExtracted, 0, false);
    Check.atLeast("none", none, 0, false);
    Check.atLeast("unparsed", unparsed, 0, false);
    Check.atLeast("failed", failed, 0, false);
  }
}

package dev.perbench.harness.score;

import dev.perbench.harness.json.Check;
import dev.perbench.harness.json.FieldException;

/**
 * The checks every LLM judge's record in metrics.json shares ({@link JudgeScore}, {@link
 * ChoiceJudgeScore}): which judge and template, where and how it was asked, and what that cost,
 * each field named in its own error.
 */
final class JudgeFields {
  private JudgeFields() {}

  static void check(
      String templateSha256,
      String judgeModelRequested,
      String endpoint,
      double temperature,
      long calls,
      long cached,
      long promptTokens,
      long completionTokens) {
    Check.nonEmpty("judge_model_requested", judgeModelRequested);
    if (templateSha256 == null || !templateSha256.matches("[0-9a-f]{64}")) {
      throw new FieldException("template_sha256", "must be 64 lower-case hex digits");
    }
    Check.nonEmpty("endpoint", endpoint);
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new FieldException("temperature", "must be in [0, 2], not " + temperature);
    }
    Check.atLeast("calls", calls, 0, false);
    Check.atLeast("cached", cached, 0, false);
    Check.atLeast("prompt_tokens", promptTokens, 0, false);
    Check.atLeast("completion_tokens", completionTokens, 0, false);
  }
}

package dev.perbench.harness.judge;

import java.util.Objects;

/**
 * Which judge to ask: {@code openai:MODEL}, the model named as the endpoint knows it ({@code
 * openai:gpt-4o-mini}, {@code openai:Qwen/Qwen2.5-7B-Instruct} on vLLM, {@code openai:llama3.1:8b}
 * on Ollama). "openai" names the protocol (chat completions), not the company: any
 * OpenAI-compatible server speaks it.
 */
public record JudgeSpec(String provider, String model) {
  public static final String OPENAI = "openai";

  public JudgeSpec {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
  }

  /**
   * Parses {@code openai:MODEL}.
   *
   * @throws IllegalArgumentException naming what is wrong and what is expected
   */
  public static JudgeSpec parse(String spec) {
    int colon = spec == null ? -1 : spec.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "judge '" + spec + "': expected openai:MODEL, e.g. openai:gpt-4o-mini");
    }
    String provider = spec.substring(0, colon);
    String model = spec.substring(colon + 1);
    if (!provider.equals(OPENAI)) {
      throw new IllegalArgumentException(
          "judge '"
              + spec
              + "': unknown provider '"
              + provider
              + "'; the one provider is openai (any OpenAI-compatible endpoint: vLLM, SGLang,"
              + " Ollama, llama.cpp's server, LMDeploy), e.g. openai:gpt-4o-mini");
    }
    if (model.isBlank() || model.strip().length() != model.length() || model.length() > 200) {
      throw new IllegalArgumentException(
          "judge '"
              + spec
              + "': the model name after 'openai:' must be 1 to 200 characters,"
              + " without surrounding spaces");
    }
    return new JudgeSpec(provider, model);
  }

  /** A short name for files and columns: the model name with anything but [A-Za-z0-9._-] as -. */
  public String name() {
    return model.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  @Override
  public String toString() {
    return provider + ":" + model;
  }
}

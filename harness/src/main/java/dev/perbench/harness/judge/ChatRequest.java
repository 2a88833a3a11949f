package dev.perbench.harness.judge;

import java.util.List;
import java.util.Objects;

/**
 * One chat-completions request.
 *
 * @param model the model as the endpoint names it
 * @param temperature 0 by default: judgements should not depend on chance
 * @param seed sent as {@code seed} (servers that support it sample reproducibly), or null
 * @param maxTokens the longest reply
 */
public record ChatRequest(
    String model, List<ChatMessage> messages, double temperature, Long seed, int maxTokens) {
  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat needs at least one message");
    }
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature must be in [0, 2], not " + temperature);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max tokens must be at least 1, not " + maxTokens);
    }
  }
}

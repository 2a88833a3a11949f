package dev.perbench.harness.judge;

/**
 * The endpoint's reply to a {@link ChatRequest}.
 *
 * @param content the assistant message's text
 * @param model the model the endpoint says answered (its {@code model} field), which may differ
 *     from the one requested (a dated snapshot, a server's alias); null when it did not say
 * @param promptTokens tokens of the request, as the endpoint counted them ({@code usage}); 0 when
 *     it did not say
 * @param completionTokens tokens of the reply; 0 when it did not say
 * @param attempts how many requests it took (1 plus the retries)
 */
public record ChatReply(
    String content, String model, long promptTokens, long completionTokens, int attempts) {}

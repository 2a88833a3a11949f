package dev.perbench.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.harness.http.Backoff;
import dev.perbench.harness.http.WholeAnswers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A client of an OpenAI-compatible chat-completions endpoint ({@code POST
 * {base}/chat/completions}), as OpenAI, vLLM, SGLang, Ollama, llama.cpp's server and LMDeploy serve
 * it. Written on {@code java.net.http} rather than an SDK: the harness needs exactly one call, and
 * its retry rules must be the harness's own (the same {@link Backoff} and whole-answer timeout as
 * the model server client).
 *
 * <p>A request that fails with a timeout, a connection error, a 408, 429 or 5xx answer, or a 200
 * answer that is not a chat completion, is sent again after a {@link Backoff} wait (longer when the
 * endpoint sends {@code Retry-After}), up to {@code retries} times; other 4xx answers are not
 * retried. The API key is sent as {@code Authorization: Bearer} and appears in no message, log or
 * exception.
 */
public final class OpenAiChat {
  /** The default endpoint: OpenAI's own. */
  public static final URI DEFAULT_URL = URI.create("https://api.openai.com/v1");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI completions;
  private final String key;
  private final Duration timeout;
  private final int retries;
  private final Backoff backoff;
  private final HttpClient client;
  private final LongAdder requests = new LongAdder();

  /**
   * @param base the endpoint's base URL, up to and including {@code /v1}
   * @param key the API key, or null for an endpoint without one (a local server)
   * @param timeout bounds each attempt, the whole answer included
   * @param retries how many times a failed request is sent again
   */
  public OpenAiChat(URI base, String key, Duration timeout, int retries, Backoff backoff) {
    Objects.requireNonNull(base, "base");
    if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())
        || base.getHost() == null) {
      throw new IllegalArgumentException(
          "judge URL '" + base + "' is not an http(s) URL such as http://localhost:8000/v1");
    }
    if (timeout.isZero() || timeout.isNegative() || retries < 0) {
      throw new IllegalArgumentException("timeout must be positive and retries 0 or more");
    }
    String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    this.completions =
        URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + "/chat/completions");
    this.key = key == null || key.isEmpty() ? null : key;
    this.timeout = timeout;
    this.retries = retries;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The endpoint's host (and port), the only part of its URL that results record. */
  public String host() {
    return completions.getRawAuthority();
  }

  /** HTTP requests sent so far, retries included. */
  public long requests() {
    return requests.sum();
  }

  /**
   * Asks for one completion.
   *
   * @param callId names the call in the backoff's jitter (a sample and judge), so a rerun waits the
   *     same
   * @throws JudgeCallException when it failed for good, saying how
   */
  public ChatReply complete(ChatRequest request, String callId)
      throws JudgeCallException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(completions)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body(request)));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    HttpRequest http = b.build();
    String last = null;
    Duration retryAfter = null;
    int attempts = retries + 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (last != null) {
        Thread.sleep(backoff.delay(callId, attempt - 1, retryAfter).toMillis());
      }
      retryAfter = null;
      requests.increment();
      HttpResponse<byte[]> response;
      try {
        response = WholeAnswers.send(client, http, timeout);
      } catch (HttpTimeoutException e) {
        last = "timeout: no answer within " + WholeAnswers.seconds(timeout);
        continue;
      } catch (ConnectException e) {
        last = "connection refused: " + WholeAnswers.connectMessage(e);
        continue;
      } catch (IOException e) {
        last = "connection error: " + WholeAnswers.ioMessage(e);
        continue;
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        try {
          return reply(response.body(), attempt);
        } catch (IllegalArgumentException e) {
          last = "malformed answer: " + e.getMessage();
          continue;
        }
      }
      String message = "http " + status + ": " + errorMessage(response.body());
      if (!WholeAnswers.retryable(status)) {
        throw new JudgeCallException(message + " (not retried)", status);
      }
      last = message;
      retryAfter = WholeAnswers.retryAfter(response);
    }
    throw new JudgeCallException(
        last + " (after " + attempts + (attempts == 1 ? " attempt)" : " attempts)"), 0);
  }

  private static byte[] body(ChatRequest r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", r.model());
    ArrayNode messages = root.putArray("messages");
    for (ChatMessage m : r.messages()) {
      messages.addObject().put("role", m.role()).put("content", m.content());
    }
    root.put("temperature", r.temperature());
    if (r.seed() != null) {
      root.put("seed", r.seed());
    }
    root.put("max_tokens", r.maxTokens());
    root.put("n", 1);
    root.put("stream", false);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The reply in a chat completion: {@code choices[0].message.content} (a string), {@code model},
   * {@code usage}. Fields the harness does not use are ignored, as servers add their own.
   */
  static ChatReply reply(byte[] body, int attempts) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + snippet(body));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object: " + snippet(body));
    }
    JsonNode choices = root.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw new IllegalArgumentException("no choices: " + snippet(body));
    }
    JsonNode content = choices.get(0).path("message").get("content");
    if (content == null || !content.isTextual()) {
      throw new IllegalArgumentException("choices[0].message.content is not a string");
    }
    JsonNode model = root.get("model");
    JsonNode usage = root.path("usage");
    return new ChatReply(
        content.asText(),
        model != null && model.isTextual() ? model.asText() : null,
        usage.path("prompt_tokens").asLong(0),
        usage.path("completion_tokens").asLong(0),
        attempts);
  }

  /** {@code error.message} of an OpenAI-style error answer, else the start of the body. */
  private static String errorMessage(byte[] body) {
    try {
      JsonNode m = JSON.readTree(body).path("error").path("message");
      if (m.isTextual()) {
        return shorten(m.asText());
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: the body itself says what it says
    }
    return snippet(body);
  }

  private static String snippet(byte[] body) {
    return shorten(new String(body, java.nio.charset.StandardCharsets.UTF_8).strip());
  }

  private static String shorten(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  @Override
  public String toString() {
    return "OpenAiChat[" + completions + "]"; // never the key
  }
}

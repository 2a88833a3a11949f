package dev.perbench.harness.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP exchanges whose whole answer, body included, arrives within a timeout; and what the
 * harness's HTTP clients (the model server client, the LLM-judge client) agree on about retrying.
 */
public final class WholeAnswers {
  private WholeAnswers() {}

  /**
   * One attempt: sends {@code request} and reads the whole answer, all within {@code timeout}.
   *
   * <p>{@link HttpRequest#timeout} (also set, with the same value) only bounds the wait for the
   * response's headers: a server that sends its headers at once and then trickles the body would
   * hold the attempt for as long as it liked. So the exchange runs asynchronously and this thread
   * waits for the complete response (the body handler reads the whole body before the future
   * completes) for at most the timeout. This is simpler than a body handler with its own deadline
   * and bounds every phase alike. When the wait ends early (timeout or interrupt) the future is
   * cancelled: since JDK 16 cancelling the future of {@link HttpClient#sendAsync} aborts the
   * exchange, and the client closes its connection rather than returning it to the pool, so nothing
   * is leaked and the server sees the connection closed.
   *
   * @throws HttpTimeoutException when the complete answer did not arrive within the timeout
   * @throws IOException as {@link HttpClient#send} would (connection refused or dropped)
   */
  public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration timeout)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      HttpTimeoutException t =
          new HttpTimeoutException("no complete answer within " + seconds(timeout));
      t.initCause(e);
      throw t;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io; // HttpTimeoutException, ConnectException, ...: handled by the caller
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(ioMessage(cause), cause);
    } finally {
      // A no-op when the exchange completed; otherwise aborts it and closes its connection.
      future.cancel(true);
    }
  }

  /** 5xx, and the two 4xx codes that mean "later" rather than "bad request". */
  public static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  /** The answer's {@code Retry-After} in seconds, or null (absent, or the HTTP-date form). */
  public static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            v -> {
              try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
              } catch (NumberFormatException e) {
                return null; // the HTTP-date form: ignored
              }
            })
        .orElse(null);
  }

  /** "30 s", or "250 ms" when not whole seconds. */
  public static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The JDK's ConnectException often has no message of its own; its cause does. */
  public static String connectMessage(ConnectException e) {
    String m = ioMessage(e);
    return m.equals("ConnectException") ? "connection refused" : m.toLowerCase(Locale.ROOT);
  }

  /** The first message in the cause chain, or the exception's class name. */
  public static String ioMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}

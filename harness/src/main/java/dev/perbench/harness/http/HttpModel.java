package dev.perbench.harness.http;

import static dev.perbench.harness.http.WholeAnswers.connectMessage;
import static dev.perbench.harness.http.WholeAnswers.ioMessage;
import static dev.perbench.harness.http.WholeAnswers.retryAfter;
import static dev.perbench.harness.http.WholeAnswers.retryable;
import static dev.perbench.harness.http.WholeAnswers.seconds;

import dev.perbench.data.model.Sample;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelUnavailableException;
import dev.perbench.harness.model.Prediction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A model behind the model-server protocol ({@code docs/model-server.md}): {@code --model
 * http://HOST:PORT}.
 *
 * <p>One request per sample. The runner calls {@link #predict(List)} from up to {@code
 * --concurrency} threads, so that many requests are in flight; this class holds no per-request
 * state and one thread-safe {@link HttpClient} (HTTP/1.1, connections kept alive and reused). Image
 * bytes are read from the sample's file for each request and not kept.
 *
 * <p>Failures never escape as exceptions from {@code predict}: a 5xx answer, a connection error or
 * a timeout is retried {@link ModelOptions#retries()} times after a {@link Backoff} wait, and then,
 * like a 4xx answer (the sample is bad: not retried) or an invalid answer (not JSON, invalid RLE,
 * masks of the wrong size), becomes {@link Prediction#failed} with a message such as {@code http
 * 503 after 4 attempts: loading weights}. Only an interrupt ends a call early.
 *
 * <p>{@link ModelOptions#timeout()} bounds each attempt as a whole: connecting, sending, waiting
 * and reading the entire answer (see {@link #exchange}).
 */
public final class HttpModel implements Model {
  private final URI base;
  private final URI infoUri;
  private final URI predictUri;
  private final ModelOptions options;
  private final Map<String, String> serverOptions;
  private final Backoff backoff;
  private final HttpClient client;
  private final LongAdder retried = new LongAdder();
  private volatile boolean closed;

  private HttpModel(
      URI base, Map<String, String> serverOptions, ModelOptions options, Backoff backoff) {
    this.base = base;
    this.infoUri = URI.create(base + "/v1/info");
    this.predictUri = URI.create(base + "/v1/predict");
    this.serverOptions = serverOptions;
    this.options = options;
    this.backoff = backoff;
    if (options.timeout().isZero() || options.timeout().isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, not " + options.timeout());
    }
    if (options.retries() < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, not " + options.retries());
    }
    this.client =
        HttpClient.newBuilder()
            // HTTP/1.1 outright: the default (HTTP/2) would offer an h2c upgrade on every new
            // connection, which model servers (uvicorn, Flask) do not speak.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** As {@link #create(String, ModelOptions, Backoff)} with {@link Backoff#standard}. */
  public static HttpModel create(String spec, ModelOptions options) {
    return create(spec, options, Backoff.standard(options.seed()));
  }

  /**
   * A model server client for {@code spec}, {@code http://HOST:PORT} or with a path prefix ({@code
   * http://host:8000/pixel-sail}); query parameters ({@code ?max_new_tokens=512}) are sent to the
   * server with every request as {@code "options"}. Nothing is contacted until {@link #info()} or
   * {@link #predict}.
   *
   * @throws IllegalArgumentException when the spec is not an http(s) URL, saying why
   */
  public static HttpModel create(String spec, ModelOptions options, Backoff backoff) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(backoff, "backoff");
    URI uri;
    try {
      uri = new URI(spec);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "model spec '" + spec + "' is not a URL: " + e.getMessage());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "model spec '" + spec + "' is not an http://HOST:PORT URL of a model server");
    }
    if (uri.getFragment() != null) {
      throw new IllegalArgumentException("model spec '" + spec + "' has a #fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    URI base = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    return new HttpModel(base, queryOptions(uri.getRawQuery()), options, backoff);
  }

  /** The server's base URL (without query). */
  public URI baseUri() {
    return base;
  }

  /**
   * Asks the server what it is ({@code GET /v1/info}); one attempt, so that a server that is not
   * there is reported at once.
   *
   * @throws ModelUnavailableException with a message for a person: the server is not reachable (and
   *     whether it is running), did not answer in time, answered an error, or answered something
   *     that is not a valid info object
   */
  @Override
  public ModelInfo info() throws ModelUnavailableException, InterruptedException {
    checkOpen();
    HttpRequest request =
        HttpRequest.newBuilder(infoUri)
            .timeout(options.timeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<byte[]> response;
    try {
      response = exchange(request);
    } catch (HttpTimeoutException e) {
      throw new ModelUnavailableException(
          "model server at "
              + base
              + " did not answer GET /v1/info within "
              + seconds(options.timeout()),
          e);
    } catch (ConnectException e) {
      throw new ModelUnavailableException(
          "cannot reach model server at " + base + ": " + connectMessage(e) + " — is it running?",
          e);
    } catch (IOException e) {
      throw new ModelUnavailableException(
          "cannot talk to model server at " + base + ": " + ioMessage(e), e);
    }
    int status = response.statusCode();
    if (status != 200) {
      throw new ModelUnavailableException(
          "model server at "
              + base
              + " answered GET /v1/info with http "
              + status
              + ": "
              + PredictResponseJson.errorMessage(response.body())
              + (status == 404
                  ? " (is it a PerBench model server? the protocol's paths start /v1/)"
                  : ""));
    }
    try {
      return InfoJson.read(response.body(), base.toString());
    } catch (IllegalArgumentException e) {
      throw new ModelUnavailableException(
          "model server at " + base + " sent an invalid GET /v1/info answer: " + e.getMessage(), e);
    }
  }

  /**
   * One prediction per input, in order, requested one after the other; see the class comment for
   * what becomes of failures.
   *
   * @throws InterruptedException when the calling thread is interrupted (the run is stopping)
   */
  @Override
  public List<Prediction> predict(List<ModelInput> batch) throws InterruptedException {
    List<Prediction> out = new ArrayList<>(batch.size());
    for (ModelInput input : batch) {
      out.add(predict(input));
    }
    return out;
  }

  /** The prediction for one input; never throws for a server's or a sample's fault. */
  public Prediction predict(ModelInput input) throws InterruptedException {
    checkOpen();
    Sample sample = input.sample();
    byte[] body;
    try {
      body = PredictRequestJson.write(input, options.sharedFs(), serverOptions);
    } catch (IOException e) {
      return Prediction.failed(
          sample.id(), "cannot read image " + sample.image().file() + ": " + ioMessage(e));
    } catch (IllegalArgumentException e) {
      return Prediction.failed(sample.id(), e.getMessage());
    }
    HttpRequest request =
        HttpRequest.newBuilder(predictUri)
            .timeout(options.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();

    int attempts = options.retries() + 1;
    Transient last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (last != null) {
        retried.increment();
        Thread.sleep(backoff.delay(sample.id(), attempt - 1, last.retryAfter()).toMillis());
      }
      HttpResponse<byte[]> response;
      try {
        response = exchange(request);
      } catch (HttpTimeoutException e) {
        last = new Transient("timeout", "no answer within " + seconds(options.timeout()), null);
        continue;
      } catch (ConnectException e) {
        last = new Transient("connection refused", connectMessage(e), null);
        continue;
      } catch (IOException e) {
        // Also a keep-alive connection the server closed just as it was reused.
        last = new Transient("connection error", ioMessage(e), null);
        continue;
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        try {
          return PredictResponseJson.read(response.body(), sample);
        } catch (IllegalArgumentException e) {
          return Prediction.failed(
              sample.id(), "invalid answer from the model server: " + e.getMessage());
        }
      }
      String message = PredictResponseJson.errorMessage(response.body());
      if (!retryable(status)) {
        return Prediction.failed(sample.id(), "http " + status + " (not retried): " + message);
      }
      last = new Transient("http " + status, message, retryAfter(response));
    }
    return Prediction.failed(
        sample.id(),
        last.kind()
            + " after "
            + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ")
            + last.detail());
  }

  /**
   * Requests sent again so far, after a 5xx, 408 or 429 answer, a connection error or a timeout:
   * worth recording, as many of them mean an overloaded or failing server even when every sample
   * succeeded in the end.
   */
  public long retriedRequests() {
    return retried.sum();
  }

  /** Later calls fail; requests in flight finish. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "HttpModel[" + base + "]";
  }

  private HttpResponse<byte[]> exchange(HttpRequest request)
      throws IOException, InterruptedException {
    return WholeAnswers.send(client, request, options.timeout());
  }

  /** A failed attempt that is worth repeating. */
  private record Transient(String kind, String detail, Duration retryAfter) {}

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  private static Map<String, String> queryOptions(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(key, value);
    }
    return Collections.unmodifiableMap(out);
  }
}

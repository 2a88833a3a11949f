package dev.perbench.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible judge endpoint for tests, on loopback: {@code POST /v1/chat/completions} and
 * {@code GET /v1/models} as OpenAI answers them ({@code id}, {@code model}, {@code choices}, {@code
 * usage}). What the judge "thinks" is a function of the request's messages; faults are queued and
 * each taken by one request: an error status (with {@code Retry-After}), a hang past the client's
 * timeout, a connection closed mid-answer, a body that is not JSON, a reply reporting another
 * model. It counts requests and keeps each request's body and Authorization header, so tests can
 * assert how many calls were made and what was sent.
 */
public final class FakeJudgeServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request's fate, when not the judge's normal reply. */
  public record Fault(int status, String retryAfter, String body, long hangMillis, boolean close) {
    public static Fault status(int status, String retryAfter) {
      return new Fault(status, retryAfter, null, 0, false);
    }

    public static Fault body(String body) {
      return new Fault(200, null, body, 0, false);
    }

    public static Fault hang(long millis) {
      return new Fault(0, null, null, millis, false);
    }

    public static Fault closeMidAnswer() {
      return new Fault(0, null, null, 0, true);
    }
  }

  /** A request as the server received it. */
  public record Received(String authorization, JsonNode body) {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger completions = new AtomicInteger();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile Function<JsonNode, String> judge = request -> "5 5\nEqually good.";
  private volatile Function<String, String> reportedModel = requested -> requested;

  private FakeJudgeServer(HttpServer server) {
    this.server = server;
  }

  /** Starts a server on a free loopback port. */
  public static FakeJudgeServer start() throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeJudgeServer s = new FakeJudgeServer(http);
    http.createContext("/v1/chat/completions", s::completions);
    http.createContext("/v1/models", s::models);
    http.setExecutor(Executors.newCachedThreadPool());
    http.start();
    return s;
  }

  /** The base URL, up to {@code /v1}, as {@code --judge-url} takes it. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  /** What the judge replies to a request (its JSON body), when no fault is queued. */
  public FakeJudgeServer judge(Function<JsonNode, String> f) {
    this.judge = f;
    return this;
  }

  /** The model id the replies report, from the one requested. */
  public FakeJudgeServer reportModel(Function<String, String> f) {
    this.reportedModel = f;
    return this;
  }

  /** Queues faults, each for one request in arrival order. */
  public FakeJudgeServer fail(Fault... fs) {
    faults.addAll(List.of(fs));
    return this;
  }

  /** Chat-completions requests received so far (retries included). */
  public int completions() {
    return completions.get();
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The text of a request's messages, joined: what a test's judge function reads. */
  public static String text(JsonNode request) {
    StringBuilder b = new StringBuilder();
    for (JsonNode m : request.path("messages")) {
      b.append(m.path("content").asText()).append('\n');
    }
    return b.toString();
  }

  private void completions(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST")) {
        send(ex, 405, error("use POST"), null);
        return;
      }
      JsonNode body;
      try {
        body = JSON.readTree(ex.getRequestBody().readAllBytes());
      } catch (IOException e) {
        send(ex, 400, error("request body is not JSON"), null);
        return;
      }
      completions.incrementAndGet();
      received.add(new Received(ex.getRequestHeaders().getFirst("Authorization"), body));
      Fault f = faults.poll();
      if (f != null) {
        fault(ex, f);
        return;
      }
      String requested = body.path("model").asText();
      String content = judge.apply(body);
      ObjectNode root = JSON.createObjectNode();
      root.put("id", "chatcmpl-" + completions.get());
      root.put("object", "chat.completion");
      root.put("created", 1764244800L);
      root.put("model", reportedModel.apply(requested));
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", content);
      choice.put("finish_reason", "stop");
      int prompt = words(text(body));
      int completion = words(content);
      root.putObject("usage")
          .put("prompt_tokens", prompt)
          .put("completion_tokens", completion)
          .put("total_tokens", prompt + completion);
      send(ex, 200, JSON.writeValueAsBytes(root), null);
    }
  }

  private void fault(HttpExchange ex, Fault f) throws IOException {
    if (f.hangMillis() > 0) {
      try {
        stopping.await(f.hangMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      send(ex, 200, error("too late"), null);
    } else if (f.close()) {
      // promise a long body, send a little of it, and close: the client sees the answer cut off
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 1000);
      OutputStream out = ex.getResponseBody();
      out.write("{\"id\": \"chat".getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        out.close();
      } catch (IOException expected) {
        // "insufficient bytes written": the server closes the connection, which is the point
      }
    } else if (f.body() != null) {
      send(ex, f.status(), f.body().getBytes(StandardCharsets.UTF_8), null);
    } else {
      send(ex, f.status(), error("fault " + f.status()), f.retryAfter());
    }
  }

  private void models(HttpExchange ex) throws IOException {
    try (ex) {
      ObjectNode root = JSON.createObjectNode();
      root.put("object", "list");
      root.putArray("data")
          .addObject()
          .put("id", reportedModel.apply("judge"))
          .put("object", "model")
          .put("owned_by", "perbench-test");
      send(ex, 200, JSON.writeValueAsBytes(root), null);
    }
  }

  private static byte[] error(String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("message", message).put("type", "test_error");
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange ex, int status, byte[] body, String retryAfter)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      ex.getResponseHeaders().set("Retry-After", retryAfter);
    }
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }

  private static int words(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  @Override
  public void close() {
    stopping.countDown();
    server.stop(0);
  }
}

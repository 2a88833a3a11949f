package dev.perbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perbench.data.coco.SegmentationJson;
import dev.perbench.harness.http.PredictResponseJson;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A model server with no model: it answers the protocol at once with a fixed, cheap answer, so that
 * timing the harness against it times the harness alone. For {@code res} and {@code vres} one empty
 * mask of the image's size; for {@code mcq} the text {@code A}; for {@code caption} {@link
 * #CAPTION}. It checks requests as a real server should (a bad one gets a 400 with {@code {"error":
 * ...}}) but does not decode images.
 *
 * <p>Listens on the loopback interface only, served by a fixed pool of threads (the JDK's {@link
 * HttpServer}: one selector thread hands each request to the pool), with Nagle's algorithm off (see
 * {@link LoopbackHttpServer}).
 */
public final class EchoModelServer implements AutoCloseable {
  /** The answer to every caption request. */
  public static final String CAPTION = "A region of the image.";

  private static final byte[] INFO =
      ("{\"name\": \"echo\", \"version\": \"1\", "
              + "\"tasks\": [\"res\", \"vres\", \"mcq\", \"caption\"], "
              + "\"description\": \"PerBench zero-latency test server (no model)\"}")
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService pool;
  private final AtomicLong predictions = new AtomicLong();

  private EchoModelServer(HttpServer server, ExecutorService pool) {
    this.server = server;
    this.pool = pool;
  }

  /** Starts a server on {@code port} (0: any free port) with two threads per processor. */
  public static EchoModelServer start(int port) throws IOException {
    return start(port, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
  }

  /** Starts a server on {@code port} (0: any free port) served by {@code threads} threads. */
  public static EchoModelServer start(int port, int threads) throws IOException {
    HttpServer server = LoopbackHttpServer.create(port, 256);
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "echo-model-server-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    EchoModelServer echo = new EchoModelServer(server, pool);
    server.createContext("/", echo::handle);
    server.setExecutor(pool);
    server.start();
    return echo;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Its base URL, the {@code --model} spec that reaches it. */
  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port();
  }

  /** Predict requests answered with 200 so far. */
  public long predictions() {
    return predictions.get();
  }

  /** Stops at once and releases the port and the threads. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes(); // read fully so that the connection can be reused
      }
      try {
        route(exchange, body);
      } catch (RuntimeException e) {
        // Never leave a client waiting: a bug here is a 500 with a message.
        send(exchange, 500, error(e.toString()));
      }
    }
  }

  private void route(HttpExchange exchange, byte[] body) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals("/v1/info")) {
      if (method.equals("GET")) {
        send(exchange, 200, INFO);
      } else {
        send(exchange, 405, error("use GET /v1/info"));
      }
    } else if (path.equals("/v1/predict")) {
      if (method.equals("POST")) {
        answer(exchange, body);
      } else {
        send(exchange, 405, error("use POST /v1/predict"));
      }
    } else {
      send(
          exchange,
          404,
          error("no such endpoint: " + path + " (try GET /v1/info, POST /v1/predict)"));
    }
  }

  private void answer(HttpExchange exchange, byte[] body) throws IOException {
    JsonNode request;
    int[] size;
    try {
      request = PredictResponseJson.parse(body);
      size = SegmentationJson.parseSize(request.get("image_size"), "\"image_size\"");
      JsonNode image = request.path("image");
      if (!image.has("png_base64") && !image.has("jpeg_base64") && !image.has("path")) {
        throw new IllegalArgumentException(
            "\"image\" must hold one of png_base64, jpeg_base64, path");
      }
    } catch (IllegalArgumentException e) {
      send(exchange, 400, error(e.getMessage()));
      return;
    }
    String task = request.path("task").asText("");
    String answer;
    switch (task) {
      case "res", "vres" ->
          answer =
              "{\"masks\": [{\"size\": ["
                  + size[0]
                  + ", "
                  + size[1]
                  + "], \"counts\": \""
                  + RleCodec.encode(Mask.empty(size[0], size[1]))
                  + "\"}]}";
      case "mcq" -> answer = "{\"text\": \"A\"}";
      case "caption" -> answer = "{\"text\": \"" + CAPTION + "\"}";
      default -> {
        send(
            exchange,
            400,
            error("unknown task \"" + task + "\" (expected res, vres, mcq, caption)"));
        return;
      }
    }
    predictions.incrementAndGet();
    send(exchange, 200, answer.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] error(String message) {
    try {
      return PredictResponseJson.MAPPER.writeValueAsBytes(Map.of("error", message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}

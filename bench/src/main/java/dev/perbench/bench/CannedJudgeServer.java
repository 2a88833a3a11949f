package dev.perbench.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A zero-latency OpenAI-compatible judge for benchmarks: {@code POST /v1/chat/completions} reads
 * the request and answers the same well-formed completion ("7 6" and a reason, with usage) at once,
 * so that what is timed is the harness's side of judging.
 */
final class CannedJudgeServer implements AutoCloseable {
  private static final byte[] REPLY =
      ("{\"id\": \"chatcmpl-bench\", \"object\": \"chat.completion\", \"created\": 1764244800,"
              + " \"model\": \"bench-judge\", \"choices\": [{\"index\": 0, \"message\": {\"role\":"
              + " \"assistant\", \"content\": \"7 6\\nBoth describe the object; the first in more"
              + " detail.\"}, \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 300,"
              + " \"completion_tokens\": 12, \"total_tokens\": 312}}")
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;

  private CannedJudgeServer(HttpServer server) {
    this.server = server;
  }

  static CannedJudgeServer start() throws IOException {
    HttpServer http = LoopbackHttpServer.create(0, 256);
    http.createContext("/v1/chat/completions", CannedJudgeServer::answer);
    http.setExecutor(Executors.newFixedThreadPool(8));
    http.start();
    return new CannedJudgeServer(http);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private static void answer(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, REPLY.length);
      ex.getResponseBody().write(REPLY);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

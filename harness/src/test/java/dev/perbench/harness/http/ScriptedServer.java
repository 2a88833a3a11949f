package dev.perbench.harness.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A model server for tests, on loopback port 0, whose answers a test scripts. */
final class ScriptedServer implements AutoCloseable {
  /** What to answer to the {@code n}-th request (1-based) with this body. */
  interface Script {
    Reply answer(int n, String path, byte[] body) throws Exception;
  }

  /**
   * An answer; {@code delayMillis} before sending it. With {@code trickleMillis} above 0 the
   * headers go at once and the body follows one byte every {@code trickleMillis}.
   */
  record Reply(int status, String body, long delayMillis, String retryAfter, long trickleMillis) {
    Reply(int status, String body, long delayMillis, String retryAfter) {
      this(status, body, delayMillis, retryAfter, 0);
    }

    /** A 200 whose body takes {@code body.length() * millisPerByte} to arrive. */
    static Reply trickle(String body, long millisPerByte) {
      return new Reply(200, body, 0, null, millisPerByte);
    }

    static Reply json(int status, String body) {
      return new Reply(status, body, 0, null);
    }

    static Reply ok(String body) {
      return json(200, body);
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final Script script;
  private final AtomicInteger abandoned = new AtomicInteger();

  private ScriptedServer(Script script) throws IOException {
    this.script = script;
    // The JDK server waits on Nagle without this (surefire sets it too, for the test JVM).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  static ScriptedServer start(Script script) throws IOException {
    return new ScriptedServer(script);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requests() {
    return bodies.size();
  }

  /** Answers whose sending failed because the client closed the connection. */
  int abandoned() {
    return abandoned.get();
  }

  byte[] body(int i) {
    return bodies.get(i);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      bodies.add(body);
      Reply reply;
      try {
        reply = script.answer(bodies.size(), exchange.getRequestURI().getPath(), body);
        if (reply.delayMillis() > 0) {
          Thread.sleep(reply.delayMillis());
        }
      } catch (InterruptedException e) {
        return; // closing
      } catch (Exception | AssertionError e) {
        reply = Reply.json(599, "{\"error\": \"test server: " + e + "\"}");
      }
      if (reply.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
      }
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      OutputStream response = exchange.getResponseBody();
      if (reply.trickleMillis() <= 0) {
        response.write(out);
        return;
      }
      try {
        for (byte b : out) {
          response.write(b);
          response.flush();
          Thread.sleep(reply.trickleMillis());
        }
      } catch (IOException e) {
        abandoned.incrementAndGet();
      } catch (InterruptedException e) {
        return; // closing
      }
    }
  }

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
}

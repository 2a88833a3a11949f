package dev.perbench.harness.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.harness.http.Backoff;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat-completions client against the test endpoint on loopback: what it sends, what it reads,
 * and each way a call goes wrong (retried and bounded, or refused at once), counted by the server's
 * own request count.
 */
class OpenAiChatTest {
  static final String KEY = "sk-test-0123456789abcdef";
  static final ChatRequest REQUEST =
      new ChatRequest(
          "judge-7b",
          List.of(ChatMessage.system("You are a judge."), ChatMessage.user("Rate this.")),
          0.0,
          1234L,
          64);

  FakeJudgeServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeJudgeServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  OpenAiChat client(int retries, Duration timeout) {
    return new OpenAiChat(server.url(), KEY, timeout, retries, Backoff.none());
  }

  @Test
  void itSendsTheRequestAsOpenAiDocumentsItAndReadsTheReply() throws Exception {
    server.judge(r -> "7 4\nThe second misses the colour.").reportModel(m -> m + "-2026-01-01");
    ChatReply reply = client(0, Duration.ofSeconds(5)).complete(REQUEST, "s1");
    assertEquals("7 4\nThe second misses the colour.", reply.content());
    assertEquals("judge-7b-2026-01-01", reply.model(), "the model the endpoint reports");
    assertEquals(6, reply.promptTokens());
    assertEquals(7, reply.completionTokens());
    assertEquals(1, reply.attempts());
    FakeJudgeServer.Received r = server.received().get(0);
    assertEquals("Bearer " + KEY, r.authorization());
    JsonNode body = r.body();
    assertEquals("judge-7b", body.get("model").asText());
    assertEquals(0.0, body.get("temperature").asDouble());
    assertEquals(1234, body.get("seed").asLong());
    assertEquals(64, body.get("max_tokens").asInt());
    assertEquals(1, body.get("n").asInt());
    assertFalse(body.get("stream").asBoolean());
    assertEquals("system", body.get("messages").get(0).get("role").asText());
    assertEquals("Rate this.", body.get("messages").get(1).get("content").asText());
  }

  @Test
  void withoutAKeyNoAuthorizationIsSent() throws Exception {
    new OpenAiChat(server.url(), null, Duration.ofSeconds(5), 0, Backoff.none())
        .complete(REQUEST, "s1");
    assertNull(server.received().get(0).authorization());
  }

  @Test
  void a429WithRetryAfterAnd5xxAreRetriedAndTheWaitHonoursRetryAfter() throws Exception {
    server.fail(
        FakeJudgeServer.Fault.status(429, "1"),
        FakeJudgeServer.Fault.status(500, null),
        FakeJudgeServer.Fault.status(503, null));
    OpenAiChat chat =
        new OpenAiChat(
            server.url(),
            KEY,
            Duration.ofSeconds(5),
            3,
            new Backoff(Duration.ofMillis(1), Duration.ofSeconds(30), 0));
    long start = System.nanoTime();
    ChatReply reply = chat.complete(REQUEST, "s1");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(4, reply.attempts());
    assertEquals(4, server.completions());
    assertTrue(millis >= 1000, "waited the 1 s the 429 asked for, not " + millis + " ms");
  }

  @Test
  void retriesAreBoundedAndTheFailureSaysWhatHappened() throws Exception {
    server.fail(
        FakeJudgeServer.Fault.status(500, null),
        FakeJudgeServer.Fault.status(502, null),
        FakeJudgeServer.Fault.status(500, null));
    JudgeCallException e =
        assertThrows(
            JudgeCallException.class,
            () -> client(2, Duration.ofSeconds(5)).complete(REQUEST, "s"));
    assertEquals("http 500: fault 500 (after 3 attempts)", e.getMessage());
    assertEquals(0, e.status());
    assertFalse(e.misconfigured());
    assertEquals(3, server.completions());
  }

  @Test
  void aWrongKeyOrModelIsNotRetriedAndStopsJudging() throws Exception {
    server.fail(FakeJudgeServer.Fault.status(401, null));
    JudgeCallException e =
        assertThrows(
            JudgeCallException.class,
            () -> client(5, Duration.ofSeconds(5)).complete(REQUEST, "s"));
    assertEquals("http 401: fault 401 (not retried)", e.getMessage());
    assertTrue(e.misconfigured());
    assertEquals(1, server.completions());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void aHangPastTheTimeoutIsATimeoutAndIsRetried() throws Exception {
    server.fail(FakeJudgeServer.Fault.hang(5_000));
    long start = System.nanoTime();
    ChatReply reply = client(1, Duration.ofMillis(300)).complete(REQUEST, "s");
    assertTrue((System.nanoTime() - start) / 1_000_000 < 4_000, "the hang was cut short");
    assertEquals(2, reply.attempts());
    server.fail(FakeJudgeServer.Fault.hang(5_000));
    JudgeCallException e =
        assertThrows(
            JudgeCallException.class,
            () -> client(0, Duration.ofMillis(300)).complete(REQUEST, "s"));
    assertEquals("timeout: no answer within 300 ms (after 1 attempt)", e.getMessage());
  }

  @Test
  void aConnectionClosedMidAnswerAndAMalformedBodyAreRetried() throws Exception {
    server.fail(
        FakeJudgeServer.Fault.closeMidAnswer(),
        FakeJudgeServer.Fault.body("{not json"),
        FakeJudgeServer.Fault.body("{\"choices\": []}"),
        FakeJudgeServer.Fault.body("{\"choices\": [{\"message\": {\"content\": null}}]}"));
    ChatReply reply = client(4, Duration.ofSeconds(5)).complete(REQUEST, "s");
    assertEquals(5, reply.attempts());
    server.fail(FakeJudgeServer.Fault.body("{not json"));
    JudgeCallException e =
        assertThrows(
            JudgeCallException.class,
            () -> client(0, Duration.ofSeconds(5)).complete(REQUEST, "s"));
    assertEquals("malformed answer: not JSON: {not json (after 1 attempt)", e.getMessage());
  }

  @Test
  void nothingListeningIsAConnectionErrorAfterTheRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    OpenAiChat chat =
        new OpenAiChat(
            URI.create("http://127.0.0.1:" + port + "/v1"),
            KEY,
            Duration.ofSeconds(2),
            1,
            Backoff.none());
    JudgeCallException e =
        assertThrows(JudgeCallException.class, () -> chat.complete(REQUEST, "s"));
    assertTrue(e.getMessage().startsWith("connection refused"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(after 2 attempts)"), e.getMessage());
    assertFalse(chat.toString().contains(KEY));
  }

  @Test
  void theUrlMustBeHttpAndItsHostIsWhatIsRecorded() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new OpenAiChat(
                URI.create("ftp://x/v1"), null, Duration.ofSeconds(1), 0, Backoff.none()));
    assertEquals(
        "judge.example.org:8443",
        new OpenAiChat(
                URI.create("https://judge.example.org:8443/v1/"),
                KEY,
                Duration.ofSeconds(1),
                0,
                Backoff.none())
            .host());
  }
}

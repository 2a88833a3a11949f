package dev.perbench.web.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.errors.ExternalFailureException;
import dev.perbench.errors.InputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Talks to a leaderboard server's submission API with an API token: uploads a prediction file as a
 * stream ({@code POST /api/v1/submissions}), reads a submission's status, and follows it until it
 * is done. The server's answers become the command line's two kinds of failure: a refusal (4xx: the
 * upload, the token or the file) is an {@link InputException} with the server's message, and a
 * server that fails (5xx) or cannot be reached an {@link ExternalFailureException} naming it.
 */
public final class SubmissionClient {
  /** The statuses a submission ends in. */
  public static final List<String> DONE = List.of("finished", "failed", "cancelled");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient http;

  /**
   * @param server the site's address, e.g. {@code https://leaderboard.example.org/}
   * @param token an API token ({@code pbt_...}) with the scope {@code submit}
   */
  public SubmissionClient(String server, String token) {
    this.base = base(server);
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  private static URI base(String server) {
    try {
      URI u = new URI(server.endsWith("/") ? server : server + "/");
      if (u.getScheme() == null
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new InputException("--server: '" + server + "' is not an http(s) URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new InputException("--server: '" + server + "' is not a URL: " + e.getReason());
    }
  }

  /** The server, as named in messages. */
  public String server() {
    return base.toString();
  }

  /** What to upload. */
  public record Upload(
      String bench, String profile, String cardJson, Path predictions, boolean gzip) {}

  /**
   * Uploads a submission as a stream.
   *
   * @param progress told how many bytes of the prediction file have been read for sending
   * @return the submission's id
   */
  public String submit(Upload u, LongConsumer progress) {
    long size;
    try {
      size = Files.size(u.predictions());
    } catch (NoSuchFileException e) {
      throw new InputException("--predictions: " + u.predictions() + ": no such file");
    } catch (IOException e) {
      throw new InputException("--predictions: " + u.predictions() + ": cannot be read: " + e);
    }
    MultipartBody body = new MultipartBody();
    body.field("bench", u.bench(), null);
    if (u.profile() != null) {
      body.field("profile", u.profile(), null);
    }
    body.field("card", u.cardJson(), "application/json");
    MultipartBody.Content file =
        () -> {
          InputStream in = new Counting(Files.newInputStream(u.predictions()), progress);
          return u.gzip() ? new GzipStream(in) : in;
        };
    Path name = u.predictions().getFileName();
    body.file(
        "predictions",
        (name == null ? "predictions.jsonl" : name.toString()) + (u.gzip() ? ".gz" : ""),
        u.gzip() ? "application/gzip" : "application/x-ndjson",
        file,
        u.gzip() ? -1 : size);
    HttpRequest request =
        // no Expect: 100-continue: Java 17's client hangs when the answer to it is not 100
        // (JDK-8286171); a refusal that comes while the file is sent is read all the same
        authorized(URI.create(base + "api/v1/submissions"))
            .header("Content-Type", body.contentType())
            .POST(body.publisher())
            .build();
    JsonNode answer = send(request, "the upload");
    return answer.path("id").asText();
  }

  /** A submission's status, as {@code GET /api/v1/submissions/{id}} gives it. */
  public JsonNode status(String id) {
    return send(
        authorized(URI.create(base + "api/v1/submissions/" + id)).GET().build(),
        "the status of " + id);
  }

  /** Waits between two looks at a submission's status. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * Follows a submission until it is finished, failed or cancelled, looking at it after 1 s, then
   * half as long again each time up to {@code maxWait}; a look that cannot reach the server is
   * tried again (up to 5 times in a row).
   *
   * @param changed told of each new status (the first one too)
   * @return the last status
   */
  public JsonNode follow(String id, Duration maxWait, Sleeper sleeper, Consumer<JsonNode> changed) {
    String last = null;
    Duration wait = Duration.ofSeconds(1);
    int failures = 0;
    while (true) {
      JsonNode s;
      try {
        s = status(id);
        failures = 0;
      } catch (ExternalFailureException e) {
        if (++failures >= 5) {
          throw e;
        }
        s = null;
      }
      if (s != null) {
        String status = s.path("status").asText();
        if (!status.equals(last)) {
          changed.accept(s);
          last = status;
        }
        if (DONE.contains(status)) {
          return s;
        }
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExternalFailureException("interrupted while waiting for " + id, e);
      }
      long next = Math.min(maxWait.toMillis(), wait.toMillis() * 3 / 2);
      wait = Duration.ofMillis(Math.max(next, 1));
    }
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest request, String what) {
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ExternalFailureException(
          "cannot reach the server at " + base + " (" + describe(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExternalFailureException("interrupted while talking to " + base, e);
    }
    String error = error(r.body());
    int code = r.statusCode();
    if (code >= 200 && code < 300) {
      try {
        return JSON.readTree(r.body());
      } catch (IOException e) {
        throw new ExternalFailureException(
            "the server at " + base + " answered " + what + " with something that is not JSON");
      }
    }
    if (code >= 400 && code < 500) {
      throw new InputException(
          "the server at " + base + " refused " + what + " (" + code + "): " + error);
    }
    throw new ExternalFailureException(
        "the server at " + base + " failed on " + what + " (" + code + "): " + error);
  }

  /** The {@code error} of an answer, else the answer's text (shortened). */
  private static String error(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.path("error").isTextual()) {
        return n.get("error").asText();
      }
    } catch (IOException e) {
      // not JSON: the text itself
    }
    String b = body == null ? "" : body.strip();
    return b.isEmpty() ? "no message" : b.length() > 300 ? b.substring(0, 300) + "…" : b;
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** Tells how many bytes were read through it. */
  private static final class Counting extends FilterInputStream {
    private final LongConsumer progress;
    private long count;

    Counting(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.accept(++count);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        progress.accept(count);
      }
      return n;
    }
  }
}

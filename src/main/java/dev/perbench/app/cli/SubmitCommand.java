package dev.perbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.errors.InputException;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.run.SummaryTable;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.web.client.SubmissionClient;
import dev.perbench.web.submit.UploadReceiver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench submit}: upload a prediction file to a leaderboard server. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    header = "Upload a prediction file to a leaderboard server for scoring.",
    description = {
      "Upload a prediction file to a leaderboard server (`perbench serve --uploads`) for",
      "scoring, as a stream with a progress bar, and print the submission's id. With --wait,",
      "follow it and print each status as it is reached, then the metrics table (as `perbench",
      "score` prints it) or the error. The server validates the file as `perbench validate`",
      "does: check it with that first. Exit 0 when accepted (with --wait: finished), 2 when the",
      "server refused the upload or the submission failed because of the file, 1 when the",
      "server failed or could not be reached."
    })
public final class SubmitCommand implements Callable<Integer> {
  /** The environment variable the token is read from when --token is not given. */
  static final String TOKEN_VARIABLE = "PERBENCH_TOKEN";

  @Spec CommandSpec spec;

  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "The leaderboard's address, e.g. https://leaderboard.example.org/.")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "An API token with the scope submit (default: $"
              + TOKEN_VARIABLE
              + ", which keeps it off the command line and out of the shell's history).")
  String token;

  @Option(
      names = "--bench",
      required = true,
      paramLabel = "ID",
      description = "The benchmark, e.g. perbench-mini; its data must be installed on the server.")
  String bench;

  @Option(
      names = "--predictions",
      required = true,
      paramLabel = "FILE",
      description = "The prediction file (JSON Lines; gzip-compressed is fine too).")
  Path predictions;

  @Option(
      names = "--card",
      required = true,
      paramLabel = "FILE",
      description = "The model card, as submissions/'s model.json (kind submitted, or left out).")
  Path card;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "The scoring profile (default: the server's, standard).")
  String profile;

  @Option(
      names = "--gzip",
      description = "Compress the file with gzip while sending it (the server decompresses it).")
  boolean gzip;

  @Option(names = "--wait", description = "Follow the submission until it is finished or failed.")
  boolean waitForIt;

  @Override
  public Integer call() {
    String t = token != null ? token : System.getenv(TOKEN_VARIABLE);
    if (t == null || t.isBlank()) {
      throw new InputException(
          "--token: no API token; give --token or set "
              + TOKEN_VARIABLE
              + " (make one on the"
              + " site's account page)");
    }
    String cardJson = cardText();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SubmissionClient client = new SubmissionClient(server, t.strip());
    long size = size();
    // a bar when on a terminal (Java 17 can tell only of the console as a whole), else lines
    UploadProgress progress =
        new UploadProgress(err, size, System.console() != null, System::nanoTime);
    String id;
    boolean accepted = false;
    try {
      id =
          client.submit(
              new SubmissionClient.Upload(bench, profile, cardJson, predictions, gzip), progress);
      accepted = true;
    } finally {
      progress.end(accepted);
    }
    out.println(id);
    out.flush();
    if (!waitForIt) {
      err.printf(
          "submitted; its status: GET %sapi/v1/submissions/%s (or submit with --wait)%n",
          client.server(), id);
      err.flush();
      return 0;
    }
    JsonNode last =
        client.follow(
            id,
            Duration.ofSeconds(15),
            d -> Thread.sleep(d.toMillis()),
            s -> {
              err.println(describe(s));
              err.flush();
            });
    String status = last.path("status").asText();
    if (status.equals("finished")) {
      JsonNode metrics = last.get("metrics");
      if (metrics == null || metrics.isNull()) {
        err.println("finished, but the server gives no metrics for it");
      } else {
        out.print(SummaryTable.render(StrictJson.bind(metrics, Evaluation.class)));
      }
      out.flush();
      return 0;
    }
    throw new InputException(
        "submission "
            + id
            + " "
            + status
            + (last.path("error").isTextual() ? ":\n" + last.get("error").asText() : ""));
  }

  /** One status line: the time it was reached, the status, and the place in the queue. */
  static String describe(JsonNode s) {
    String status = s.path("status").asText();
    String at = s.path("times").path(status).asText("");
    StringBuilder b = new StringBuilder();
    b.append(at.isEmpty() ? "" : at + "  ").append(status);
    if (s.path("position").isInt()) {
      b.append(" (place ").append(s.get("position").asInt()).append(" in the queue)");
    }
    return b.toString();
  }

  private String cardText() {
    try {
      if (Files.size(card) > UploadReceiver.MAX_CARD_BYTES) {
        throw new InputException(
            "--card: "
                + card
                + " is larger than "
                + UploadReceiver.bytes(UploadReceiver.MAX_CARD_BYTES));
      }
      return Files.readString(card);
    } catch (NoSuchFileException e) {
      throw new InputException("--card: " + card + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + card + ": " + e.getMessage(), e);
    }
  }

  private long size() {
    try {
      if (Files.isDirectory(predictions)) {
        throw new InputException("--predictions: " + predictions + " is a folder");
      }
      return Files.size(predictions);
    } catch (NoSuchFileException e) {
      throw new InputException("--predictions: " + predictions + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + predictions + ": " + e.getMessage(), e);
    }
  }
}

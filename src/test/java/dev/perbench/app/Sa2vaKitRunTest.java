package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.testing.Prerequisites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sa2VA kit's policies meet the harness's profiles, end to end: the real server ({@code
 * harness/servers/sa2va/server.py --backend sa2va}) around the authors'-signature stand-in model of
 * {@code fake_models.py}, and a real {@code perbench run}. A server that merges its res masks or
 * cleans text its own way is refused under {@code pixel-sail} before anything is written; the
 * authors' policies run, and the manifest records them.
 */
class Sa2vaKitRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path KIT = Path.of("harness", "servers", "sa2va");

  @TempDir Path dir;

  @Test
  void pixelSailRefusesAServerThatMergesResMasks() throws Exception {
    try (Server s = Server.start("--res-masks", "merge")) {
      Path out = dir.resolve("merge");
      CommandRun run = run(s, out, "--bench", "perbench-mini");
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.err().contains("restart it with --res-masks first"), run.err());
      assertFalse(Files.exists(out), "a refused run leaves no folder");
    }
  }

  @Test
  void pixelSailRefusesAServerThatCleansTextItsOwnWay() throws Exception {
    try (Server s = Server.start("--text-cleanup", "end-markers")) {
      CommandRun run = run(s, dir.resolve("cleanup"), "--bench", "perbench-mini");
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.err().contains("restart it with --text-cleanup authors"), run.err());
    }
  }

  @Test
  void theAuthorsPoliciesRunAndTheManifestRecordsThem() throws Exception {
    try (Server s = Server.start()) {
      Path out = dir.resolve("authors");
      CommandRun run = run(s, out, "--bench", "perbench-mini", "--limit", "8");
      assertEquals(0, run.exitCode(), run.err());
      JsonNode details = JSON.readTree(out.resolve("manifest.json").toFile()).at("/model/details");
      assertEquals("first", details.path("res_masks").asText(), details.toString());
      assertEquals("authors", details.path("text_cleanup").asText(), details.toString());
      assertEquals("bf16", details.path("dtype").asText(), details.toString());
      JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
      assertEquals(8, metrics.path("n").asInt(), metrics.toString());
      assertEquals(0, metrics.path("failed").asInt(), metrics.toString());
    }
  }

  private static CommandRun run(Server s, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("run", "--model", s.url, "--profile", "pixel-sail", "--out", out.toString()));
    args.addAll(List.of(more));
    return CommandRun.of(args.toArray(String[]::new));
  }

  /** The kit's server on a free port, with the fake Sa2VA model. */
  private static final class Server implements AutoCloseable {
    final Process process;
    final String url;

    private Server(Process process, String url) {
      this.process = process;
      this.url = url;
    }

    static Server start(String... extra) throws Exception {
      List<String> command =
          new ArrayList<>(
              List.of(
                  Prerequisites.python("numpy", "PIL"),
                  "server.py",
                  "--backend",
                  "sa2va",
                  "--model-factory",
                  "fake_models:sa2va",
                  "--port",
                  "0"));
      command.addAll(List.of(extra));
      ProcessBuilder pb =
          new ProcessBuilder(command).directory(KIT.toFile()).redirectErrorStream(true);
      pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
      pb.environment().put("PYTHONUNBUFFERED", "1");
      Process p = pb.start();
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      String line;
                      while ((line = lines.readLine()) != null) {
                        if (line.startsWith("listening on http://")) {
                          return line;
                        }
                      }
                      return null;
                    } catch (IOException e) {
                      return null;
                    }
                  })
              .get(60, TimeUnit.SECONDS);
      if (first == null) {
        p.destroyForcibly();
        throw new AssertionError("the kit's server did not start: " + command);
      }
      // keep reading so that the pipe never fills
      CompletableFuture.runAsync(
          () -> {
            try {
              while (lines.readLine() != null) {
                // discard
              }
            } catch (IOException e) {
              // the process ended
            }
          });
      return new Server(p, first.substring("listening on ".length()).strip());
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}

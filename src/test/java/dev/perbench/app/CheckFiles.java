package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the tests of {@code perbench check} share: the committed leaderboard entries of the bundled
 * perbench-mini, copies of them to edit, and the command line run with a chosen environment.
 */
final class CheckFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The entry whose run the tests check (a small model: clearly below the oracle). */
  static final Path REPRODUCED = Path.of("submissions/pixel-mini-reproduced/results/perbench-mini");

  static final Path ORACLE = Path.of("submissions/baseline-oracle/results/perbench-mini");

  static final Path PREDICTIONS = REPRODUCED.resolve("predictions.jsonl");

  private CheckFiles() {}

  /**
   * {@code perbench check ARGS} with an environment without GITHUB_STEP_SUMMARY, so that a test run
   * inside GitHub Actions never writes to the real job summary.
   */
  static CommandRun check(String... args) {
    return checkWithEnv(Map.of(), args);
  }

  static CommandRun checkWithEnv(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    return CommandRun.withEnv(env, all);
  }

  /** A command that ran: exit 0 or 1 (a rule decided), the table on stdout, nothing on stderr. */
  static CommandRun decided(int code, CommandRun r) {
    assertEquals(code, r.exitCode(), () -> "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
    assertEquals("", r.err(), "stderr");
    return r;
  }

  /**
   * A refusal: exit 2, one line on stderr starting "error: " that holds every fragment, no stack
   * trace, and nothing on stdout (no table for a check that did not happen).
   */
  static void refused(CommandRun r, String... fragments) {
    assertEquals(2, r.exitCode(), () -> "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
    assertEquals("", r.out(), "stdout");
    assertTrue(r.err().startsWith("error: "), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), () -> "expected \"" + f + "\" in:\n" + r.err());
    }
  }

  static void contains(String text, String... fragments) {
    for (String f : fragments) {
      assertTrue(text.contains(f), () -> "expected \"" + f + "\" in:\n" + text);
    }
  }

  /** A copy of the folder {@code from} at {@code to}. */
  static Path copy(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of a result folder without its prediction file: metrics.json and manifest.json. */
  static Path withoutPredictions(Path from, Path to) {
    Path d = copy(from, to);
    delete(d.resolve("predictions.jsonl"));
    return d;
  }

  static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path json) {
    try {
      return JSON.readTree(json.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code to}: the JSON of {@code from}, changed by {@code edit}. */
  static Path editJson(Path from, Path to, Consumer<ObjectNode> edit) {
    ObjectNode o = (ObjectNode) read(from);
    edit.accept(o);
    try {
      Files.createDirectories(to.getParent());
      JSON.writerWithDefaultPrettyPrinter().writeValue(to.toFile(), o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The verdicts of check.json's rules, in order. */
  static List<String> verdicts(JsonNode check) {
    List<String> out = new ArrayList<>();
    check.get("rules").forEach(r -> out.add(r.get("verdict").asText()));
    return out;
  }

  /** A finished run of {@code predictions} by the file: model adapter. */
  static Path run(Path predictions, Path out, String... options) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "run",
            "--model",
            "file:" + predictions,
            "--bench",
            "perbench-mini",
            "--out",
            out.toString()));
    args.addAll(List.of(options));
    CommandRun r = CommandRun.of(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return out;
  }
}

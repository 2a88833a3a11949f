package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End-to-end bad input for every command that reads user input: each case must exit 2 with one
 * "error: " message naming the file (and the line of a line-based file), with no stack trace or
 * parser internals, change nothing the user wrote and leave no partial output. The per-command
 * table is printed and written to {@code target/bad-input-table.md}.
 */
class BadInputSuiteTest {
  private static final Path SUBMISSIONS = Path.of("submissions");
  private static final String ORACLE_PREDICTIONS =
      "submissions/baseline-oracle/results/perbench-mini/predictions.jsonl";

  private static final Path FULL_RUN = Path.of("submissions/baseline-oracle/results/perbench-mini");

  @TempDir static Path base;
  private static Path failedRun;
  private static Path run;
  private static Path shard0;
  private static Path shard1;
  private static Path shard1Authors;
  private static String caption;
  private static String mcq;
  private static String vres;

  /** Per command: what happened to each case. */
  private static final Map<String, Map<String, Result>> RESULTS = new ConcurrentHashMap<>();

  record Result(boolean handled, boolean dataLost) {}

  /**
   * What a case runs on.
   *
   * @param args the command line
   * @param file the path the message must name; null where no file is involved (an option)
   * @param line the line the message must name; null where the input is not line-based
   * @param out the output path of the command; null where it has none
   * @param inputs every file or folder the user wrote, compared byte for byte afterwards
   */
  record Built(List<String> args, Path file, Integer line, Path out, List<Path> inputs) {}

  /**
   * One bad input.
   *
   * @param command the command, as the table groups it
   * @param what what is wrong
   * @param build makes the input in a fresh folder
   * @param message a fragment the error message must hold
   */
  record Case(String command, String what, Function<Path, Built> build, String message) {
    @Override
    public String toString() {
      return command + ": " + what;
    }
  }

  @BeforeAll
  static void realRuns() throws IOException {
    run = base.resolve("run");
    ok(run, "run", "--model", "baseline:oracle", "--bench", "perbench-mini", "--limit", "40");
    shard0 = base.resolve("shard0");
    shard1 = base.resolve("shard1");
    shard1Authors = base.resolve("shard1-authors");
    ok(shard0, "run", "--model", "baseline:oracle", "--bench", "perbench-mini", "--shard", "0/2");
    ok(shard1, "run", "--model", "baseline:oracle", "--bench", "perbench-mini", "--shard", "1/2");
    ok(
        shard1Authors,
        "run",
        "--model",
        "baseline:oracle",
        "--bench",
        "perbench-mini",
        "--shard",
        "1/2",
        "--profile",
        "pixel-sail");
    List<String> lines = Files.readAllLines(Path.of(ORACLE_PREDICTIONS));
    // A full run in which one sample failed (tolerated by --max-failures).
    Path partial =
        write(base.resolve("partial.jsonl"), String.join("\n", lines.subList(100, lines.size())));
    failedRun = base.resolve("failed-run");
    ok(
        failedRun,
        "run",
        "--model",
        "file:" + partial,
        "--bench",
        "perbench-mini",
        "--max-failures",
        "2000");
    caption = lines.stream().filter(l -> l.contains("\"caption:0:0\"")).findFirst().orElseThrow();
    mcq = lines.stream().filter(l -> l.contains("\"mcq:0:0\"")).findFirst().orElseThrow();
    vres = lines.stream().filter(l -> l.startsWith("{\"sample_id\":\"vres:0\"")).findFirst().get();
  }

  private static void ok(Path out, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--out", out.toString()));
    CommandRun r = CommandRun.of(all.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
  }

  // ---- building inputs ----

  private static Path write(Path f, String text) {
    return write(f, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Path write(Path f, byte[] bytes) {
    try {
      Files.createDirectories(f.getParent());
      return Files.write(f, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path copyTree(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void replace(Path f, String from, String to) {
    String text = read(f);
    assertTrue(text.contains(from), f + " lacks " + from);
    write(f, text.replace(from, to));
  }

  /** A prediction file: two good lines, then the bad one on line 3. */
  private static Path predictions(Path dir, String bad) {
    return write(dir.resolve("predictions.jsonl"), caption + "\n" + mcq + "\n" + bad + "\n");
  }

  private static byte[] notUtf8(String good) {
    byte[] g = (caption + "\n" + mcq + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] b = good.replace("\"D. bottom left\"", "\"D. \u0000\"").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[g.length + b.length + 1];
    System.arraycopy(g, 0, all, 0, g.length);
    System.arraycopy(b, 0, all, g.length, b.length);
    all[all.length - 1] = '\n';
    for (int i = g.length; i < all.length; i++) {
      if (all[i] == 0) {
        all[i] = (byte) 0xff;
      }
    }
    return all;
  }

  /** The bad prediction lines shared by score, validate and run --model file: (line 3). */
  private static Map<String, String> badPredictionLines() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("malformed JSON", "{\"sample_id\":");
    m.put("two objects on a line", mcq.replace("mcq:0:0", "mcq:0:1") + "{\"sample_id\":\"x\"}");
    m.put("trailing garbage", mcq.replace("mcq:0:0", "mcq:0:1") + " garbage");
    m.put("duplicate keys", "{\"sample_id\":\"mcq:0:1\",\"sample_id\":\"mcq:0:2\",\"text\":\"A\"}");
    m.put("unknown field", "{\"sample_id\":\"mcq:0:1\",\"txt\":\"A\"}");
    m.put("wrong type", "{\"sample_id\":7,\"text\":\"A\"}");
    m.put("unknown sample_id", "{\"sample_id\":\"mcq:9999:0\",\"text\":\"A\"}");
    m.put("duplicate sample_id", mcq);
    m.put("RLE extra key", vres.replace("\"counts\":", "\"area\":1,\"counts\":"));
    m.put("RLE invalid characters", vres.replaceAll("\"counts\":\"[^\"]*\"", "\"counts\":\"~~\""));
    m.put("RLE wrong sum", vres.replaceAll("\"counts\":\"[^\"]*\"", "\"counts\":[5]"));
    m.put(
        "RLE wrong size",
        vres.replaceAll(
            "\"size\":\\[96,128\\],\"counts\":\"[^\"]*\"", "\"size\":[2,2],\"counts\":[4]"));
    m.put("empty-object line", "{}");
    m.put("null line", "null");
    return m;
  }

  // ---- the cases ----

  static Stream<Case> cases() {
    List<Case> all = new ArrayList<>();
    runCases(all);
    for (String command : List.of("score", "validate")) {
      predictionFileCases(all, command);
    }
    mergeCases(all);
    maskEvalCases(all);
    submissionsCases(all);
    // Once gaps, handled now: data verify exits 2 naming the file on stderr, mask eval checks
    // --out before any work, submissions add leaves --dir as it was.
    dataVerifyCases(all);
    all.add(maskEvalOutDirectory());
    all.add(addWithBrokenCardInDir());
    return all.stream();
  }

  private static List<String> scoreArgs(String command, Path f, Path out) {
    return command.equals("score")
        ? List.of(
            "score",
            "--bench",
            "perbench-mini",
            "--predictions",
            f.toString(),
            "--out",
            out.toString())
        : List.of("validate", "--bench", "perbench-mini", "--predictions", f.toString());
  }

  private static void predictionFileCases(List<Case> all, String command) {
    badPredictionLines()
        .forEach(
            (what, bad) ->
                all.add(
                    new Case(
                        command,
                        what,
                        d -> {
                          Path f = predictions(d, bad);
                          Path out = d.resolve("out");
                          return new Built(scoreArgs(command, f, out), f, 3, out, List.of(f));
                        },
                        "")));
    all.add(
        new Case(
            command,
            "not UTF-8",
            d -> {
              Path f = write(d.resolve("predictions.jsonl"), notUtf8(mcq.replace("0:0", "0:1")));
              Path out = d.resolve("out");
              return new Built(scoreArgs(command, f, out), f, 3, out, List.of(f));
            },
            "UTF-8"));
    all.add(
        new Case(
            command,
            "a directory",
            d -> {
              Path f = d.resolve("folder.jsonl");
              write(f.resolve("x"), "x");
              Path out = d.resolve("out");
              return new Built(scoreArgs(command, f, out), f, null, out, List.of(f));
            },
            "is a directory"));
    all.add(
        new Case(
            command,
            "a missing file",
            d -> {
              Path f = d.resolve("nope.jsonl");
              Path out = d.resolve("out");
              return new Built(scoreArgs(command, f, out), f, null, out, List.of(d));
            },
            ""));
  }

  private static List<String> runArgs(Path out, String model, String... more) {
    List<String> a = new ArrayList<>(List.of("run", "--model", model, "--bench", "perbench-mini"));
    a.addAll(List.of(more));
    a.addAll(List.of("--out", out.toString()));
    return a;
  }

  /** A copy of the base run made resumable: status running, no metrics yet. */
  private static Path resumable(Path d) {
    Path r = copyTree(run, d.resolve("run"));
    unfinish(r);
    try {
      Files.deleteIfExists(r.resolve("metrics.json"));
      Files.deleteIfExists(r.resolve("metrics.csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return r;
  }

  /** Marks a run folder's manifest as still running (no outcome yet). */
  private static void unfinish(Path r) {
    try {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode m = (ObjectNode) json.readTree(r.resolve("manifest.json").toFile());
      m.put("status", "running");
      m.remove(
          List.of(
              "ended",
              "samples",
              "failed",
              "predicted_in_last_session",
              "last_session_seconds",
              "last_session_samples_per_second"));
      json.writeValue(r.resolve("manifest.json").toFile(), m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void runCases(List<Case> all) {
    all.add(
        new Case(
            "run",
            "bad option --limit 0",
            d -> {
              Path out = d.resolve("out");
              return new Built(
                  runArgs(out, "baseline:oracle", "--limit", "0"), null, null, out, List.of());
            },
            "--limit must be 1 or more"));
    all.add(
        new Case(
            "run",
            "bad option --shard 2/2",
            d -> {
              Path out = d.resolve("out");
              return new Built(
                  runArgs(out, "baseline:oracle", "--shard", "2/2"), null, null, out, List.of());
            },
            "--shard"));
    for (String what : List.of("malformed JSON", "duplicate sample_id", "unknown sample_id")) {
      String bad = badPredictionLines().get(what);
      all.add(
          new Case(
              "run",
              "--model file: prediction file, " + what,
              d -> {
                Path f = predictions(d, bad);
                Path out = d.resolve("out");
                return new Built(
                    runArgs(out, "file:" + f, "--limit", "5", "--max-failures", "5"),
                    f,
                    3,
                    out,
                    List.of(f));
              },
              ""));
    }
    all.add(
        new Case(
            "run",
            "--model file: a missing prediction file",
            d -> {
              Path f = d.resolve("nope.jsonl");
              Path out = d.resolve("out");
              return new Built(runArgs(out, "file:" + f), f, null, out, List.of(d));
            },
            ""));
    Map<String, String> resumeBad = new LinkedHashMap<>();
    resumeBad.put("a malformed line", "{\"sample_id\":");
    resumeBad.put("a duplicate line", null);
    resumeBad.put("an unknown sample_id", "{\"sample_id\":\"mcq:9999:0\",\"text\":\"A\"}");
    resumeBad.forEach(
        (what, bad) ->
            all.add(
                new Case(
                    "run",
                    "resumed run folder with " + what,
                    d -> {
                      Path r = resumable(d);
                      Path p = r.resolve("predictions.jsonl");
                      List<String> lines = new ArrayList<>(List.of(read(p).split("\n")));
                      lines.add(2, bad != null ? bad : lines.get(0));
                      write(p, String.join("\n", lines) + "\n");
                      return new Built(
                          runArgs(r, "baseline:oracle", "--limit", "40"), p, 3, null, List.of(r));
                    },
                    "")));
    all.add(
        new Case(
            "run",
            "folder with predictions but no manifest",
            d -> {
              Path r = copyTree(run, d.resolve("run"));
              try {
                Files.delete(r.resolve("manifest.json"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return new Built(
                  runArgs(r, "baseline:oracle", "--limit", "40"), r, null, null, List.of(r));
            },
            ""));
    all.add(
        new Case(
            "run",
            "manifest that is broken JSON",
            d -> {
              Path r = copyTree(run, d.resolve("run"));
              Path m = write(r.resolve("manifest.json"), "{\"status\": \"running\",");
              return new Built(
                  runArgs(r, "baseline:oracle", "--limit", "40"), m, null, null, List.of(r));
            },
            "not valid JSON"));
  }

  private static Built merge(Path d, Path out, Path named, Path... shards) {
    List<String> a = new ArrayList<>(List.of("merge", "--out", out.toString()));
    List<Path> inputs = new ArrayList<>();
    for (Path s : shards) {
      a.add(s.toString());
      inputs.add(s);
    }
    return new Built(a, named, null, inputs.contains(out) ? null : out, inputs);
  }

  private static void mergeCases(List<Case> all) {
    all.add(
        new Case(
            "merge",
            "not a run folder",
            d -> {
              Path s0 = copyTree(shard0, d.resolve("s0"));
              Path x = write(d.resolve("notes/readme.txt"), "x").getParent();
              return merge(d, d.resolve("m"), x, s0, x);
            },
            ""));
    all.add(
        new Case(
            "merge",
            "unfinished shard",
            d -> {
              Path s0 = copyTree(shard0, d.resolve("s0"));
              Path s1 = copyTree(shard1, d.resolve("s1"));
              unfinish(s1);
              return merge(d, d.resolve("m"), s1, s0, s1);
            },
            ""));
    all.add(
        new Case(
            "merge",
            "shards of different profiles",
            d -> {
              Path s0 = copyTree(shard0, d.resolve("s0"));
              Path s1 = copyTree(shard1Authors, d.resolve("s1"));
              return merge(d, d.resolve("m"), s1, s0, s1);
            },
            "profile"));
    all.add(
        new Case(
            "merge",
            "shards of different benchmarks",
            d -> {
              Path s0 = copyTree(shard0, d.resolve("s0"));
              Path s1 = copyTree(shard1, d.resolve("s1"));
              replace(
                  s1.resolve("manifest.json"),
                  "\"benchmark\" : \"perbench-mini\"",
                  "\"benchmark\" : \"refcoco:val\"");
              return merge(d, d.resolve("m"), s1, s0, s1);
            },
            "benchmark"));
    all.add(
        new Case(
            "merge",
            "missing shard",
            d -> {
              Path s0 = copyTree(shard0, d.resolve("s0"));
              // The missing shard has no path: the message names which one is missing.
              Built b = merge(d, d.resolve("m"), s0, s0);
              return new Built(b.args(), null, null, b.out(), b.inputs());
            },
            "missing shards 1/2"));
    all.add(
        new Case(
            "merge",
            "--out equal to a shard",
            d -> {
              Path s0 = copyTree(shard0, d.resolve("s0"));
              Path s1 = copyTree(shard1, d.resolve("s1"));
              return merge(d, s1, s1, s0, s1);
            },
            ""));
    all.add(
        new Case(
            "merge",
            "--out an existing non-empty folder",
            d -> {
              Path s0 = copyTree(shard0, d.resolve("s0"));
              Path s1 = copyTree(shard1, d.resolve("s1"));
              Path out = write(d.resolve("m/keep.txt"), "mine").getParent();
              Built b = merge(d, out, out, s0, s1);
              List<Path> inputs = new ArrayList<>(b.inputs());
              inputs.add(out);
              return new Built(b.args(), out, null, null, inputs);
            },
            ""));
    all.add(
        new Case(
            "merge",
            "a bad line in a shard",
            d -> {
              Path s0 = copyTree(shard0, d.resolve("s0"));
              Path s1 = copyTree(shard1, d.resolve("s1"));
              Path p = s1.resolve("predictions.jsonl");
              List<String> lines = new ArrayList<>(List.of(read(p).split("\n")));
              lines.set(1, "{\"sample_id\":");
              write(p, String.join("\n", lines) + "\n");
              Built b = merge(d, d.resolve("m"), p, s0, s1);
              return new Built(b.args(), p, 2, b.out(), b.inputs());
            },
            ""));
  }

  private static final String PAIR_1 =
      "{\"id\":\"a\",\"size\":[2,3],\"gt\":{\"size\":[2,3],\"counts\":[0,2,4]},"
          + "\"pred\":{\"size\":[2,3],\"counts\":[0,4,2]}}";
  private static final String PAIR_2 =
      "{\"id\":\"b\",\"size\":[2,3],\"gt\":[[0,0,3,0,3,2,0,2]],\"pred\":null}";

  private static void maskEvalCases(List<Case> all) {
    Map<String, String> bad = new LinkedHashMap<>();
    String c = "{\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null}";
    bad.put("malformed JSON", "{\"id\":\"x\",");
    bad.put("two objects on a line", c + "{\"id\":\"y\"}");
    bad.put("trailing garbage", c + " garbage");
    bad.put("duplicate keys", c.replace("{\"id\":\"x\"", "{\"id\":\"x\",\"id\":\"y\""));
    bad.put("unknown field", c.replace("}", ",\"prd\":1}"));
    bad.put("wrong type", c.replace("\"x\"", "7"));
    bad.put("duplicate id", c.replace("\"x\"", "\"a\""));
    bad.put(
        "RLE extra key",
        c.replace("\"gt\":null", "\"gt\":{\"size\":[2,3],\"counts\":[6],\"area\":0}"));
    bad.put(
        "RLE invalid characters",
        c.replace("\"gt\":null", "\"gt\":{\"size\":[2,3],\"counts\":\"6~\"}"));
    bad.put("RLE wrong sum", c.replace("\"gt\":null", "\"gt\":{\"size\":[2,3],\"counts\":[1,2]}"));
    bad.put("RLE wrong size", c.replace("\"gt\":null", "\"gt\":{\"size\":[3,2],\"counts\":[6]}"));
    bad.put("empty-object line", "{}");
    bad.put("null line", "null");
    bad.forEach(
        (what, line) ->
            all.add(
                new Case(
                    "mask eval",
                    what,
                    d -> {
                      Path f =
                          write(
                              d.resolve("pairs.jsonl"),
                              PAIR_1 + "\n" + PAIR_2 + "\n" + line + "\n");
                      Path out = d.resolve("result.json");
                      return new Built(
                          List.of("mask", "eval", "--pairs", f.toString(), "--out", out.toString()),
                          f,
                          3,
                          out,
                          List.of(f));
                    },
                    "")));
    all.add(
        new Case(
            "mask eval",
            "not UTF-8",
            d -> {
              byte[] head = (PAIR_1 + "\n" + PAIR_2 + "\n").getBytes(StandardCharsets.UTF_8);
              byte[] tail =
                  "{\"id\":\"\u00ff\",\"size\":[2,3],\"gt\":null,\"pred\":null}\n"
                      .getBytes(StandardCharsets.ISO_8859_1);
              byte[] b = new byte[head.length + tail.length];
              System.arraycopy(head, 0, b, 0, head.length);
              System.arraycopy(tail, 0, b, head.length, tail.length);
              Path f = write(d.resolve("pairs.jsonl"), b);
              Path out = d.resolve("result.json");
              return new Built(
                  List.of("mask", "eval", "--pairs", f.toString(), "--out", out.toString()),
                  f,
                  3,
                  out,
                  List.of(f));
            },
            "UTF-8"));
    all.add(
        new Case(
            "mask eval",
            "a directory",
            d -> {
              Path f = write(d.resolve("pairs/x"), "x").getParent();
              Path out = d.resolve("result.json");
              return new Built(
                  List.of("mask", "eval", "--pairs", f.toString(), "--out", out.toString()),
                  f,
                  null,
                  out,
                  List.of(f));
            },
            "is a directory"));
    all.add(
        new Case(
            "mask eval",
            "a missing file",
            d -> {
              Path f = d.resolve("nope.jsonl");
              Path out = d.resolve("result.json");
              return new Built(
                  List.of("mask", "eval", "--pairs", f.toString(), "--out", out.toString()),
                  f,
                  null,
                  out,
                  List.of(d));
            },
            ""));
  }

  private static List<Case> dataVerifyCases() {
    List<Case> all = new ArrayList<>();
    dataVerifyCases(all);
    return all;
  }

  private static Case maskEvalOutDirectory() {
    return new Case(
        "mask eval",
        "--out a directory",
        d -> {
          Path f = write(d.resolve("pairs.jsonl"), PAIR_1 + "\n" + PAIR_2 + "\n");
          Path out = write(d.resolve("result/keep.txt"), "mine").getParent();
          return new Built(
              List.of("mask", "eval", "--pairs", f.toString(), "--out", out.toString()),
              out,
              null,
              null,
              List.of(f, out));
        },
        "");
  }

  private static Case addWithBrokenCardInDir() {
    return new Case(
        "submissions add",
        "a broken model card in --dir",
        d -> {
          Path dir = copyTree(SUBMISSIONS, d.resolve("submissions"));
          Path f = write(dir.resolve("cris-reported/model.json"), "{\"name\": \"CRIS\",");
          return add(d, dir, copyTree(FULL_RUN, d.resolve("run")), f);
        },
        "");
  }

  private static void dataVerifyCases(List<Case> all) {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("empty list", "[]");
    bad.put("not a list", "{\"questions\": []}");
    bad.put("malformed JSON", "[{\"image_name\": ");
    bad.put("duplicate keys", null);
    Path mini = Path.of("perbench/data/perbench-mini/test");
    bad.forEach(
        (what, text) ->
            all.add(
                new Case(
                    "data verify",
                    "STBench_MCQ.json: " + what,
                    d -> {
                      Path root = d.resolve("data");
                      Path pb = root.resolve("perbench");
                      for (String f :
                          List.of(
                              "STBench_Detailed_Caption.json",
                              "STBench_MCQ.json",
                              "STBench_VRES.json")) {
                        copyTree(mini.resolve(f), pb.resolve(f));
                      }
                      copyTree(mini.resolve("images"), pb.resolve("images"));
                      Path f = pb.resolve("STBench_MCQ.json");
                      if (text != null) {
                        write(f, text);
                      } else {
                        String t = read(f);
                        int i = t.indexOf('{');
                        write(
                            f,
                            t.substring(0, i + 1)
                                + "\"image_name\":\"dup.jpg\","
                                + t.substring(i + 1));
                      }
                      return new Built(
                          List.of("data", "verify", "--data-root", root.toString(), "perbench"),
                          f,
                          null,
                          null,
                          List.of(root));
                    },
                    "")));
  }

  private static void submissionsCases(List<Case> all) {
    all.add(
        new Case(
            "submissions validate",
            "broken model card",
            d -> {
              Path dir = copyTree(SUBMISSIONS, d.resolve("submissions"));
              Path f = write(dir.resolve("cris-reported/model.json"), "{\"name\": \"CRIS\",");
              return new Built(
                  List.of("submissions", "validate", "--dir", dir.toString()),
                  f,
                  null,
                  null,
                  List.of(dir));
            },
            "not valid JSON"));
    all.add(
        new Case(
            "submissions validate",
            "metrics.json outside the schema",
            d -> {
              Path dir = copyTree(SUBMISSIONS, d.resolve("submissions"));
              Path f = dir.resolve("baseline-empty/results/perbench-mini/metrics.json");
              replace(f, "\"failed\" : 0", "\"failed\" : -1");
              return new Built(
                  List.of("submissions", "validate", "--dir", dir.toString()),
                  f,
                  null,
                  null,
                  List.of(dir));
            },
            "failed"));
    all.add(
        new Case(
            "submissions validate",
            "a bad line in a results prediction file",
            d -> {
              Path dir = copyTree(SUBMISSIONS, d.resolve("submissions"));
              Path f = dir.resolve("baseline-oracle/results/perbench-mini/predictions.jsonl");
              List<String> lines = new ArrayList<>(List.of(read(f).split("\n")));
              lines.set(1, "{\"sample_id\":");
              write(f, String.join("\n", lines) + "\n");
              return new Built(
                  List.of("submissions", "validate", "--dir", dir.toString()),
                  f,
                  2,
                  null,
                  List.of(dir));
            },
            ""));
    all.add(
        new Case(
            "submissions add",
            "a run with failures",
            d -> {
              Path dir = copyTree(SUBMISSIONS, d.resolve("submissions"));
              Path r = copyTree(failedRun, d.resolve("run"));
              return add(d, dir, r, r);
            },
            ""));
    all.add(
        new Case(
            "submissions add",
            "an unfinished run",
            d -> {
              Path dir = copyTree(SUBMISSIONS, d.resolve("submissions"));
              Path r = copyTree(FULL_RUN, d.resolve("run"));
              unfinish(r);
              return add(d, dir, r, r);
            },
            ""));
    all.add(
        new Case(
            "submissions add",
            "a run whose manifest is broken JSON",
            d -> {
              Path dir = copyTree(SUBMISSIONS, d.resolve("submissions"));
              Path r = copyTree(FULL_RUN, d.resolve("run"));
              Path m = write(r.resolve("manifest.json"), "{\"status\": ");
              return add(d, dir, r, m);
            },
            "not valid JSON"));
  }

  private static Built add(Path d, Path dir, Path r, Path named) {
    return new Built(
        List.of(
            "submissions",
            "add",
            "--dir",
            dir.toString(),
            "--run",
            r.toString(),
            "--entry",
            "bad-reproduced",
            "--name",
            "Bad"),
        named,
        null,
        dir.resolve("bad-reproduced"),
        List.of(dir, r));
  }

  // ---- checking ----

  private static Map<String, String> snapshot(Path p) {
    Map<String, String> m = new TreeMap<>();
    if (!Files.exists(p)) {
      return m;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path f : all.toList()) {
        m.put(
            p.relativize(f).toString(),
            Files.isDirectory(f)
                ? "dir"
                : Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /** What a case did wrong (empty: handled), recorded for the table. */
  private static List<String> check(Case c, Path d, CommandRun[] ran) {
    Built b = c.build().apply(d);
    List<Map<String, String>> before =
        b.inputs().stream().map(BadInputSuiteTest::snapshot).toList();
    boolean outExisted = b.out() != null && Files.exists(b.out());
    CommandRun r = CommandRun.of(b.args().toArray(String[]::new));
    ran[0] = r;
    String err = r.err();
    System.out.println("CASE " + c + " -> exit " + r.exitCode() + ": " + err.strip());
    List<String> problems = new ArrayList<>();
    if (r.exitCode() != 2) {
      problems.add("exit " + r.exitCode());
    }
    if (!err.startsWith("error: ")) {
      problems.add("stderr does not start with 'error: '");
    }
    if (err.contains("\tat ") || err.contains("com.fasterxml") || err.contains("Source:")) {
      problems.add("stack trace or parser internals");
    }
    if (b.file() != null && !err.contains(b.file().toString())) {
      problems.add("file not named");
    }
    if (b.line() != null
        && !err.contains("line " + b.line())
        && !err.contains(b.file() + ":" + b.line())) {
      problems.add("line " + b.line() + " not named");
    }
    if (!err.contains(c.message())) {
      problems.add("message lacks '" + c.message() + "'");
    }
    boolean lost = false;
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(snapshot(b.inputs().get(i)))) {
        lost = true;
        problems.add("input changed: " + b.inputs().get(i));
      }
    }
    if (b.out() != null && !outExisted && Files.exists(b.out())) {
      lost = true;
      problems.add("partial output left: " + b.out());
    }
    RESULTS
        .computeIfAbsent(c.command(), k -> new ConcurrentHashMap<>())
        .put(c.what(), new Result(problems.isEmpty(), lost));
    return problems;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsRefusedNamingTheFileAndLineAndChangesNothing(Case c, @TempDir Path d) {
    CommandRun[] r = new CommandRun[1];
    List<String> problems = check(c, d, r);
    assertTrue(
        problems.isEmpty(),
        c + ": " + problems + "\nstderr: " + r[0].err() + "\nstdout: " + r[0].out());
  }

  @AfterAll
  static void table() throws IOException {
    Map<String, int[]> counts = new TreeMap<>();
    RESULTS.forEach(
        (command, byCase) -> {
          int[] n = counts.computeIfAbsent(command, k -> new int[3]);
          for (Result res : byCase.values()) {
            n[0]++;
            n[1] += res.handled() ? 1 : 0;
            n[2] += res.dataLost() ? 1 : 0;
          }
        });
    StringBuilder t = new StringBuilder();
    t.append("| command | cases | handled (exit 2 + file[:line] message) | data lost |\n");
    t.append("|---|---:|---:|---:|\n");
    int[] total = new int[3];
    counts.forEach(
        (command, n) -> {
          t.append("| ").append(command).append(" | ").append(n[0]).append(" | ");
          t.append(n[1]).append(" | ").append(n[2]).append(" |\n");
          for (int i = 0; i < 3; i++) {
            total[i] += n[i];
          }
        });
    t.append("| **total** | ").append(total[0]).append(" | ").append(total[1]);
    t.append(" | ").append(total[2]).append(" |\n");
    System.out.println(t);
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("bad-input-table.md"), t.toString());
  }
}

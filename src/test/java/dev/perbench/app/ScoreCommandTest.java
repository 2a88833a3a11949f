package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkLoader;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code perbench score} and {@code validate}: a hand-checked file, and every bad-input case. */
class ScoreCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static List<Sample> res;
  private static Sample mcq;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    LoadedSplit mini =
        BenchmarkLoader.load(
            BenchmarkCatalog.resolve("perbench-mini").get(0),
            new DataRoots(Path.of("/nonexistent"), Path.of("").toAbsolutePath()));
    res = mini.samples().stream().filter(s -> s.task() == Task.RES).toList();
    mcq = mini.samples().stream().filter(s -> s.task() == Task.MCQ).findFirst().orElseThrow();
  }

  private static String rle(Mask m) {
    return "{\"size\":["
        + m.height()
        + ","
        + m.width()
        + "],\"counts\":\""
        + RleCodec.encode(m)
        + "\"}";
  }

  private Path file(String... lines) throws IOException {
    Path f = dir.resolve("predictions.jsonl");
    Files.write(f, List.of(lines));
    return f;
  }

  @Test
  void aTinyFileScoresAsComputedByHand() throws IOException {
    // Sample 0 predicted exactly, sample 1 predicted empty, every other sample missing
    // (standard profile: missing = empty mask). So cIoU = area0 / sum of all areas,
    // gIoU = 1 / n, precision@0.5 = 1 / n; the mcq answer is right.
    Mask gt0 = ((Target.Masks) res.get(0).target()).masks().get(0);
    Mask gt1 = ((Target.Masks) res.get(1).target()).masks().get(0);
    Path f =
        file(
            "{\"sample_id\":\"" + res.get(0).id() + "\",\"masks\":[" + rle(gt0) + "]}",
            "{\"sample_id\":\""
                + res.get(1).id()
                + "\",\"masks\":["
                + rle(Mask.empty(gt1.height(), gt1.width()))
                + "]}",
            "{\"sample_id\":\""
                + mcq.id()
                + "\",\"text\":\""
                + ((Target.Choice) mcq.target()).correctLetter()
                + "\"}");
    long total =
        res.stream().mapToLong(s -> ((Target.Masks) s.target()).masks().get(0).area()).sum();
    Path out = dir.resolve("out");
    CommandRun run =
        CommandRun.of(
            "score",
            "--bench",
            "perbench-mini",
            "--predictions",
            f.toString(),
            "--out",
            out.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
    assertEquals((double) gt0.area() / total, m.at("/tasks/res/ciou").asDouble(), 1e-15);
    assertEquals(1.0 / res.size(), m.at("/tasks/res/giou").asDouble(), 1e-15);
    assertEquals(1.0 / res.size(), m.at("/tasks/res/precision@0.5").asDouble(), 1e-15);
    assertEquals(1.0 / 300, m.at("/tasks/mcq/accuracy").asDouble(), 1e-15);
    assertEquals(1186 - 3, m.get("missing").asInt());
    assertEquals(res.size() - 2, m.at("/tasks/res/missing").asInt());
    assertTrue(
        run.out()
            .contains("perbench-mini, profile standard: 1,186 samples (1,183 missing, 0 failed)"),
        run.out());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown id          | {\"sample_id\":\"res:nope\",\"text\":\"x\"}                   | line"
            + " 2: unknown sample_id \"res:nope\"",
        "duplicate id        | {\"sample_id\":\"MCQ\",\"text\":\"B\"}                          |"
            + " line 2: duplicate sample_id \"MCQ\" (first on line 1)",
        "malformed JSON      | {\"sample_id\":                                                 |"
            + " line 2: not valid JSON",
        "invalid RLE         |"
            + " {\"sample_id\":\"RES\",\"masks\":[{\"size\":[96,128],\"counts\":\"~~\"}]} | line 2:"
            + " \"masks[0]\": RLE string has invalid character",
        "wrong mask size     |"
            + " {\"sample_id\":\"RES\",\"masks\":[{\"size\":[2,2],\"counts\":\"4\"}]}     | line 2:"
            + " sample RES: masks[0] is 2x2 but the image is 96x128",
        "counts not h*w      |"
            + " {\"sample_id\":\"RES\",\"masks\":[{\"size\":[96,128],\"counts\":[5]}]}   | line 2:"
            + " \"masks[0]\": RLE counts sum to 5",
        "nothing predicted   | {\"sample_id\":\"RES\"}                                          |"
            + " line 2: sample RES: nothing predicted",
        "mcq without text    | {\"sample_id\":\"MCQ2\",\"masks\":[]}                            |"
            + " line 2: sample MCQ2 (mcq): a text answer is needed",
        "unknown field       | {\"sample_id\":\"RES\",\"mask\":[]}                               |"
            + " line 2: \"mask\": unknown field",
        "wrong type          | {\"sample_id\":\"RES\",\"no_target\":\"yes\"}                     |"
            + " line 2: \"no_target\": must be true or false",
        "RLE extra key       |"
            + " {\"sample_id\":\"RES\",\"masks\":[{\"size\":[96,128],\"counts\":\"0PP<\","
            + "\"area\":0}]}"
            + " | line 2: \"masks[0].area\": unknown field",
        "two objects        | {\"sample_id\":\"RES\",\"text\":\"x\"}{\"sample_id\":\"MCQ\"}        "
            + " | line 2: more than one JSON value",
      })
  void aBadLineRejectsTheWholeFileNamingTheLine(String what, String bad, String message)
      throws IOException {
    String mcq2 = res.get(0).id().equals("x") ? "" : mcqId(1);
    Path f =
        file(
            "{\"sample_id\":\"" + mcq.id() + "\",\"text\":\"B\"}",
            bad.replace("\"MCQ2\"", "\"" + mcq2 + "\"")
                .replace("sample MCQ2", "sample " + mcq2)
                .replace("\"MCQ\"", "\"" + mcq.id() + "\"")
                .replace("\"RES\"", "\"" + res.get(0).id() + "\"")
                .replace("sample RES", "sample " + res.get(0).id()));
    String expected =
        message
            .replace("\"MCQ\"", "\"" + mcq.id() + "\"")
            .replace("sample MCQ2", "sample " + mcq2)
            .replace("sample RES", "sample " + res.get(0).id());
    Path out = dir.resolve("out");
    for (String command : List.of("score", "validate")) {
      CommandRun run =
          command.equals("score")
              ? CommandRun.of(
                  "score",
                  "--bench",
                  "perbench-mini",
                  "--predictions",
                  f.toString(),
                  "--out",
                  out.toString())
              : CommandRun.of(
                  "validate", "--bench", "perbench-mini", "--predictions", f.toString());
      assertEquals(2, run.exitCode(), what + ": " + run.err());
      assertEquals("", run.out(), what);
      assertTrue(run.err().contains(f + ": 1 problem, the file is rejected"), run.err());
      assertTrue(run.err().contains(expected), what + ": " + run.err());
    }
    assertTrue(!Files.exists(out.resolve("metrics.json")));
  }

  private static String mcqId(int question) {
    return mcq.id().substring(0, mcq.id().lastIndexOf(':') + 1) + question;
  }

  @Test
  void aValidFileIsReportedWithItsCounts() throws IOException {
    Path f =
        file(
            "{\"sample_id\":\"" + mcq.id() + "\",\"text\":\"B\"}",
            "",
            "{\"sample_id\":\"" + res.get(0).id() + "\",\"error\":\"timeout\"}");
    CommandRun run =
        CommandRun.of("validate", "--bench", "perbench-mini", "--predictions", f.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "valid for perbench-mini: 2 predictions (1 of them errors), 1,184 of 1,186 samples"
                    + " without a prediction"),
        run.out());
  }

  @Test
  void aMissingPredictionFileIsAnInputError() {
    CommandRun run =
        CommandRun.of(
            "score",
            "--bench",
            "perbench-mini",
            "--predictions",
            dir.resolve("none.jsonl").toString());
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("none.jsonl: 1 problem, the file is rejected:\n  no such file"),
        run.err());
  }

  @Test
  void crlfLineEndsAndAByteOrderMarkScoreExactlyAsPlainLines() throws IOException {
    // Hardening defect 2: a CRLF file passed validate, then scoring crashed on its second line.
    Path oracle = dir.resolve("oracle");
    assertEquals(
        0,
        CommandRun.of(
                "run",
                "--model",
                "baseline:oracle",
                "--bench",
                "perbench-mini",
                "--out",
                oracle.toString())
            .exitCode());
    String lf = Files.readString(oracle.resolve("predictions.jsonl"), StandardCharsets.UTF_8);
    Path crlf = dir.resolve("crlf.jsonl");
    Files.writeString(crlf, "\uFEFF" + lf.replace("\n", "\r\n"), StandardCharsets.UTF_8);
    for (Path file : List.of(oracle.resolve("predictions.jsonl"), crlf)) {
      Path out = dir.resolve("scored-" + file.getFileName());
      CommandRun run =
          CommandRun.of(
              "score",
              "--bench",
              "perbench-mini",
              "--predictions",
              file.toString(),
              "--out",
              out.toString());
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(
          Files.readString(oracle.resolve("metrics.json")),
          Files.readString(out.resolve("metrics.json")));
    }
    CommandRun valid =
        CommandRun.of("validate", "--bench", "perbench-mini", "--predictions", crlf.toString());
    assertEquals(0, valid.exitCode(), valid.err());
    assertTrue(valid.out().contains("1,186 predictions"), valid.out());
  }

  @Test
  void textThatIsNotUtf8IsAnInputErrorNamingTheLine() throws IOException {
    // Hardening defect 12: it used to exit 1 with "read failed after line 0".
    Path f = dir.resolve("latin1.jsonl");
    byte[] good =
        ("{\"sample_id\":\"" + mcq.id() + "\",\"text\":\"A\"}\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad =
        "{\"sample_id\":\"x\",\"text\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Files.write(f, all);
    CommandRun run =
        CommandRun.of("score", "--bench", "perbench-mini", "--predictions", f.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("line 2: not UTF-8 text (save the file as UTF-8)"), run.err());
  }

  @Test
  void theResultsTableReachesStandardOutputOfTheRealProcess() throws Exception {
    // Hardening defect 1: score printed only "scored in 1.25 s": its table went to System.out
    // through a writer that was never flushed. Only a real process shows it.
    Path f = file("{\"sample_id\":\"" + mcq.id() + "\",\"text\":\"A\"}");
    Process p =
        PerbenchProcess.builder("score", "--bench", "perbench-mini", "--predictions", f.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertTrue(out.startsWith("perbench-mini, profile standard: 1,186 samples"), out);
    assertTrue(out.contains("mcq      accuracy"), out);
  }
}

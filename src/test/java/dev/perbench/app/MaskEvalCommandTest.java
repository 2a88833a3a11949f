package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code mask eval} contract: formats, output shape, and errors that name the line. */
class MaskEvalCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Three pairs on a 2x3 image, one per SEG form: uncompressed RLE, polygon, compressed RLE.
  private static final String GOOD_1 =
      "{\"id\":\"a\",\"size\":[2,3],\"gt\":{\"size\":[2,3],\"counts\":[0,2,4]},"
          + "\"pred\":{\"size\":[2,3],\"counts\":[0,4,2]}}";
  private static final String GOOD_2 =
      "{\"id\":\"b\",\"size\":[2,3],\"gt\":[[0,0,3,0,3,2,0,2]],\"pred\":null}";
  private static final String GOOD_3 =
      "{\"id\":\"c\",\"size\":[2,3],\"gt\":null,\"pred\":{\"size\":[2,3],\"counts\":\"6\"}}";

  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    Path f = dir.resolve("pairs.jsonl");
    Files.write(f, java.util.List.of(lines));
    return f;
  }

  @Test
  void allThreeSegmentationFormatsAndNullsAreScored() throws IOException {
    Path out = dir.resolve("result.json");
    CommandRun run =
        CommandRun.of(
            "mask",
            "eval",
            "--pairs",
            file(GOOD_1, "", GOOD_2, GOOD_3).toString(),
            "--out",
            out.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode r = JSON.readTree(run.out());
    // a: gt 2 px, pred 4 px containing it: I=2 U=4. b: the polygon covers the 2x3 image
    // (6 px), no prediction: I=0 U=6. c: no target, empty prediction: U=0, scores 1.
    assertEquals(3, r.get("n").intValue());
    assertEquals("standard", r.get("profile").asText());
    assertEquals(2.0 / 10, r.get("ciou").doubleValue(), 1e-15);
    assertEquals((0.5 + 0 + 1) / 3, r.get("giou").doubleValue(), 1e-15);
    assertEquals(2.0 / 3, r.get("precision").get("0.5").doubleValue(), 1e-15);
    assertEquals(1.0 / 3, r.get("precision").get("0.6").doubleValue(), 1e-15);
    assertTrue(r.get("n_acc").isNull() && r.get("t_acc").isNull());
    assertEquals(run.out().strip(), Files.readString(out).strip());
    assertTrue(run.err().contains("1 without prediction"), run.err());
  }

  @Test
  void grefcocoReportsNoTargetAndTargetAccuracy() throws IOException {
    CommandRun run =
        CommandRun.of(
            "mask",
            "eval",
            "--profile",
            "grefcoco",
            "--pairs",
            file(GOOD_1, GOOD_2, GOOD_3).toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode r = JSON.readTree(run.out());
    assertEquals(1.0, r.get("n_acc").doubleValue());
    assertEquals(0.5, r.get("t_acc").doubleValue());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed JSON | {\"id\":\"x\",                                                          "
            + " | 2 | not valid JSON",
        "invalid RLE character |"
            + " {\"id\":\"x\",\"size\":[2,3],"
            + "\"gt\":{\"size\":[2,3],\"counts\":\"6~\"},\"pred\":null}"
            + " | 2 | invalid character",
        "counts not summing to h*w |"
            + " {\"id\":\"x\",\"size\":[2,3],"
            + "\"gt\":{\"size\":[2,3],\"counts\":[1,2]},\"pred\":null}"
            + " | 2 | sum to 3",
        "gt size differs from size |"
            + " {\"id\":\"x\",\"size\":[2,3],\"gt\":{\"size\":[3,2],\"counts\":[6]},\"pred\":null}"
            + " | 2 | differs from the expected",
        "duplicate id | {\"id\":\"a\",\"size\":[2,3],\"gt\":null,\"pred\":null} | 2 | duplicate id"
            + " \"a\" (first seen on line 1)",
        "missing pred field | {\"id\":\"x\",\"size\":[2,3],\"gt\":null} | 2 | missing \"pred\"",
        "unknown field | {\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null,\"prd\":1} | 2 |"
            + " unknown field \"prd\"",
        "size not two integers | {\"id\":\"x\",\"size\":[2.5,3],\"gt\":null,\"pred\":null} | 2 |"
            + " [height, width]",
        "id not a string | {\"id\":7,\"size\":[2,3],\"gt\":null,\"pred\":null} | 2 | \"id\" must be"
            + " a string",
        // Hardening defect 4: a second object, text after the object, a duplicate key.
        "two objects | {\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null}{\"id\":\"y\"} | 2 |"
            + " more than one JSON value",
        "trailing text | {\"id\":\"x\",\"size\":[2,3],\"gt\":null,\"pred\":null} garbage | 2 |"
            + " not valid JSON",
        "duplicate key | {\"id\":\"x\",\"id\":\"y\",\"size\":[2,3],\"gt\":null,\"pred\":null} | 2 |"
            + " duplicate key 'id'",
        // Hardening defect 11: an RLE object with another key.
        "RLE extra key |"
            + " {\"id\":\"x\",\"size\":[2,3],"
            + "\"gt\":{\"size\":[2,3],\"counts\":[6],\"area\":0},\"pred\":null}"
            + " | 2 | \"gt\": unknown field \"area\" in an RLE object",
      })
  void badLinesAreRefusedWholeNamingTheLine(String what, String badLine, int line, String message)
      throws IOException {
    Path pairs = file(GOOD_1, badLine, GOOD_3);
    Path out = dir.resolve("result.json");
    CommandRun run =
        CommandRun.of("mask", "eval", "--pairs", pairs.toString(), "--out", out.toString());
    assertEquals(2, run.exitCode(), what);
    assertEquals("", run.out(), "nothing on stdout for " + what);
    assertFalse(Files.exists(out), "no --out file for " + what);
    assertTrue(run.err().contains(pairs + ":" + line + ": "), run.err());
    assertTrue(run.err().contains(message), what + ": " + run.err());
  }

  @Test
  void aMissingFileAndAnUnknownProfileAreUsageErrors() throws IOException {
    CommandRun missing =
        CommandRun.of("mask", "eval", "--pairs", dir.resolve("nope.jsonl").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("no such file"), missing.err());
    CommandRun profile =
        CommandRun.of("mask", "eval", "--pairs", file(GOOD_1).toString(), "--profile", "lisa");
    assertEquals(2, profile.exitCode());
    assertTrue(
        profile.err().contains("standard, pycocotools, pixel-sail-vres, grefcoco"), profile.err());
    assertEquals("", profile.out());
  }

  @Test
  void aMissingRequiredOptionPrintsUsageWithExitCode2() {
    CommandRun run = CommandRun.of("mask", "eval");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--pairs"), run.err());
  }

  @Test
  void crlfLineEndsGiveTheSameResult() throws IOException {
    // Hardening defect 2, for mask eval.
    String lf = String.join("\n", GOOD_1, GOOD_3) + "\n";
    Path plain = dir.resolve("lf.jsonl");
    Files.writeString(plain, lf);
    Path crlf = dir.resolve("crlf.jsonl");
    Files.writeString(crlf, "\uFEFF" + lf.replace("\n", "\r\n"));
    CommandRun a = CommandRun.of("mask", "eval", "--pairs", plain.toString());
    CommandRun b = CommandRun.of("mask", "eval", "--pairs", crlf.toString());
    assertEquals(0, b.exitCode(), b.err());
    assertEquals(a.out(), b.out());
  }

  @Test
  void anOutFolderIsRefusedAndNoTemporaryFileIsLeftBeside() throws IOException {
    // Hardening defect 16: --out DIR left a .perbench-NNN.tmp file in the parent folder.
    Path out = Files.createDirectories(dir.resolve("results"));
    CommandRun run =
        CommandRun.of("mask", "eval", "--pairs", file(GOOD_1).toString(), "--out", out.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains(out + ": is a directory"), run.err());
    try (var files = Files.list(dir)) {
      assertTrue(
          files.noneMatch(f -> f.getFileName().toString().startsWith(".")),
          "no temporary file in " + dir);
    }
  }
}

package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perbench data list|verify|generate-mini}, end to end (run from the repository root). */
class DataCommandTest {
  private static final Path FIXTURES =
      Path.of("perbench/src/test/resources/refer").toAbsolutePath();

  @TempDir Path dir;
  private String savedHome;

  @BeforeEach
  void pointHomeAtTheRepository() {
    savedHome = System.getProperty("perbench.home");
    System.setProperty("perbench.home", Path.of("").toAbsolutePath().toString());
  }

  @AfterEach
  void restoreHome() {
    if (savedHome == null) {
      System.clearProperty("perbench.home");
    } else {
      System.setProperty("perbench.home", savedHome);
    }
  }

  @Test
  void theBundledMiniBenchmarkVerifiesWithItsCountsAndChecksums() {
    CommandRun run = CommandRun.of("data", "verify", "perbench-mini");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(
        run.out().contains("perbench-mini: ok - caption 295, mcq 300, vres 291, res 300"),
        run.out());
    assertTrue(
        run.out()
            .contains("sha256 5d4cfdc7eb257e0dfbcb1bbedbd92290da9b660a1077ead83120f42c50e71e4e"),
        run.out());
  }

  @Test
  void listShowsEveryBenchmarkWithWhereItIsLookedForAndWhatWasFound() {
    CommandRun run = CommandRun.of("data", "list", "--data-root", dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("data root: " + dir), run.out());
    assertTrue(
        run.out()
            .matches(
                "(?s).*perbench-mini +caption,mcq,vres,res +ok +caption 295, mcq 300, vres 291, res"
                    + " 300 .*"),
        run.out());
    assertTrue(
        run.out()
            .matches(
                "(?s).*refcoco:val +res +missing +- \\(standard 10,834\\) +"
                    + dir.resolve("refcoco")
                    + ".*"),
        run.out());
  }

  @Test
  void aNamedBenchmarkThatIsMissingFailsSayingWhatAndWhereToGetIt() {
    CommandRun run = CommandRun.of("data", "verify", "refcoco+", "--data-root", dir.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.out().contains("refcoco+:val: missing"), run.out());
    assertTrue(
        run.out().contains("problem: missing " + dir.resolve("refcoco+").resolve("refs(unc).p")),
        run.out());
    assertTrue(run.out().contains("https://github.com/lichengunc/refer"), run.out());
  }

  @Test
  void aSplitWhoseSizeDiffersFromThePublishedOneIsFlagged() {
    CommandRun run =
        CommandRun.of("data", "verify", "refcoco:val", "--data-root", FIXTURES.toString());
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("refcoco:val: count?"), run.out());
    assertTrue(run.out().contains("but the standard refcoco:val split has 10,834"), run.out());
    assertTrue(run.out().contains("warning: "), "the fixture has no images: " + run.out());
  }

  @Test
  void gRefCocoWithoutAPublishedCountVerifiesFromItsJsonOrPickle() {
    CommandRun run =
        CommandRun.of("data", "verify", "grefcoco:val", "--data-root", FIXTURES.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("grefcoco:val: ok*"), run.out());
    assertTrue(run.out().contains("grefs(unc).p"), run.out());
  }

  @Test
  void withoutIdsOnlyInstalledBenchmarksAreCheckedAndTheRestListed() {
    CommandRun run = CommandRun.of("data", "verify", "--data-root", dir.toString());
    assertEquals(0, run.exitCode(), run.out());
    assertTrue(run.out().contains("perbench-mini: ok"), run.out());
    assertTrue(run.out().contains("not installed (not checked): perbench, refcoco:val"), run.out());
  }

  @Test
  void anUnknownIdIsAUsageErrorListingTheKnownOnes() {
    CommandRun run = CommandRun.of("data", "verify", "refcoco:train");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("unknown benchmark 'refcoco:train'; known: perbench, perbench-mini"),
        run.err());
  }

  @Test
  void aModifiedMiniFileIsCaughtByItsChecksum() throws IOException {
    Path home = dir.resolve("home");
    Path mini = home.resolve("perbench/data/perbench-mini/test");
    copy(Path.of("perbench/data/perbench-mini/test"), mini);
    Path mcq = mini.resolve("STBench_MCQ.json");
    Files.writeString(
        mcq, Files.readString(mcq).replaceFirst("D\\. bottom left\"", "A. bottom left\""));
    System.setProperty("perbench.home", home.toString());
    CommandRun run = CommandRun.of("data", "verify", "perbench-mini");
    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.out().contains("STBench_MCQ.json differs from its checksum"), run.out());
  }

  @Test
  void generateMiniWritesATrainingSplitTheLoadersRead() throws IOException {
    Path out = dir.resolve("train");
    CommandRun run =
        CommandRun.of(
            "data", "generate-mini", "--split", "train", "--count", "4", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("wrote " + out + ": 4 scenes"), run.out());
    assertTrue(Files.exists(out.resolve("refer/perbench-mini/refs(unc).p")));
    assertTrue(Files.exists(out.resolve("images/train_000003.png")));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

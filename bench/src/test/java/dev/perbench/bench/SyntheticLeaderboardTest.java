package dev.perbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.catalog.DataRoots;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.harness.submissions.SubmissionValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web benchmark's generated leaderboard (nothing is timed here). */
class SyntheticLeaderboardTest {
  @Test
  @DisplayName("the generated entries pass the submissions validator, every kind among them")
  void valid(@TempDir Path dir) throws Exception {
    SyntheticLeaderboard.write(dir, 60, 10, 7);
    SyntheticLeaderboard.writeComparePair(dir, 10, 200, 7);
    Path repository = Path.of("..").toAbsolutePath().normalize();
    SubmissionValidator.Report r =
        new SubmissionValidator(new DataRoots(dir.resolve("no-data"), repository)).validate(dir);
    assertEquals(List.of(), r.problems());
    assertEquals(62, r.entries());
    assertEquals(620, r.results());
    assertEquals(4, r.kinds().size(), r.kinds().toString());
  }

  @Test
  @DisplayName("the same seed writes the same files")
  void seeded(@TempDir Path dir) throws Exception {
    SyntheticLeaderboard.write(dir.resolve("a"), 5, 3, 3);
    SyntheticLeaderboard.write(dir.resolve("b"), 5, 3, 3);
    Path f = Path.of("bench-entry-0004", "results", "refcoco_testB", "metrics.json");
    assertEquals(
        Files.readString(dir.resolve("a").resolve(f)),
        Files.readString(dir.resolve("b").resolve(f)));
  }

  @Test
  @DisplayName("the compared pair's metrics are those of its per-sample scores")
  void comparedPairAgreesWithItsSamples(@TempDir Path dir) throws Exception {
    SyntheticLeaderboard.writeComparePair(dir, 2, 1000, 5);
    List<SampleScore> a = SyntheticLeaderboard.sampleScores(1000, 5).get(0);
    Evaluation e =
        MetricsFiles.read(
            dir.resolve(SyntheticLeaderboard.COMPARE_A)
                .resolve("results")
                .resolve("refcoco_val")
                .resolve("metrics.json"));
    double inter = a.stream().mapToDouble(SampleScore::intersection).sum();
    double union = a.stream().mapToDouble(SampleScore::union).sum();
    assertEquals(inter / union, e.tasks().res().ciou(), 1e-12);
    assertEquals(1000L, e.n());
    assertTrue(a.stream().allMatch(s -> s.intersection() <= s.union()));
  }
}

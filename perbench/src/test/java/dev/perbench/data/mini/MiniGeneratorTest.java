package dev.perbench.data.mini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Task;
import dev.perbench.data.stbench.StBenchFiles;
import dev.perbench.data.stbench.StBenchLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's output as files: layout, determinism, checksums, and the real loaders. */
class MiniGeneratorTest {
  @TempDir static Path tmp;
  static Path first;
  static MiniSummary summary;

  @BeforeAll
  static void generateTheTestSplit() throws IOException {
    first = tmp.resolve("first");
    summary = MiniBenchmark.TEST.generate(first);
  }

  @Test
  void twoGenerationsAreByteIdentical() throws IOException {
    Path second = tmp.resolve("second");
    MiniBenchmark.TEST.generate(second);
    List<String> files = files(first);
    assertEquals(files, files(second));
    for (String f : files) {
      assertArrayEquals(
          Files.readAllBytes(first.resolve(f)), Files.readAllBytes(second.resolve(f)), f);
    }
  }

  @Test
  void theLayoutIsTheReleaseLayoutPlusTheReferLayout() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < MiniBenchmark.TEST.count(); i++) {
      expected.add("images/" + MiniGenerator.imageName("test", i));
    }
    expected.addAll(
        List.of(
            "SHA256SUMS",
            "STBench_Detailed_Caption.json",
            "STBench_MCQ.json",
            "STBench_VRES.json",
            "refer/perbench-mini/instances.json",
            "refer/perbench-mini/refs(unc).p"));
    expected.sort(null);
    assertEquals(expected, files(first));
    assertEquals("test_000042.png", MiniGenerator.imageName("test", 42));
    assertEquals(expected.size(), summary.files());
  }

  @Test
  void sha256sumsListsEveryOtherFileSortedWithItsHash() throws IOException {
    List<String> lines = Files.readAllLines(first.resolve("SHA256SUMS"));
    List<String> listed = new ArrayList<>();
    for (String line : lines) {
      String path = line.substring(66);
      assertEquals("  ", line.substring(64, 66));
      assertEquals(Checksums.sha256(first.resolve(path)), line.substring(0, 64), path);
      listed.add(path);
    }
    List<String> expected = new ArrayList<>(files(first));
    expected.remove("SHA256SUMS");
    assertEquals(expected, listed);
  }

  @Test
  void theTestSplitHasAboutThreeHundredSamplesPerTaskInAFewHundredKilobytes() {
    assertEquals(100, summary.scenes());
    for (Task t : Task.values()) {
      int n = summary.samples().get(t);
      assertTrue(n >= 270 && n <= 330, t + ": " + n);
    }
    assertTrue(summary.bytes() < 3_000_000, "bytes: " + summary.bytes());
  }

  @Test
  void imagesAreRgbPngsOfTheStatedSize() throws IOException {
    for (int i = 0; i < summary.scenes(); i++) {
      BufferedImage image =
          ImageIO.read(
              first.resolve("images").resolve(MiniGenerator.imageName("test", i)).toFile());
      assertNotNull(image);
      assertEquals(Scene.WIDTH, image.getWidth());
      assertEquals(Scene.HEIGHT, image.getHeight());
      assertEquals(3, image.getColorModel().getNumComponents());
    }
  }

  @Test
  void thePerBenchLoaderReadsTheFilesWithTheSummarysCounts() {
    LoadedSplit split = StBenchLoader.load(StBenchFiles.in(first), "perbench-mini");
    Map<Task, Integer> counts = split.countsByTask();
    assertEquals(summary.samples().get(Task.CAPTION), counts.get(Task.CAPTION));
    assertEquals(summary.samples().get(Task.MCQ), counts.get(Task.MCQ));
    assertEquals(summary.samples().get(Task.VRES), counts.get(Task.VRES));
  }

  @Test
  void aSceneIsTheSameWhateverTheCount() throws IOException {
    Path small = tmp.resolve("small");
    MiniBenchmark.TEST.withCount(3).generate(small);
    for (int i = 0; i < 3; i++) {
      String image = "images/" + MiniGenerator.imageName("test", i);
      assertArrayEquals(
          Files.readAllBytes(first.resolve(image)), Files.readAllBytes(small.resolve(image)));
    }
  }

  @Test
  void theTrainSplitHasOtherScenesThanTheTestSplit() {
    Scene test = MiniGenerator.scene("test", 0, MiniBenchmark.TEST.seed());
    Scene train = MiniGenerator.scene("train", 0, MiniBenchmark.TRAIN.seed());
    assertFalse(test.shapes().get(0).mask().equals(train.shapes().get(0).mask()));
  }

  @Test
  void generatingAgainIntoAnEarlierGenerationReplacesIt() throws IOException {
    Path dir = tmp.resolve("again");
    MiniBenchmark.TEST.withCount(4).generate(dir);
    MiniBenchmark.TEST.withCount(2).generate(dir);
    assertEquals(8, files(dir).size());
    assertFalse(Files.exists(dir.resolve("images/test_000003.png")));
  }

  @Test
  void aFolderWithOtherFilesIsRefused() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("foreign"));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> MiniBenchmark.TEST.withCount(1).generate(dir));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertTrue(Files.exists(dir.resolve("notes.txt")));
  }

  @Test
  void badSplitNamesAndCountsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MiniGenerator.generate(tmp.resolve("x"), "../up", 1, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> MiniGenerator.generate(tmp.resolve("y"), "test", 0, 1));
  }

  @Test
  void otherSplitNamesGetTheirOwnSeed() {
    assertEquals(MiniBenchmark.TEST.seed(), MiniBenchmark.split("test", 5).seed());
    assertEquals(MiniBenchmark.TRAIN.seed(), MiniBenchmark.split("train", 5).seed());
    long val = MiniBenchmark.split("val", 5).seed();
    assertFalse(val == MiniBenchmark.TEST.seed() || val == MiniBenchmark.TRAIN.seed());
    assertEquals(val, MiniBenchmark.split("val", 9).seed());
  }

  /** Every regular file under {@code dir}, as sorted '/'-separated relative paths. */
  static List<String> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package dev.perbench.data.stbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.DataFormatException;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.RleCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PerBench (STBench) loaders on small files in the release format. */
class StBenchLoaderTest {
  // Three distinct 4x5 masks and one of another size.
  private static final Mask A = Mask.fromCounts(4, 5, new int[] {0, 3, 17});
  private static final Mask B = Mask.fromCounts(4, 5, new int[] {5, 4, 11});
  private static final Mask C = Mask.fromCounts(4, 5, new int[] {12, 8});
  private static final Mask OTHER_SIZE = Mask.fromCounts(5, 4, new int[] {20});

  @TempDir Path dir;

  private static String rle(Mask m) {
    return "{\"size\":["
        + m.height()
        + ","
        + m.width()
        + "],\"counts\":\""
        + RleCodec.encode(m)
        + "\"}";
  }

  private Path write(String name, String json) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, json);
    return f;
  }

  @Test
  void captionsGiveOneSamplePerObjectWithItsRegionAsPrompt0() throws IOException {
    Path f =
        write(
            "c.json",
            "[{\"image_name\":\"x.jpg\",\"object_annotations\":["
                + "{\"segmentation\":"
                + rle(A)
                + ",\"caption\":\"a red cup\"},"
                + "{\"segmentation\":"
                + rle(B)
                + ",\"caption\":\"a blue plate\"}]},"
                + "{\"image_name\":\"y.jpg\",\"object_annotations\":[{\"segmentation\":"
                + rle(C)
                + ",\"caption\":\"a dog\"}]}]");
    List<Sample> samples = StBenchLoader.captions(f, dir.resolve("img"));
    assertEquals(
        List.of("caption:0:0", "caption:0:1", "caption:1:0"),
        samples.stream().map(Sample::id).toList());
    Sample s = samples.get(1);
    assertEquals(Task.CAPTION, s.task());
    assertEquals(B, s.visualPrompts().get(0).mask());
    assertEquals(0, s.visualPrompts().get(0).slot());
    assertEquals(new Target.Descriptions(List.of("a blue plate")), s.target());
    assertEquals(dir.resolve("img").resolve("x.jpg"), s.image().file());
    assertEquals(4, s.image().height());
    assertEquals(5, s.image().width());
  }

  @Test
  void multipleChoiceReadsTheOptionsListedInTheQuestionAndTheAnswersLetter() throws IOException {
    String options = "\\nA. red\\nB. blue\\nC. light green\\nD. yellow\\n";
    Path f =
        write(
            "m.json",
            "[{\"image_name\":\"x.jpg\",\"mcqs\":["
                + "{\"object\":"
                + rle(A)
                + ",\"question\":\"What colour is it?"
                + options
                + "\",\"answer\":\"B. blue\"},"
                + "{\"object\":"
                + rle(A)
                + ",\"question\":\"And this?"
                + options
                + "\",\"answer\":\"(C)\"},"
                + "{\"object\":"
                + rle(A)
                + ",\"question\":\"Again?"
                + options
                + "\",\"answer\":\"Light green\"},"
                + "{\"object\":"
                + rle(A)
                + ",\"question\":\"Free text?\",\"answer\":\"A dog\"}]}]");
    List<Sample> samples = StBenchLoader.multipleChoice(f, dir);
    assertEquals(
        List.of("mcq:0:0", "mcq:0:1", "mcq:0:2", "mcq:0:3"),
        samples.stream().map(Sample::id).toList());
    Target.Choice first = (Target.Choice) samples.get(0).target();
    assertEquals(
        Map.of("A", "red", "B", "blue", "C", "light green", "D", "yellow"), first.options());
    assertEquals("B", first.correctLetter());
    assertEquals("B. blue", first.answer());
    assertEquals("C", ((Target.Choice) samples.get(1).target()).correctLetter());
    assertEquals("C", ((Target.Choice) samples.get(2).target()).correctLetter());
    Target.Choice free = (Target.Choice) samples.get(3).target();
    assertTrue(free.options().isEmpty());
    assertNull(free.correctLetter());
    assertEquals(
        "What colour is it?\nA. red\nB. blue\nC. light green\nD. yellow\n", samples.get(0).text());
  }

  @Test
  void vresTagsNumberSlotsByPositionSoPromptSlotsCanHaveGaps() throws IOException {
    Path f =
        write(
            "v.json",
            "[{\"image_name\":\"x.jpg\",\"question\":\"Segment what lies between <r1> and <r2>;"
                + " <r1> is red.\",\"answer\":\"It is <t1>.\",\"segmentations\":{\"<r1>\":"
                + rle(A)
                + ",\"<t1>\":"
                + rle(B)
                + ",\"<r2>\":"
                + rle(C)
                + "}}]");
    Sample s = StBenchLoader.referringSegmentation(f, dir).get(0);
    assertEquals("vres:0", s.id());
    assertEquals("Segment what lies between <Prompt0> and <Prompt2>; <Prompt0> is red.", s.text());
    assertEquals(List.of(0, 2), s.visualPrompts().stream().map(p -> p.slot()).toList());
    assertEquals(List.of(A, C), s.visualPrompts().stream().map(p -> p.mask()).toList());
    assertEquals(new Target.Masks(List.of(B), false), s.target());
  }

  @Test
  void aTagThatIsASubstringOfAnotherRewritesItAsTheAuthorsLoaderDoes() throws IOException {
    // "obj1" is found inside "obj12" first; "obj12" is then gone from the question, and is
    // taken as a target because the answer mentions it: the authors' plain substring rules.
    Path f =
        write(
            "v.json",
            "[{\"image_name\":\"x.jpg\",\"question\":\"Find the twin of obj12.\","
                + "\"answer\":\"obj12 and obj7\",\"segmentations\":{\"obj1\":"
                + rle(A)
                + ",\"obj12\":"
                + rle(B)
                + ",\"obj7\":"
                + rle(C)
                + "}}]");
    Sample s = StBenchLoader.referringSegmentation(f, dir).get(0);
    assertEquals("Find the twin of <Prompt0>2.", s.text());
    assertEquals(new Target.Masks(List.of(B, C), false), s.target());
  }

  @Test
  void aTagInNeitherQuestionNorAnswerIsAnErrorNamingTheRecordAndTag() throws IOException {
    Path f =
        write(
            "v.json",
            "[{\"image_name\":\"x.jpg\",\"question\":\"q"
                + " <a>\",\"answer\":\"<b>\",\"segmentations\":{\"<a>\":"
                + rle(A)
                + ",\"<b>\":"
                + rle(B)
                + "}},{\"image_name\":\"x.jpg\",\"question\":\"q"
                + " <a>\",\"answer\":\"<b>\",\"segmentations\":{\"<a>\":"
                + rle(A)
                + ",\"<c>\":"
                + rle(B)
                + "}}]");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> StBenchLoader.referringSegmentation(f, dir));
    assertEquals(
        f + ": record 1: tag '<c>' occurs in neither the question nor the answer", e.getMessage());
  }

  @Test
  void anRleWhoseSizeDisagreesWithTheImagesIsRefusedNamingBothPlaces() throws IOException {
    Path f =
        write(
            "c.json",
            "[{\"image_name\":\"x.jpg\",\"object_annotations\":[{\"segmentation\":"
                + rle(A)
                + ",\"caption\":\"a\"}]},"
                + "{\"image_name\":\"x.jpg\",\"object_annotations\":[{\"segmentation\":"
                + rle(OTHER_SIZE)
                + ",\"caption\":\"b\"}]}]");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> StBenchLoader.captions(f, dir));
    assertTrue(
        e.getMessage()
            .contains(
                "record 1 object 0 \"segmentation\": RLE size 5x4 disagrees with image 'x.jpg',"
                    + " which is 4x5 in record 0 object 0"),
        e.getMessage());
  }

  @Test
  void malformedFilesAreRefusedWithFileAndPlace() throws IOException {
    assertTrue(
        assertThrows(
                DataFormatException.class, () -> StBenchLoader.captions(write("a.json", "{}"), dir))
            .getMessage()
            .endsWith("expected a JSON list of records"));
    assertTrue(
        assertThrows(
                DataFormatException.class,
                () -> StBenchLoader.captions(write("b.json", "[{\"image_name\": 3}]"), dir))
            .getMessage()
            .endsWith("record 0: \"image_name\" must be a string"));
    assertTrue(
        assertThrows(
                DataFormatException.class,
                () ->
                    StBenchLoader.captions(
                        write("c.json", "[{\"image_name\":\"x\",\n\"object_annotations\": [}]"),
                        dir))
            .getMessage()
            .contains("malformed JSON near record 0 (line 2"));
    assertTrue(
        assertThrows(
                DataFormatException.class,
                () -> StBenchLoader.captions(dir.resolve("none.json"), dir))
            .getMessage()
            .endsWith("none.json: file not found"));
    String dup =
        "[{\"image_name\":\"x\",\"question\":\"<a>\",\"answer\":\"<a>\",\"segmentations\":{\"<a>\":"
            + rle(A)
            + ",\"<a>\":"
            + rle(B)
            + "}}]";
    assertTrue(
        assertThrows(
                DataFormatException.class,
                () -> StBenchLoader.referringSegmentation(write("d.json", dup), dir))
            .getMessage()
            .contains("Duplicate field '<a>'"));
    String bad =
        "[{\"image_name\":\"x\",\"mcqs\":[{\"object\":{\"size\":[4,5],\"counts\":\"1\"},"
            + "\"question\":\"q\",\"answer\":\"a\"}]}]";
    assertTrue(
        assertThrows(
                DataFormatException.class,
                () -> StBenchLoader.multipleChoice(write("e.json", bad), dir))
            .getMessage()
            .contains("record 0 question 0 \"object\": RLE counts sum to 1"));
  }

  @Test
  void anEmptyTaskFileIsAnErrorNotATaskThatSilentlyDisappears() throws IOException {
    // Hardening defect 9: STBench_MCQ.json = [] was "ok" and the task vanished from the score.
    Path empty = write("empty.json", "[]");
    for (org.junit.jupiter.api.function.Executable load :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> StBenchLoader.captions(empty, dir),
            () -> StBenchLoader.multipleChoice(empty, dir),
            () -> StBenchLoader.referringSegmentation(empty, dir))) {
      assertEquals(
          empty + ": the list of records is empty; a PerBench task file holds its task's records",
          assertThrows(DataFormatException.class, load).getMessage());
    }
  }

  @Test
  void aRecordWithoutTargetsIsAnError() throws IOException {
    Path f =
        write(
            "v.json",
            "[{\"image_name\":\"x.jpg\",\"question\":\"q"
                + " <a>\",\"answer\":\"none\",\"segmentations\":{\"<a>\":"
                + rle(A)
                + "}}]");
    assertTrue(
        assertThrows(DataFormatException.class, () -> StBenchLoader.referringSegmentation(f, dir))
            .getMessage()
            .contains("record 0: no tag"));
  }

  @Test
  void loadingAReleaseFolderReadsAllThreeTasksWithProvenance() throws IOException {
    write(
        StBenchFiles.CAPTION_FILE,
        "[{\"image_name\":\"x.jpg\",\"object_annotations\":[{\"segmentation\":"
            + rle(A)
            + ",\"caption\":\"c\"}]}]");
    write(
        StBenchFiles.MCQ_FILE,
        "[{\"image_name\":\"x.jpg\",\"mcqs\":[{\"object\":"
            + rle(A)
            + ",\"question\":\"q\",\"answer\":\"a\"}]}]");
    write(
        StBenchFiles.VRES_FILE,
        "[{\"image_name\":\"x.jpg\",\"question\":\"q"
            + " <a>\",\"answer\":\"<b>\",\"segmentations\":{\"<a>\":"
            + rle(A)
            + ",\"<b>\":"
            + rle(B)
            + "}}]");
    LoadedSplit split = StBenchLoader.load(StBenchFiles.in(dir), "perbench");
    assertEquals(Map.of(Task.CAPTION, 1, Task.MCQ, 1, Task.VRES, 1), split.countsByTask());
    assertEquals(3, split.files().size());
    assertEquals(64, split.files().get(0).sha256().length());
  }
}

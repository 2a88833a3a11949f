package dev.perbench.data.refer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.DataFile;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.metrics.mask.RleCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed fixtures (src/test/python/make_refer_fixtures.py: Python 2 pickles assembled opcode
 * by opcode) against the samples pycocotools computed (make_refer_expected.py).
 */
class ReferFixtureTest {
  static final Path ROOT = resource("/refer");
  static final Path IMAGES = Path.of("/data/coco/train2014");
  private static final JsonNode EXPECTED = readExpected();

  static ReferSource refcoco() {
    return ReferSource.refer("refcoco", ROOT.resolve("refcoco"), "unc", IMAGES);
  }

  static ReferSource grefcoco(Path root) {
    return ReferSource.grefer("grefcoco", root.resolve("grefcoco"), "unc", IMAGES);
  }

  @TestFactory
  @DisplayName(
      "every RefCOCO split gives pycocotools' samples: ids, text, image, mask byte for"
          + " byte, in ref then sentence order")
  Stream<DynamicTest> refcocoSplits() {
    return Stream.of("train", "val", "testA", "testB", "test")
        .map(
            split ->
                DynamicTest.dynamicTest(
                    "refcoco:" + split,
                    () ->
                        assertMatches(
                            EXPECTED.get("refcoco").get(split),
                            ReferLoader.load(refcoco(), split),
                            "refcoco:" + split)));
  }

  @TestFactory
  @DisplayName("the protocol-0 pickle (S'...' strings) loads exactly like the protocol-2 one")
  Stream<DynamicTest> protocolZeroPickle() {
    ReferSource source = ReferSource.refer("refcoco+", ROOT.resolve("refcoco+"), "unc", IMAGES);
    return Stream.of("train", "val", "testA", "testB")
        .map(
            split ->
                DynamicTest.dynamicTest(
                    "refcoco+:" + split,
                    () ->
                        assertMatches(
                            EXPECTED.get("refcoco").get(split),
                            ReferLoader.load(source, split),
                            "refcoco+:" + split)));
  }

  @TestFactory
  @DisplayName("every gRefCOCO split gives pycocotools' union masks, with no-target refs empty")
  Stream<DynamicTest> grefcocoSplits() {
    return Stream.of("train", "val", "testA", "testB")
        .map(
            split ->
                DynamicTest.dynamicTest(
                    "grefcoco:" + split,
                    () ->
                        assertMatches(
                            EXPECTED.get("grefcoco").get(split),
                            ReferLoader.load(grefcoco(ROOT), split),
                            "grefcoco:" + split)));
  }

  @Test
  @DisplayName("without grefs(unc).p the JSON refs are read, giving the same samples")
  void grefsJsonFallback(@TempDir Path dir) throws IOException {
    Path data = dir.resolve("grefcoco");
    Files.createDirectories(data);
    for (String name : List.of("grefs(unc).json", "instances.json")) {
      Files.copy(
          ROOT.resolve("grefcoco").resolve(name),
          data.resolve(name),
          StandardCopyOption.REPLACE_EXISTING);
    }
    ReferRefs refs = ReferRefs.read(grefcoco(dir));
    assertEquals(data.resolve("grefs(unc).json"), refs.file().path());
    for (String split : List.of("train", "val", "testA", "testB")) {
      assertMatches(
          EXPECTED.get("grefcoco").get(split),
          ReferLoader.load(grefcoco(dir), split),
          "grefcoco:" + split);
    }
  }

  @Test
  @DisplayName("Python 2 byte strings are decoded as Latin-1, unicode strings as they are")
  void stringDecoding() {
    List<Sample> testA = ReferLoader.load(refcoco(), "testA").samples();
    assertEquals("caf\u00e9 sign", testA.get(0).text());
    assertTrue(testA.get(1).text().length() > 255, "a BINSTRING sentence is read whole");
    assertEquals(
        "it's the \"tall\" one", ReferLoader.load(refcoco(), "testB").samples().get(0).text());
    assertEquals("tab\there", ReferLoader.load(refcoco(), "testB").samples().get(1).text());
  }

  @Test
  @DisplayName(
      "gRefCOCO: multi-target refs are the union, [-1] is an empty no-target mask, and"
          + " a ref of crowd objects only is empty but has a target")
  void grefcocoTargets() {
    List<Sample> val = ReferLoader.load(grefcoco(ROOT), "val").samples();
    Target.Masks both = (Target.Masks) val.get(0).target();
    Target.Masks none = (Target.Masks) val.get(2).target();
    assertFalse(both.noTarget());
    assertEquals(761, both.masks().get(0).area());
    assertTrue(none.noTarget());
    assertTrue(none.masks().get(0).isEmpty());
    assertEquals(40, none.masks().get(0).height());
    assertEquals(56, none.masks().get(0).width());
    Target.Masks crowdOnly =
        (Target.Masks) ReferLoader.load(grefcoco(ROOT), "testA").samples().get(0).target();
    assertFalse(crowdOnly.noTarget());
    assertTrue(crowdOnly.masks().get(0).isEmpty());
  }

  @Test
  @DisplayName("the sentences of one ref share one target and one image object")
  void sharedPerRef() {
    List<Sample> val = ReferLoader.load(refcoco(), "val").samples();
    assertSame(val.get(0).target(), val.get(1).target());
    assertSame(val.get(0).image(), val.get(1).image());
  }

  @Test
  @DisplayName("a split carries its benchmark id and both files with their SHA-256")
  void provenance() {
    LoadedSplit split = ReferLoader.load(refcoco(), "val");
    assertEquals("refcoco:val", split.benchmarkId());
    assertEquals(
        List.of(ROOT.resolve("refcoco/refs(unc).p"), ROOT.resolve("refcoco/instances.json")),
        split.files().stream().map(DataFile::path).toList());
    for (DataFile f : split.files()) {
      assertEquals(DataFile.of(f.path()), f);
    }
    assertEquals(
        IMAGES.resolve("COCO_train2014_000000000101.jpg"), split.samples().get(0).image().file());
  }

  @Test
  @DisplayName("several splits load in one pass; a ref in two splits has one mask")
  void severalSplits() {
    ReferRefs refs = ReferRefs.read(refcoco());
    List<LoadedSplit> loaded = ReferLoader.load(refs, List.of("testA", "testB", "test"));
    assertEquals(
        List.of("refcoco:testA", "refcoco:testB", "refcoco:test"),
        loaded.stream().map(LoadedSplit::benchmarkId).toList());
    assertSame(loaded.get(0).samples().get(0).target(), loaded.get(2).samples().get(0).target());
    assertMatches(EXPECTED.get("refcoco").get("test"), loaded.get(2), "refcoco:test");
  }

  @Test
  @DisplayName("the refs alone give the splits present and the sample counts")
  void countsWithoutInstances() {
    ReferRefs refs = ReferRefs.read(refcoco());
    assertEquals(List.of("val", "testA", "testB", "train"), refs.splits());
    assertEquals(7, refs.size());
    for (String split : List.of("train", "val", "testA", "testB", "test")) {
      assertEquals(EXPECTED.get("refcoco").get(split).size(), refs.countSentences(split), split);
    }
    assertEquals(3, refs.countRefs("test"));
  }

  static void assertMatches(JsonNode expected, LoadedSplit split, String id) {
    assertEquals(id, split.benchmarkId());
    List<Sample> samples = split.samples();
    assertEquals(expected.size(), samples.size(), id + " sample count");
    for (int i = 0; i < samples.size(); i++) {
      JsonNode e = expected.get(i);
      Sample s = samples.get(i);
      String at = id + " sample " + i;
      assertEquals(e.get("id").asText(), s.id(), at);
      assertEquals(Task.RES, s.task(), at);
      assertEquals(e.get("text").asText(), s.text(), at);
      assertEquals(e.get("file_name").asText(), s.image().name(), at);
      assertEquals(e.get("height").asInt(), s.image().height(), at);
      assertEquals(e.get("width").asInt(), s.image().width(), at);
      assertTrue(s.visualPrompts().isEmpty(), at);
      Target.Masks t = (Target.Masks) s.target();
      assertEquals(1, t.masks().size(), at);
      assertEquals(e.get("counts").asText(), RleCodec.encode(t.masks().get(0)), at + " mask");
      assertEquals(e.get("area").asLong(), t.masks().get(0).area(), at);
      assertEquals(e.get("no_target").asBoolean(), t.noTarget(), at);
    }
  }

  static Path resource(String name) {
    try {
      return Path.of(ReferFixtureTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readExpected() {
    try {
      return new ObjectMapper().readTree(ROOT.resolve("expected.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.perbench.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.refer.ReferLoader;
import dev.perbench.data.refer.ReferSource;
import dev.perbench.data.stbench.StBenchLoader;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import dev.perbench.metrics.mask.RleCodec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import net.razorvine.pickle.Unpickler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the written files say, checked against the scenes regenerated in memory: every mask is its
 * shape's, every text means exactly its targets.
 */
class MiniContentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static List<SceneSamples> scenes = new ArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    MiniBenchmark.TEST.generate(dir);
    for (int i = 0; i < MiniBenchmark.TEST.count(); i++) {
      scenes.add(MiniGenerator.samples("test", i, MiniBenchmark.TEST.seed()));
    }
  }

  @Test
  void everyRleInThePerBenchFilesDecodesToTheMaskOfAFullyVisibleShapeOfItsScene()
      throws IOException {
    int masks = 0;
    for (JsonNode r : read("STBench_Detailed_Caption.json")) {
      for (JsonNode o : r.get("object_annotations")) {
        fullyVisibleShape(r, o.get("segmentation"));
        masks++;
      }
    }
    for (JsonNode r : read("STBench_MCQ.json")) {
      for (JsonNode q : r.get("mcqs")) {
        fullyVisibleShape(r, q.get("object"));
        masks++;
      }
    }
    for (JsonNode r : read("STBench_VRES.json")) {
      for (JsonNode rle : r.get("segmentations")) {
        fullyVisibleShape(r, rle);
        masks++;
      }
    }
    assertTrue(masks > 1000, "masks checked: " + masks);
  }

  @Test
  void everyPolygonInInstancesRasterisesToItsShapesMaskWithItsAreaBoxAndCategory()
      throws IOException {
    JsonNode instances = JSON.readTree(dir.resolve("refer/perbench-mini/instances.json").toFile());
    assertEquals(scenes.size(), instances.get("images").size());
    int n = 0;
    Map<Integer, Integer> perImage = new HashMap<>();
    for (JsonNode a : instances.get("annotations")) {
      assertEquals(++n, a.get("id").asInt());
      int image = a.get("image_id").asInt();
      int z = perImage.merge(image, 1, Integer::sum) - 1;
      Shape s = scenes.get(image - 1).scene().shapes().get(z);
      List<double[]> polygons = new ArrayList<>();
      for (JsonNode p : a.get("segmentation")) {
        double[] xy = new double[p.size()];
        for (int i = 0; i < xy.length; i++) {
          assertTrue(p.get(i).isDouble(), "coordinates are written as decimals: " + p.get(i));
          xy[i] = p.get(i).doubleValue();
        }
        polygons.add(xy);
      }
      Mask m = PolygonRasterizer.rasterize(polygons, Scene.HEIGHT, Scene.WIDTH);
      assertEquals(s.mask(), m, "annotation " + n);
      assertEquals(m.area(), a.get("area").asLong());
      double[] box = m.boundingBox();
      for (int i = 0; i < 4; i++) {
        assertEquals((int) box[i], a.get("bbox").get(i).asInt());
      }
      assertEquals(s.kind().categoryId(), a.get("category_id").asInt());
      assertEquals(0, a.get("iscrowd").asInt());
    }
    for (int i = 0; i < scenes.size(); i++) {
      assertEquals(scenes.get(i).scene().shapes().size(), perImage.get(i + 1));
    }
  }

  @Test
  void everyShapeUsedByATaskShowsAllItsPixelsInItsColourInTheImage() throws IOException {
    for (SceneSamples s : scenes) {
      BufferedImage image = ImageIO.read(dir.resolve("images/" + s.scene().imageName()).toFile());
      Set<Shape> used = new HashSet<>();
      s.refs().forEach(r -> used.add(r.target()));
      s.vres().forEach(v -> v.segmentations().forEach(t -> used.add(t.shape())));
      s.mcqs().forEach(q -> used.add(q.shape()));
      s.captions().forEach(c -> used.add(c.shape()));
      for (Shape shape : used) {
        byte[] bits = shape.mask().toBitmap();
        for (int p = 0; p < bits.length; p++) {
          if (bits[p] != 0) {
            assertEquals(
                shape.colour().rgb(),
                image.getRGB(p % Scene.WIDTH, p / Scene.WIDTH) & 0xFFFFFF,
                shape + " pixel " + p);
          }
        }
      }
    }
  }

  @Test
  void everyResSentenceParsesAndMeansExactlyItsTarget() throws IOException {
    List<?> refs;
    try (InputStream in = Files.newInputStream(dir.resolve("refer/perbench-mini/refs(unc).p"))) {
      refs = (List<?>) new Unpickler().load(in);
    }
    Map<Long, Shape> byAnnotation = new HashMap<>();
    Map<Long, Integer> sceneOfAnnotation = new HashMap<>();
    long id = 1;
    for (SceneSamples s : scenes) {
      for (Shape shape : s.scene().shapes()) {
        sceneOfAnnotation.put(id, s.scene().index());
        byAnnotation.put(id++, shape);
      }
    }
    int sentences = 0;
    for (int i = 0; i < refs.size(); i++) {
      Map<?, ?> ref = (Map<?, ?>) refs.get(i);
      assertEquals(i, ((Number) ref.get("ref_id")).intValue());
      assertEquals("test", ref.get("split"));
      long ann = ((Number) ref.get("ann_id")).longValue();
      Scene scene = scenes.get(sceneOfAnnotation.get(ann)).scene();
      Shape target = byAnnotation.get(ann);
      assertEquals(scene.index() + 1, ((Number) ref.get("image_id")).intValue());
      assertEquals(scene.imageName(), ref.get("file_name"));
      assertEquals(target.kind().categoryId(), ((Number) ref.get("category_id")).intValue());
      assertTrue(scene.fullyVisible(target));
      List<?> sents = (List<?>) ref.get("sentences");
      assertTrue(sents.size() == 1 || sents.size() == 2);
      for (int k = 0; k < sents.size(); k++) {
        Map<?, ?> sent = (Map<?, ?>) sents.get(k);
        String text = (String) sent.get("sent");
        assertEquals(sentences++, ((Number) sent.get("sent_id")).intValue());
        assertEquals(((List<?>) ref.get("sent_ids")).get(k), sent.get("sent_id"));
        assertEquals(text, sent.get("raw"));
        assertEquals(List.of(text.split(" ")), sent.get("tokens"));
        RefExpression e = RefExpression.parse(text);
        assertEquals(text, e.text());
        assertTrue(e.identifies(scene, target), text + " in scene " + scene.index());
        if (e.form() == RefExpression.Form.PLAIN) {
          // Recounted by hand: exactly one shape has the attributes said.
          Description d = e.head();
          long matching =
              scene.shapes().stream()
                  .filter(
                      s ->
                          (d.size() == null || s.size() == d.size())
                              && (d.colour() == null || s.colour() == d.colour())
                              && (d.kind() == null || s.kind() == d.kind()))
                  .count();
          assertEquals(1, matching, text);
        }
      }
    }
    assertEquals(300, sentences, "the test split's sentence count");
  }

  @Test
  void everyMcqHasFourDistinctOptionsAndExactlyOneIsTheAnswerAndTrueOfTheShape()
      throws IOException {
    Pattern option = Pattern.compile("([A-D])\\. (.+)");
    for (JsonNode r : read("STBench_MCQ.json")) {
      for (JsonNode q : r.get("mcqs")) {
        Shape s = fullyVisibleShape(r, q.get("object"));
        String question = q.get("question").asText();
        String answer = q.get("answer").asText();
        assertTrue(question.endsWith("\n"));
        String[] lines = question.split("\n");
        assertEquals(5, lines.length, question);
        Set<String> texts = new HashSet<>();
        int equal = 0;
        String answerText = null;
        for (int i = 1; i < 5; i++) {
          Matcher m = option.matcher(lines[i]);
          assertTrue(m.matches(), lines[i]);
          assertEquals(String.valueOf((char) ('A' + i - 1)), m.group(1));
          assertTrue(texts.add(m.group(2)), "duplicate option in " + question);
          if (lines[i].equals(answer)) {
            equal++;
            answerText = m.group(2);
          }
        }
        assertEquals(1, equal, question + " / " + answer);
        String sentence = lines[0];
        String expected =
            switch (sentence) {
              case "What colour is the marked shape?" -> s.colour().word();
              case "What kind of shape is marked?" -> s.kind().word();
              case "Which description fits the marked shape?" -> s.words();
              default -> Spatial.Quadrant.of(s.box()).words;
            };
        assertEquals(expected, answerText, question);
      }
    }
  }

  @Test
  void vresTagsAreNeverSubstringsOfEachOtherAndMeanExactlyTheirTargets() throws IOException {
    Map<Pattern, Rule> rules = new HashMap<>();
    rules.put(
        Pattern.compile("Segment the shape with the same colour as <region1>\\."),
        (c, p) -> s -> s.colour() == p.get(0).colour());
    rules.put(
        Pattern.compile("Segment all shapes with the same colour as <region1>\\."),
        (c, p) -> s -> s.colour() == p.get(0).colour());
    rules.put(
        Pattern.compile("Segment the shape of the same kind as <region1>\\."),
        (c, p) -> s -> s.kind() == p.get(0).kind());
    rules.put(
        Pattern.compile("Segment all shapes of the same kind as <region1>\\."),
        (c, p) -> s -> s.kind() == p.get(0).kind());
    rules.put(
        Pattern.compile(
            "Segment the (red|green|blue|yellow|purple|orange) shape of the same kind as"
                + " <region1>\\."),
        (c, p) -> s -> s.kind() == p.get(0).kind() && s.colour().word().equals(c));
    rules.put(
        Pattern.compile(
            "Segment the (circle|square|triangle|star) with the same colour as <region1>\\."),
        (c, p) -> s -> s.colour() == p.get(0).colour() && s.kind().word().equals(c));
    rules.put(
        Pattern.compile(
            "Segment the shape with the colour of <region1> and the kind of <region2>\\."),
        (c, p) -> s -> s.colour() == p.get(0).colour() && s.kind() == p.get(1).kind());
    int gaps = 0;
    int multi = 0;
    for (JsonNode r : read("STBench_VRES.json")) {
      String question = r.get("question").asText();
      String answer = r.get("answer").asText();
      List<String> tags = new ArrayList<>();
      r.get("segmentations").fieldNames().forEachRemaining(tags::add);
      for (String a : tags) {
        for (String b : tags) {
          assertTrue(a.equals(b) || !a.contains(b), a + " contains " + b);
        }
        assertTrue(
            question.contains(a) != answer.contains(a), a + " in " + question + " / " + answer);
      }
      List<Shape> prompts = new ArrayList<>();
      List<Shape> targets = new ArrayList<>();
      for (String tag : tags) {
        Shape s = fullyVisibleShape(r, r.get("segmentations").get(tag));
        (tag.startsWith("<region") ? prompts : targets).add(s);
      }
      assertEquals(
          answer,
          String.join(
              " and ", tags.stream().filter(t -> t.startsWith("<target")).sorted().toList()));
      int lastRegion = -1;
      for (int k = 0; k < tags.size(); k++) {
        lastRegion = tags.get(k).startsWith("<region") ? k : lastRegion;
      }
      gaps += tags.indexOf("<target1>") < lastRegion ? 1 : 0;
      multi += targets.size() > 1 ? 1 : 0;
      Scene scene = sceneOf(r);
      List<Shape> expected = null;
      for (Map.Entry<Pattern, Rule> e : rules.entrySet()) {
        Matcher m = e.getKey().matcher(question);
        if (m.matches()) {
          Predicate<Shape> wanted =
              e.getValue().wanted(m.groupCount() > 0 ? m.group(1) : null, prompts);
          expected =
              scene.shapes().stream().filter(s -> !prompts.contains(s) && wanted.test(s)).toList();
        }
      }
      assertNotNull(expected, "no rule reads: " + question);
      assertEquals(new HashSet<>(expected), new HashSet<>(targets), question);
      assertEquals(question.startsWith("Segment all") ? 2 : 1, targets.size(), question);
      for (int i = 1; i < targets.size(); i++) {
        assertTrue(targets.get(i - 1).box().centreX() <= targets.get(i).box().centreX());
      }
    }
    assertTrue(gaps > 20, "records with a target tag before a prompt tag: " + gaps);
    assertTrue(multi > 20, "multi-target records: " + multi);
  }

  @Test
  void theLoaderNumbersVresPromptSlotsByPositionInSegmentations() throws IOException {
    List<Sample> samples =
        StBenchLoader.referringSegmentation(
            dir.resolve("STBench_VRES.json"), dir.resolve("images"));
    Iterator<JsonNode> records = read("STBench_VRES.json").iterator();
    for (Sample s : samples) {
      JsonNode r = records.next();
      List<String> tags = new ArrayList<>();
      r.get("segmentations").fieldNames().forEachRemaining(tags::add);
      List<Integer> slots = new ArrayList<>();
      for (int k = 0; k < tags.size(); k++) {
        if (tags.get(k).startsWith("<region")) {
          slots.add(k);
        }
      }
      assertEquals(slots, s.visualPrompts().stream().map(p -> p.slot()).toList());
      assertFalse(s.text().contains("<region"));
      assertEquals(tags.size() - slots.size(), ((Target.Masks) s.target()).masks().size());
    }
  }

  @Test
  void theReferLoaderReadsOneSamplePerSentenceWithItsTargetsMask() {
    Path dataset = dir.resolve(MiniGenerator.REFER_DIR);
    List<Sample> samples =
        ReferLoader.load(
                ReferSource.refer(MiniBenchmark.ID, dataset, "unc", dir.resolve("images")), "test")
            .samples();
    Iterator<Sample> it = samples.iterator();
    int sentId = 0;
    for (SceneSamples s : scenes) {
      for (SceneSamples.Ref r : s.refs()) {
        for (RefExpression e : r.sentences()) {
          Sample sample = it.next();
          assertEquals(Integer.toString(sentId++), sample.id());
          assertEquals(e.text(), sample.text());
          assertEquals(s.scene().imageName(), sample.image().name());
          assertEquals(List.of(r.target().mask()), ((Target.Masks) sample.target()).masks());
        }
      }
    }
    assertFalse(it.hasNext());
  }

  @Test
  void captionsFollowTheGrammarAndNameTheirShape() throws IOException {
    String a = "an? \\w+ \\w+";
    Pattern grammar =
        Pattern.compile(
            "A (small|medium|large) \\w+ \\w+ (at|on|in) the [a-z ]+"
                + " of the image(, partly covering "
                + a
                + "((, "
                + a
                + ")* and "
                + a
                + ")?)?\\."
                + "( The nearest shape is a (small|medium|large) \\w+ \\w+"
                + " (to its (left|right)|above it|below it)\\.)?");
    for (JsonNode r : read("STBench_Detailed_Caption.json")) {
      for (JsonNode o : r.get("object_annotations")) {
        Shape s = fullyVisibleShape(r, o.get("segmentation"));
        String caption = o.get("caption").asText();
        assertTrue(grammar.matcher(caption).matches(), caption);
        assertTrue(caption.startsWith("A " + s.words() + " "), caption);
      }
    }
  }

  private interface Rule {
    Predicate<Shape> wanted(String word, List<Shape> prompts);
  }

  private static JsonNode read(String file) throws IOException {
    return JSON.readTree(dir.resolve(file).toFile());
  }

  private static Scene sceneOf(JsonNode record) {
    String name = record.get("image_name").asText();
    Scene scene = scenes.get(Integer.parseInt(name.substring(5, 11))).scene();
    assertEquals(name, scene.imageName());
    return scene;
  }

  /** The fully visible shape of the record's scene whose mask the RLE object is. */
  private static Shape fullyVisibleShape(JsonNode record, JsonNode rle) {
    assertEquals(Scene.HEIGHT, rle.get("size").get(0).asInt());
    assertEquals(Scene.WIDTH, rle.get("size").get(1).asInt());
    Mask m = RleCodec.decode(Scene.HEIGHT, Scene.WIDTH, rle.get("counts").asText());
    Scene scene = sceneOf(record);
    for (Shape s : scene.shapes()) {
      if (s.mask().equals(m)) {
        assertTrue(scene.fullyVisible(s), s + " is occluded");
        return s;
      }
    }
    throw new AssertionError("no shape of " + scene.imageName() + " has this mask");
  }
}

package dev.perbench.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.refer.Py2PickleWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic, RefCOCO-shaped refer dataset: {@code refs(unc).p} (a Python 2 pickle with
 * every field the real one has) and {@code instances.json} (COCO fields in COCO's order, the
 * segmentation first), one ref per referred annotation, optionally followed by annotations no ref
 * names (the real instances.json holds every COCO object of the images). Deterministic for a seed.
 */
public final class SyntheticRefer {
  /** RefCOCO (unc) refs per split: train, val, testA, testB. */
  private static final String[] SPLITS = {"train", "val", "testA", "testB"};

  private static final double[] SPLIT_SHARE = {42404, 3811, 1975, 1810};

  /** RefCOCO: 19,994 images for 50,000 refs. */
  static final double IMAGES_PER_REF = 19994.0 / 50000.0;

  private static final int[][] SIZES = {
    {480, 640}, {427, 640}, {640, 480}, {640, 427}, {375, 500}, {500, 375}, {424, 640}
  };
  private static final String[] WORDS =
      ("man woman left right middle guy girl red blue white black shirt player chair table car bus"
           + " dog cat horse front back far near small big top bottom sitting standing umbrella"
           + " bike person elephant giraffe plate bowl pizza behind closest second tall short green"
           + " yellow jacket hat")
          .split(" ");

  public record Counts(int images, int refs, int sentences, int annotations) {}

  private SyntheticRefer() {}

  /**
   * Writes {@code dir/refs(unc).p} and {@code dir/instances.json}.
   *
   * @param refs referred annotations (one ref each)
   * @param sentences sentences over all refs, spread evenly
   * @param extraAnnotations annotations that no ref names
   */
  public static Counts write(Path dir, int refs, int sentences, int extraAnnotations, long seed)
      throws IOException {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(seed);
    int images = Math.max(1, (int) Math.round(refs * IMAGES_PER_REF));
    int[][] imageSize = new int[images][];
    String[] imageSplit = new String[images];
    for (int i = 0; i < images; i++) {
      imageSize[i] = SIZES[random.nextInt(SIZES.length)];
      imageSplit[i] = pickSplit(random.nextDouble()); // RefCOCO splits are by image
    }
    List<Object> refList = new ArrayList<>(refs);
    for (int r = 0; r < refs; r++) {
      int image = (int) ((long) r * images / refs);
      int n = (int) ((long) (r + 1) * sentences / refs - (long) r * sentences / refs);
      refList.add(ref(r, image, imageSplit[image], n, random));
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve("refs(unc).p"))) {
      Py2PickleWriter.write(refList, out);
    }
    refList = null; // the instances pass below needs the memory more
    try (JsonGenerator g =
        new ObjectMapper()
            .getFactory()
            .createGenerator(dir.resolve("instances.json").toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeObjectFieldStart("info");
      g.writeStringField("description", "synthetic RefCOCO-sized refer dataset");
      g.writeEndObject();
      g.writeArrayFieldStart("images");
      for (int i = 0; i < images; i++) {
        g.writeStartObject();
        g.writeNumberField("license", 1);
        g.writeStringField("file_name", fileName(i));
        g.writeNumberField("height", imageSize[i][0]);
        g.writeNumberField("width", imageSize[i][1]);
        g.writeStringField("date_captured", "2013-11-14 11:18:45");
        g.writeNumberField("id", imageId(i));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("annotations");
      for (int a = 0; a < refs + extraAnnotations; a++) {
        int image = a < refs ? (int) ((long) a * images / refs) : random.nextInt(images);
        writeAnnotation(g, a, image, imageSize[image], random);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("categories");
      for (int c = 1; c <= 80; c++) {
        g.writeStartObject();
        g.writeStringField("supercategory", "thing");
        g.writeNumberField("id", c);
        g.writeStringField("name", "category " + c);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return new Counts(images, refs, sentences, refs + extraAnnotations);
  }

  private static String pickSplit(double u) {
    double total = 0;
    for (double s : SPLIT_SHARE) {
      total += s;
    }
    double acc = 0;
    for (int k = 0; k < SPLITS.length; k++) {
      acc += SPLIT_SHARE[k] / total;
      if (u < acc) {
        return SPLITS[k];
      }
    }
    return SPLITS[SPLITS.length - 1];
  }

  private static long imageId(int i) {
    return 9 + 7L * i;
  }

  private static long annId(int a) {
    return 1_000_000L + 3L * a;
  }

  private static String fileName(int i) {
    return String.format("COCO_train2014_%012d.jpg", imageId(i));
  }

  private static Map<String, Object> ref(
      int r, int image, String split, int sentences, SplittableRandom random) {
    List<Object> sentIds = new ArrayList<>(sentences);
    List<Object> sents = new ArrayList<>(sentences);
    for (int s = 0; s < sentences; s++) {
      long sentId = 3L * r + 1_000_000L * s; // unique: s < 1000 in practice, r < 10^6/3
      List<Object> tokens = new ArrayList<>();
      int n = 2 + random.nextInt(6);
      for (int t = 0; t < n; t++) {
        tokens.add(WORDS[random.nextInt(WORDS.length)]);
      }
      String sent = String.join(" ", tokens.stream().map(Object::toString).toList());
      Map<String, Object> sentence = new LinkedHashMap<>();
      sentence.put("tokens", tokens);
      sentence.put("raw", Character.toUpperCase(sent.charAt(0)) + sent.substring(1));
      sentence.put("sent_id", sentId);
      sentence.put("sent", sent);
      sentIds.add(sentId);
      sents.add(sentence);
    }
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("sent_ids", sentIds);
    ref.put("file_name", String.format("COCO_train2014_%012d_%d.jpg", imageId(image), annId(r)));
    ref.put("ann_id", annId(r));
    ref.put("ref_id", r);
    ref.put("image_id", imageId(image));
    ref.put("split", split);
    ref.put("sentences", sents);
    ref.put("category_id", 1 + random.nextInt(80));
    return ref;
  }

  /** A COCO-like object: one star-shaped polygon of 20-60 vertices (sometimes two). */
  private static void writeAnnotation(
      JsonGenerator g, int a, int image, int[] size, SplittableRandom random) throws IOException {
    int h = size[0];
    int w = size[1];
    g.writeStartObject();
    g.writeArrayFieldStart("segmentation");
    int parts = random.nextInt(10) == 0 ? 2 : 1;
    double area = 0;
    for (int p = 0; p < parts; p++) {
      double cover = 0.01 + random.nextDouble() * 0.39;
      double radius = Math.sqrt(cover * h * w / Math.PI) / parts;
      double cx = radius + random.nextDouble() * Math.max(1, w - 2 * radius);
      double cy = radius + random.nextDouble() * Math.max(1, h - 2 * radius);
      int n = 20 + random.nextInt(41);
      g.writeStartArray();
      for (int v = 0; v < n; v++) {
        double angle = 2 * Math.PI * v / n;
        double rr = radius * (0.7 + 0.3 * random.nextDouble());
        g.writeNumber(Math.round((cx + rr * Math.cos(angle)) * 100) / 100.0);
        g.writeNumber(Math.round((cy + rr * Math.sin(angle)) * 100) / 100.0);
      }
      g.writeEndArray();
      area += Math.PI * radius * radius * 0.72;
    }
    g.writeEndArray();
    g.writeNumberField("area", Math.round(area * 100) / 100.0);
    g.writeNumberField("iscrowd", 0);
    g.writeNumberField("image_id", imageId(image));
    g.writeArrayFieldStart("bbox");
    for (int k = 0; k < 4; k++) {
      g.writeNumber(0.0);
    }
    g.writeEndArray();
    g.writeNumberField("category_id", 1 + random.nextInt(80));
    g.writeNumberField("id", annId(a));
    g.writeEndObject();
  }
}

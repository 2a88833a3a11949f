package dev.perbench.data.mini;

import dev.perbench.data.refer.Py2PickleWriter;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the refer layout of one split: {@code instances.json} (COCO images, annotations with
 * polygon segmentations, categories; streamed) and {@code refs(unc).p} (a Python 2 pickle of the
 * refs, written at the end).
 *
 * <p>Every shape of every scene is an annotation: id counting from 1 in scene and painting order,
 * category its kind, {@code bbox} and {@code area} those of its rasterised mask (integers),
 * segmentation its full polygon (occluded shapes included; they are never referred to). Image ids
 * are the scene index + 1. Ref ids and sentence ids count from 0 in file order; a ref's {@code
 * file_name} is its image's file name.
 */
final class ReferWriter implements Closeable {
  private final Path refsFile;
  private final String split;
  private final BufferedWriter instances;
  private final JsonOut.ListWriter annotations;
  private final List<Object> refs = new ArrayList<>();
  private long nextAnnotationId = 1;
  private int nextSentenceId;

  /** Starts {@code instances.json} with the images of all {@code imageNames} (index order). */
  ReferWriter(Path dir, String split, List<String> imageNames) throws IOException {
    this.refsFile = dir.resolve(MiniGenerator.REFS_FILE);
    this.split = split;
    this.instances =
        Files.newBufferedWriter(dir.resolve(MiniGenerator.INSTANCES_FILE), StandardCharsets.UTF_8);
    JsonOut.ListWriter images = new JsonOut.ListWriter(instances, "{\"images\":[", "],\n");
    for (int i = 0; i < imageNames.size(); i++) {
      Map<String, Object> image = JsonOut.object();
      image.put("id", i + 1);
      image.put("file_name", imageNames.get(i));
      image.put("height", Scene.HEIGHT);
      image.put("width", Scene.WIDTH);
      images.add(image);
    }
    images.end();
    annotations = new JsonOut.ListWriter(instances, "\"annotations\":[", "],\n");
  }

  void add(SceneSamples s) {
    Scene scene = s.scene();
    int imageId = scene.index() + 1;
    long firstId = nextAnnotationId;
    for (Shape shape : scene.shapes()) {
      Box b = shape.box();
      Map<String, Object> a = JsonOut.object();
      a.put("id", nextAnnotationId++);
      a.put("image_id", imageId);
      a.put("category_id", shape.kind().categoryId());
      a.put("bbox", List.of(b.minX(), b.minY(), b.maxX() - b.minX() + 1, b.maxY() - b.minY() + 1));
      a.put("area", shape.mask().area());
      a.put("iscrowd", 0);
      a.put("segmentation", JsonOut.polygons(shape.polygon()));
      annotations.add(a);
    }
    for (SceneSamples.Ref r : s.refs()) {
      List<Object> sentences = new ArrayList<>();
      List<Object> sentIds = new ArrayList<>();
      for (RefExpression e : r.sentences()) {
        String text = e.text();
        Map<String, Object> sentence = JsonOut.object();
        sentence.put("sent_id", nextSentenceId);
        sentence.put("sent", text);
        sentence.put("raw", text);
        sentence.put("tokens", List.of(text.split(" ")));
        sentences.add(sentence);
        sentIds.add(nextSentenceId++);
      }
      Map<String, Object> ref = JsonOut.object();
      ref.put("ref_id", refs.size());
      ref.put("ann_id", firstId + r.target().z());
      ref.put("image_id", imageId);
      ref.put("category_id", r.target().kind().categoryId());
      ref.put("split", split);
      ref.put("sentences", sentences);
      ref.put("sent_ids", sentIds);
      ref.put("file_name", scene.imageName());
      refs.add(ref);
    }
  }

  @Override
  public void close() throws IOException {
    try (instances) {
      annotations.end();
      JsonOut.ListWriter categories = new JsonOut.ListWriter(instances, "\"categories\":[", "]}\n");
      for (ShapeKind k : ShapeKind.values()) {
        Map<String, Object> c = JsonOut.object();
        c.put("id", k.categoryId());
        c.put("name", k.word());
        c.put("supercategory", "shape");
        categories.add(c);
      }
      categories.end();
    }
    try (OutputStream out = Files.newOutputStream(refsFile)) {
      Py2PickleWriter.write(refs, out);
    }
  }
}

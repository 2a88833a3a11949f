package dev.perbench.data.refer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small refer dataset built in memory and written in the real formats (a Python 2 pickle via
 * {@link Py2PickleWriter}, instances.json via Jackson), for tests that break one thing at a time.
 * By default: image 1 (20x30) with annotation 10 (a triangle) and ref 0 (val, sentences 100 and
 * 101) pointing at it; image 2 (10x10) with annotation 20 and ref 1 (val, sentence 102).
 */
final class TinyRefer {
  private final Path dir;
  private final boolean generalized;
  private final List<Map<String, Object>> refs = new ArrayList<>();
  private final List<Map<String, Object>> images = new ArrayList<>();
  private final List<Map<String, Object>> annotations = new ArrayList<>();

  TinyRefer(Path root, boolean generalized) {
    this.dir = root.resolve(generalized ? "grefcoco" : "refcoco");
    this.generalized = generalized;
    addImage(1, 20, 30);
    addImage(2, 10, 10);
    addAnnotation(10, 1, List.of(List.of(1.0, 1.0, 12.5, 2.0, 6.0, 15.0)));
    addAnnotation(20, 2, List.of(List.of(0.0, 0.0, 5.0, 0.0, 5.0, 5.0, 0.0, 5.0)));
    addRef(0, 10, 1, "val", 100, 101);
    addRef(1, 20, 2, "val", 102);
  }

  List<Map<String, Object>> refs() {
    return refs;
  }

  Map<String, Object> ref(int i) {
    return refs.get(i);
  }

  List<Map<String, Object>> annotations() {
    return annotations;
  }

  Map<String, Object> annotation(int i) {
    return annotations.get(i);
  }

  List<Map<String, Object>> images() {
    return images;
  }

  void addRef(long refId, Object annId, long imageId, String split, long... sentIds) {
    List<Object> sentences = new ArrayList<>();
    for (long id : sentIds) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("tokens", List.of("thing", Long.toString(id)));
      s.put("raw", "Thing " + id);
      s.put("sent_id", id);
      s.put("sent", "thing " + id);
      sentences.add(s);
    }
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("ref_id", refId);
    ref.put("ann_id", generalized && !(annId instanceof List) ? List.of(annId) : annId);
    ref.put("image_id", imageId);
    ref.put("split", split);
    ref.put("sentences", sentences);
    ref.put("category_id", 1);
    refs.add(ref);
  }

  void addImage(long id, int height, int width) {
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("id", id);
    image.put("file_name", "img" + id + ".jpg");
    image.put("height", height);
    image.put("width", width);
    images.add(image);
  }

  void addAnnotation(long id, long imageId, Object segmentation) {
    Map<String, Object> ann = new LinkedHashMap<>();
    ann.put("segmentation", segmentation);
    ann.put("iscrowd", 0);
    ann.put("image_id", imageId);
    ann.put("category_id", 1);
    ann.put("id", id);
    annotations.add(ann);
  }

  /** Writes the refs pickle (or {@code refsValue} instead of the refs) and instances.json. */
  ReferSource write() {
    return write(refs);
  }

  ReferSource write(Object refsValue) {
    try {
      Files.createDirectories(dir);
      Files.write(refsFile(), Py2PickleWriter.toBytes(refsValue));
      Map<String, Object> instances = new LinkedHashMap<>();
      instances.put("images", images);
      instances.put("annotations", annotations);
      instances.put("categories", List.of(Map.of("id", 1, "name", "thing")));
      new ObjectMapper().writeValue(instancesFile().toFile(), instances);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return source();
  }

  ReferSource source() {
    return new ReferSource(
        generalized ? "grefcoco" : "refcoco", dir, "unc", dir.resolve("images"), generalized);
  }

  Path refsFile() {
    return dir.resolve(generalized ? "grefs(unc).p" : "refs(unc).p");
  }

  Path instancesFile() {
    return dir.resolve("instances.json");
  }
}

package dev.perbench.data.refer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.DataFormatException;
import dev.perbench.data.LoadedSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is refused with a message naming the file and the record. */
class ReferErrorTest {
  @TempDir Path root;

  private DataFormatException refused(
      ReferSource source, String split, Path file, String... parts) {
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> ReferLoader.load(source, split));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }
    return e;
  }

  @Test
  @DisplayName("the untouched tiny dataset loads (the baseline of every case below)")
  void baseline() {
    LoadedSplit split = ReferLoader.load(new TinyRefer(root, false).write(), "val");
    assertEquals(List.of("100", "101", "102"), split.samples().stream().map(s -> s.id()).toList());
  }

  @Test
  @DisplayName("a missing refs file names the file and the expected layout")
  void missingRefs() throws IOException {
    TinyRefer data = new TinyRefer(root, false);
    ReferSource source = data.write();
    Files.delete(data.refsFile());
    refused(
        source,
        "val",
        data.refsFile(),
        "no refs file",
        "refer layout expects",
        "refs(unc).p",
        "instances.json");
  }

  @Test
  @DisplayName("gRefCOCO with neither grefs file names both candidates")
  void missingGrefs() throws IOException {
    TinyRefer data = new TinyRefer(root, true);
    ReferSource source = data.write();
    Files.delete(data.refsFile());
    refused(source, "val", data.refsFile(), "grefs(unc).p or grefs(unc).json");
  }

  @Test
  @DisplayName("a missing instances.json names the file and the expected layout")
  void missingInstances() throws IOException {
    TinyRefer data = new TinyRefer(root, false);
    ReferSource source = data.write();
    Files.delete(data.instancesFile());
    refused(source, "val", data.instancesFile(), "no such file", "refer layout expects");
  }

  @Test
  @DisplayName("a file that is not a pickle, and a truncated pickle, are refused")
  void notAPickle() throws IOException {
    TinyRefer data = new TinyRefer(root, false);
    ReferSource source = data.write();
    byte[] good = Files.readAllBytes(data.refsFile());
    Files.write(data.refsFile(), Arrays.copyOf(good, good.length / 2));
    refused(source, "val", data.refsFile(), "not a readable pickle");
    Files.writeString(data.refsFile(), "{\"refs\": []}");
    refused(source, "val", data.refsFile(), "not a readable pickle");
  }

  @Test
  @DisplayName("a pickle holding a dict instead of a list of refs is refused")
  void notAList() {
    TinyRefer data = new TinyRefer(root, false);
    refused(
        data.write(Map.of("refs", data.refs())),
        "val",
        data.refsFile(),
        "expected a list of refs, found a dict");
  }

  @Test
  @DisplayName("a ref that is not a dict is named by its index")
  void refNotADict() {
    TinyRefer data = new TinyRefer(root, false);
    refused(
        data.write(List.of(data.ref(0), "oops")),
        "val",
        data.refsFile(),
        "ref 1: expected a dict, found a string");
  }

  @Test
  @DisplayName("missing or mistyped ref fields are named with the ref_id")
  void refFields() {
    TinyRefer data = new TinyRefer(root, false);
    data.ref(1).remove("sentences");
    refused(
        data.write(),
        "val",
        data.refsFile(),
        "ref_id 1 (ref 1)",
        "\"sentences\" must be a list, found None");

    data = new TinyRefer(root, false);
    data.ref(0).put("image_id", "1");
    refused(
        data.write(),
        "val",
        data.refsFile(),
        "ref_id 0 (ref 0)",
        "\"image_id\" must be an int, found a string");

    data = new TinyRefer(root, false);
    data.ref(0).put("split", 3);
    refused(data.write(), "val", data.refsFile(), "\"split\" must be a string");

    data = new TinyRefer(root, false);
    data.ref(0).remove("ref_id");
    refused(
        data.write(),
        "val",
        data.refsFile(),
        "ref 0: \"ref_id\" must be an int, found no" + " such key");

    data = new TinyRefer(root, false);
    data.ref(0).put("ann_id", List.of(10));
    refused(
        data.write(),
        "val",
        data.refsFile(),
        "ref_id 0",
        "\"ann_id\" must be an int, found a list");
  }

  @Test
  @DisplayName("a bad sentence is named with its ref_id and position")
  void sentenceFields() {
    TinyRefer data = new TinyRefer(root, false);
    @SuppressWarnings("unchecked")
    Map<String, Object> sentence =
        ((List<Map<String, Object>>) data.ref(0).get("sentences")).get(1);
    sentence.remove("sent");
    refused(
        data.write(),
        "val",
        data.refsFile(),
        "ref_id 0 (ref 0), sentence 1",
        "\"sent\" must be a string");
  }

  @Test
  @DisplayName("a sent_id used twice is refused, since it is the sample id")
  void duplicateSentId() {
    TinyRefer data = new TinyRefer(root, false);
    data.addRef(2, 20, 2, "train", 101);
    refused(data.write(), "val", data.refsFile(), "ref_id 2 (ref 2)", "sent_id 101");
  }

  @Test
  @DisplayName("gRefCOCO ann_id: an empty list, or -1 mixed with real ids, is refused")
  void grefcocoAnnIds() {
    TinyRefer data = new TinyRefer(root, true);
    data.ref(0).put("ann_id", List.of());
    refused(data.write(), "val", data.refsFile(), "ref_id 0", "empty list");
    data = new TinyRefer(root, true);
    data.ref(1).put("ann_id", List.of(20, -1));
    refused(data.write(), "val", data.refsFile(), "ref_id 1", "mixes -1");
  }

  @Test
  @DisplayName("a ref pointing to an unknown annotation names the ref and the annotation")
  void unknownAnnotation() {
    TinyRefer data = new TinyRefer(root, false);
    data.ref(1).put("ann_id", 99);
    refused(
        data.write(),
        "val",
        data.refsFile(),
        "ref_id 1: ann_id 99 is not among the" + " annotations of " + data.instancesFile());
  }

  @Test
  @DisplayName("a ref pointing to an unknown image names the ref and the image")
  void unknownImage() {
    TinyRefer data = new TinyRefer(root, false);
    data.images().remove(1);
    refused(
        data.write(),
        "val",
        data.refsFile(),
        "ref_id 1: image_id 2 is not among the" + " images of " + data.instancesFile());
  }

  @Test
  @DisplayName("an annotation on another image than its ref's is refused")
  void annotationOnOtherImage() {
    TinyRefer data = new TinyRefer(root, false);
    data.ref(1).put("image_id", 1);
    refused(
        data.write(),
        "val",
        data.refsFile(),
        "ref_id 1: ann_id 20 belongs to image_id 2," + " not the ref's image_id 1");
  }

  @Test
  @DisplayName(
      "an RLE whose size disagrees with the image names instances.json and the" + " annotation")
  void rleSizeMismatch() {
    TinyRefer data = new TinyRefer(root, false);
    data.annotation(1).put("segmentation", Map.of("size", List.of(10, 11), "counts", List.of(110)));
    refused(
        data.write(),
        "val",
        data.instancesFile(),
        "annotation id 20 (ref_id 1",
        "RLE size 10x11 differs from the expected 10x10");
  }

  @Test
  @DisplayName("an invalid polygon is an error only when a selected ref needs it")
  void invalidPolygon() {
    TinyRefer data = new TinyRefer(root, false);
    data.annotation(1).put("segmentation", List.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0)));
    refused(
        data.write(),
        "val",
        data.instancesFile(),
        "annotation id 20 (ref_id 1",
        "polygon 0 has 5 numbers");
    data.ref(1).put("split", "train");
    ReferSource source = data.write();
    assertEquals(2, ReferLoader.load(source, "val").samples().size());
  }

  @Test
  @DisplayName("a segmentation that is neither polygons nor RLE is refused")
  void badSegmentation() {
    TinyRefer data = new TinyRefer(root, false);
    data.annotation(0).put("segmentation", List.of(List.of(1, "x", 2, 3, 4, 5)));
    refused(
        data.write(),
        "val",
        data.instancesFile(),
        "annotation id 10 (ref_id 0)",
        "polygon 0 holds a non-number");
    data.annotation(0).put("segmentation", "polygon");
    refused(
        data.write(),
        "val",
        data.instancesFile(),
        "annotation id 10",
        "must be a list of polygons or an RLE object");
  }

  @Test
  @DisplayName("an image entry without a usable size is refused when needed")
  void badImageSize() {
    TinyRefer data = new TinyRefer(root, false);
    data.images().get(0).put("height", 20.5);
    refused(
        data.write(),
        "val",
        data.instancesFile(),
        "image id 1 (ref_id 0)",
        "\"height\" and \"width\" must be non-negative integers");
  }

  @Test
  @DisplayName("malformed instances.json, or one without annotations, is refused")
  void badInstances() throws IOException {
    TinyRefer data = new TinyRefer(root, false);
    ReferSource source = data.write();
    String json = Files.readString(data.instancesFile());
    Files.writeString(data.instancesFile(), json.substring(0, json.length() - 30));
    refused(source, "val", data.instancesFile(), "malformed JSON at line 1");
    Files.writeString(data.instancesFile(), "{\"images\": []}");
    refused(source, "val", data.instancesFile(), "no \"annotations\" list");
    Files.writeString(data.instancesFile(), json + " {}");
    refused(source, "val", data.instancesFile(), "extra data after the top-level object");
  }

  @Test
  @DisplayName("duplicate annotation ids that a ref needs are refused")
  void duplicateAnnotation() {
    TinyRefer data = new TinyRefer(root, false);
    data.addAnnotation(20, 2, List.of(List.of(1.0, 1.0, 2.0, 1.0, 2.0, 2.0)));
    refused(data.write(), "val", data.instancesFile(), "annotation id 20 occurs twice");
  }

  @Test
  @DisplayName("an unknown split, or one selecting no refs, is a usage error listing the splits")
  void unknownSplit() {
    ReferSource source = new TinyRefer(root, false).write();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferLoader.load(source, "validation"));
    assertTrue(e.getMessage().contains("unknown split 'validation'"), e.getMessage());
    assertTrue(e.getMessage().contains("splits present: val"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ReferLoader.load(source, "testA"));
    assertTrue(
        e.getMessage().contains("split 'testA' selects no refs; splits present: val"),
        e.getMessage());
    ReferSource gsource = new TinyRefer(root, true).write();
    e = assertThrows(IllegalArgumentException.class, () -> ReferLoader.load(gsource, "testA"));
    assertTrue(e.getMessage().contains("no split 'testA'; splits present: val"), e.getMessage());
  }

  @Test
  @DisplayName("fields of instances.json entries may come in any order, top-level keys too")
  void anyFieldOrder() throws IOException {
    TinyRefer data = new TinyRefer(root, false);
    ReferSource source = data.write();
    LoadedSplit before = ReferLoader.load(source, "val");
    Files.writeString(
        data.instancesFile(),
        "{\"categories\": [], \"annotations\": [{\"id\": 20, \"category_id\": 1, \"image_id\": 2,"
            + " \"iscrowd\": 0, \"segmentation\": [[0.0, 0.0, 5.0, 0.0, 5.0, 5.0, 0.0,"
            + " 5.0]]},{\"iscrowd\": 0, \"image_id\": 1, \"id\": 10, \"segmentation\": [[1.0, 1.0,"
            + " 12.5, 2.0, 6.0, 15.0]], \"extra\": {\"nested\": [1, {\"a\": 2}]}}], \"info\":"
            + " {\"x\": [1, 2]}, \"images\": [{\"width\": 10, \"height\": 10, \"file_name\":"
            + " \"img2.jpg\", \"id\": 2}, {\"file_name\": \"img1.jpg\", \"width\": 30, \"id\": 1,"
            + " \"height\": 20}]}");
    LoadedSplit after = ReferLoader.load(source, "val");
    assertEquals(before.samples(), after.samples());
  }

  @Test
  @DisplayName("a duplicate key in instances.json is an error, at the top or in an annotation")
  void duplicateKeysInInstances() throws IOException {
    // Hardening defect 18: the README says duplicate keys are errors; these were not detected.
    TinyRefer data = new TinyRefer(root, false);
    ReferSource source = data.write();
    Path file = data.instancesFile();
    String json = Files.readString(file);
    Files.writeString(file, json.replaceFirst("\\{", "{\"images\": [],"));
    refused(source, "val", file, "Duplicate field 'images'");
    Files.writeString(
        file, json.replaceFirst("\"segmentation\"", "\"segmentation\": [], \"segmentation\""));
    refused(source, "val", file, "Duplicate field 'segmentation'");
  }

  @Test
  @DisplayName(
      "with several bad refs the error names the first in file order (masks are made in"
          + " parallel)")
  void firstBadRefIsTheOneNamed() {
    TinyRefer data = new TinyRefer(root, false);
    for (int r = 2; r < 200; r++) {
      data.addImage(r + 1, 10, 10);
      data.addAnnotation(20 + r, r + 1, List.of(List.of(0.0, 0.0, 5.0, 0.0, 5.0, 5.0)));
      // From ref_id 150 on, every ref names an annotation that is not there.
      data.addRef(r, r < 150 ? 20 + r : 9000 + r, r + 1, "val", 1000 + r);
    }
    ReferSource source = data.write();
    for (int i = 0; i < 5; i++) {
      refused(
          source,
          "val",
          data.refsFile(),
          "ref_id 150: ann_id 9150 is not among the annotations of " + data.instancesFile());
    }
  }
}

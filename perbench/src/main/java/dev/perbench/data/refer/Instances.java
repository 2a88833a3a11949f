package dev.perbench.data.refer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.DataFile;
import java.util.List;
import java.util.Map;

/**
 * The images and annotations of an {@code instances.json} that a load needs, keyed by id.
 *
 * @param file the file with its SHA-256
 */
record Instances(DataFile file, Map<Long, Image> images, Map<Long, Annotation> annotations) {

  /**
   * An image entry.
   *
   * @param invalid why the entry is unusable (a missing or non-integer size, ...), or null
   */
  record Image(long id, String fileName, int height, int width, String invalid) {}

  /** An annotation entry; {@code crowd} is COCO's {@code iscrowd}. */
  record Annotation(long id, long imageId, boolean crowd, Segmentation segmentation) {}

  /** A segmentation as read, before rasterisation (which needs the image's size). */
  sealed interface Segmentation {}

  /** COCO polygons {@code [[x1, y1, ...], ...]}, rasterised as pycocotools does. */
  record Polygons(List<double[]> polygons) implements Segmentation {}

  /** An RLE object, compressed or not, kept as its JSON tree. */
  record Rle(JsonNode node) implements Segmentation {}

  /** An empty list: the reference tool's empty mask. */
  record Empty() implements Segmentation {}

  /** Not a segmentation; the reason is raised only if a ref needs the annotation. */
  record Invalid(String why) implements Segmentation {}
}

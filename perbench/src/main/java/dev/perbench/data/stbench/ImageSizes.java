package dev.perbench.data.stbench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.DataFormatException;
import dev.perbench.data.coco.SegmentationJson;
import dev.perbench.data.model.ImageRef;
import dev.perbench.metrics.mask.Mask;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * PerBench gives an image's size only through its masks, so the first RLE seen for an image fixes
 * its size and every later RLE of that image must agree.
 */
final class ImageSizes {
  private final Path file;
  private final Path imagesDir;
  private final Map<String, int[]> sizes = new HashMap<>();
  private final Map<String, String> firstSeen = new HashMap<>();

  ImageSizes(Path file, Path imagesDir) {
    this.file = file;
    this.imagesDir = imagesDir;
  }

  /** Decodes an RLE object of {@code imageName}, checking its size against the image's. */
  Mask mask(JsonNode rle, String imageName, String where) {
    if (rle == null || !rle.isObject()) {
      throw new DataFormatException(
          file, where + ": expected a COCO RLE object {\"size\", \"counts\"}");
    }
    int[] size;
    try {
      size = SegmentationJson.parseSize(rle.get("size"), "RLE \"size\"");
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file, where + ": " + e.getMessage(), e);
    }
    int[] known = sizes.putIfAbsent(imageName, size);
    if (known != null && (known[0] != size[0] || known[1] != size[1])) {
      throw new DataFormatException(
          file,
          where
              + ": RLE size "
              + size[0]
              + "x"
              + size[1]
              + " disagrees with image '"
              + imageName
              + "', which is "
              + known[0]
              + "x"
              + known[1]
              + " in "
              + firstSeen.get(imageName));
    }
    firstSeen.putIfAbsent(imageName, where);
    try {
      return SegmentationJson.parse(rle, size[0], size[1]);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file, where + ": " + e.getMessage(), e);
    }
  }

  /** The image reference, once at least one of its masks has been read. */
  ImageRef image(String imageName) {
    int[] size = sizes.get(imageName);
    return new ImageRef(imageName, imagesDir.resolve(imageName), size[0], size[1]);
  }
}

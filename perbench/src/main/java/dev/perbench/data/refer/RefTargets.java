package dev.perbench.data.refer;

import dev.perbench.data.DataFormatException;
import dev.perbench.data.coco.SegmentationJson;
import dev.perbench.data.model.Target;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.PolygonRasterizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A ref's ground truth: its annotation's segmentation rasterised at the image's size as pycocotools
 * does ({@code frPyObjects} then {@code merge} for polygons, an RLE object as is). For gRefCOCO,
 * the union of the ref's annotations, skipping crowd ones as the reference tool does, and an empty
 * mask marked no-target for {@code ann_id == [-1]}.
 */
final class RefTargets {
  private final Instances instances;
  private final Path refsFile;
  private final boolean generalized;

  RefTargets(Instances instances, Path refsFile, boolean generalized) {
    this.instances = instances;
    this.refsFile = refsFile;
    this.generalized = generalized;
  }

  /** The ref's image; an unknown or unusable image is an error naming the ref. */
  Instances.Image image(RefRecord ref) {
    Instances.Image image = instances.images().get(ref.imageId());
    if (image == null) {
      throw new DataFormatException(
          refsFile,
          ref.label()
              + ": image_id "
              + ref.imageId()
              + " is not among the images of "
              + instancesPath());
    }
    if (image.invalid() != null) {
      throw new DataFormatException(
          instancesPath(), "image id " + image.id() + " (" + ref.label() + "): " + image.invalid());
    }
    return image;
  }

  /** The target shared by every sentence of {@code ref}. */
  Target.Masks target(RefRecord ref) {
    Instances.Image image = image(ref);
    int h = image.height();
    int w = image.width();
    if (ref.noTarget()) {
      return new Target.Masks(List.of(Mask.empty(h, w)), true);
    }
    List<Mask> masks = new ArrayList<>(ref.annIds().length);
    for (long annId : ref.annIds()) {
      Instances.Annotation ann = annotation(ref, annId);
      if (generalized && ann.crowd()) {
        continue;
      }
      masks.add(rasterise(ref, ann, h, w));
    }
    // A gRefCOCO ref whose objects are all crowd gets an empty mask but is not "no target".
    Mask mask = masks.isEmpty() ? Mask.empty(h, w) : Mask.merge(masks, false);
    return new Target.Masks(List.of(mask), false);
  }

  private Instances.Annotation annotation(RefRecord ref, long annId) {
    Instances.Annotation ann = instances.annotations().get(annId);
    if (ann == null) {
      throw new DataFormatException(
          refsFile,
          ref.label()
              + ": ann_id "
              + annId
              + " is not among the annotations of "
              + instancesPath());
    }
    if (ann.segmentation() instanceof Instances.Invalid invalid) {
      throw new DataFormatException(
          instancesPath(), "annotation id " + annId + " (" + ref.label() + "): " + invalid.why());
    }
    if (ann.imageId() != ref.imageId()) {
      throw new DataFormatException(
          refsFile,
          ref.label()
              + ": ann_id "
              + annId
              + " belongs to image_id "
              + ann.imageId()
              + ", not the ref's image_id "
              + ref.imageId());
    }
    return ann;
  }

  private Mask rasterise(RefRecord ref, Instances.Annotation ann, int h, int w) {
    try {
      Instances.Segmentation seg = ann.segmentation();
      if (seg instanceof Instances.Polygons p) {
        return PolygonRasterizer.rasterize(p.polygons(), h, w);
      }
      if (seg instanceof Instances.Rle r) {
        return SegmentationJson.parse(r.node(), h, w);
      }
      return Mask.empty(h, w); // Instances.Empty; Invalid was refused in annotation()
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(
          instancesPath(),
          "annotation id "
              + ann.id()
              + " ("
              + ref.label()
              + ", image_id "
              + ref.imageId()
              + " of "
              + h
              + "x"
              + w
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private Path instancesPath() {
    return instances.file().path();
  }
}

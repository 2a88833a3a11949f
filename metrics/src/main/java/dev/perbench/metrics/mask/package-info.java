/**
 * Binary masks in COCO run-length encoding, exact to pycocotools.
 *
 * <p>A {@link dev.perbench.metrics.mask.Mask} is a height x width binary image stored as run
 * lengths in column-major (Fortran) order, starting with a run of zeros, exactly as pycocotools'
 * {@code maskApi.c} stores it. Around it: {@link dev.perbench.metrics.mask.RleCodec} (the
 * compressed counts string), {@link dev.perbench.metrics.mask.PolygonRasterizer} (COCO polygons and
 * boxes, bit-exact with {@code frPyObjects}), {@link dev.perbench.metrics.mask.MaskOverlap}
 * (intersection, union and IoU computed on the runs, never on pixels) and {@link
 * dev.perbench.metrics.mask.MaskPng}.
 */
package dev.perbench.metrics.mask;

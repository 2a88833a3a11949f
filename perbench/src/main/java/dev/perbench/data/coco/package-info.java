/** COCO segmentation objects in JSON (compressed RLE, uncompressed RLE, polygons) as masks. */
package dev.perbench.data.coco;

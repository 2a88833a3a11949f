package dev.perbench.harness.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.harness.io.JsonLines;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.mask.MaskOverlap;
import java.nio.charset.StandardCharsets;

/**
 * A worker's job: turn a {@link LineBatch} into {@link ScoredPair}s (masks built, areas and
 * intersection counted) without touching shared state, so batches can be scored on any thread and
 * in any order. Well-formed ASCII lines take {@link StreamingPairParser}; everything else (other
 * UTF-8 text, any problem) takes {@link MaskPairsReader}'s own checks, which word the errors.
 */
final class PairScorer {
  private PairScorer() {}

  /** One entry per line of the batch; null for a blank line. */
  static ScoredPair[] score(LineBatch batch) {
    ScoredPair[] out = new ScoredPair[batch.count()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          line(batch.data(), batch.starts()[i], batch.ends()[i], (int) (batch.firstLine() + i));
    }
    return out;
  }

  private static ScoredPair line(byte[] data, int from, int to, int line) {
    int first = from;
    while (first < to && data[first] >= 0 && Character.isWhitespace(data[first])) {
      first++;
    }
    if (first == to) {
      return null; // blank
    }
    // The scanner reads ASCII only (it declines any other byte), so it can go first.
    MaskPair pair = StreamingPairParser.parse(data, from, to, line);
    if (pair != null) {
      return scored(pair);
    }
    boolean ascii = true;
    for (int p = from; p < to && ascii; p++) {
      ascii = data[p] >= 0;
    }
    String text;
    if (ascii) {
      text = new String(data, from, to - from, StandardCharsets.US_ASCII);
    } else {
      text = JsonLines.decode(data, from, to);
      if (text == null) {
        return ScoredPair.failed(
            line, null, new IllegalArgumentException("not UTF-8 text (save the file as UTF-8)"));
      }
      if (text.isBlank()) {
        return null;
      }
    }
    return reference(text, line);
  }

  /** The line through {@link MaskPairsReader}'s checks, in its order. */
  private static ScoredPair reference(String text, int line) {
    JsonNode node;
    try {
      node = MaskPairsReader.header(text);
    } catch (IllegalArgumentException e) {
      return ScoredPair.failed(line, null, e);
    }
    String id = node.get("id").asText();
    try {
      return scored(MaskPairsReader.body(node, id, line));
    } catch (IllegalArgumentException e) {
      return ScoredPair.failed(line, id, e);
    }
  }

  /** The counts {@code SegmentationAccumulator.add(gt, pred)} would take from the masks. */
  private static ScoredPair scored(MaskPair pair) {
    Mask gt = pair.gt();
    Mask pred = pair.pred();
    long gtArea = gt == null ? 0 : gt.area();
    if (pred == null) {
      return new ScoredPair(pair.line(), pair.id(), null, false, gtArea, 0, 0, true);
    }
    long intersection = 0;
    if (gt != null) {
      try {
        intersection = MaskOverlap.overlap(gt, pred).intersection();
      } catch (IllegalArgumentException e) {
        return ScoredPair.failed(pair.line(), pair.id(), e);
      }
    }
    return new ScoredPair(
        pair.line(), pair.id(), null, false, gtArea, pred.area(), intersection, false);
  }
}

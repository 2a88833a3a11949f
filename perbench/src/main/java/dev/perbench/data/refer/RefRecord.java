package dev.perbench.data.refer;

import java.util.List;

/**
 * One validated ref: a referred object (or, in gRefCOCO, a set of objects or none) and its
 * sentences. Only what loading needs is kept; the rest of the pickle's dict is dropped.
 *
 * @param index the ref's position in the refs file (for messages)
 * @param annIds the referred annotations; {@code [-1]} for a gRefCOCO no-target ref
 */
record RefRecord(
    int index, long refId, long[] annIds, long imageId, String split, List<Sentence> sentences) {

  /** One referring expression. */
  record Sentence(long sentId, String text) {}

  /** True for gRefCOCO's {@code ann_id == [-1]}. */
  boolean noTarget() {
    return annIds.length == 1 && annIds[0] == -1;
  }

  /** How messages name the ref. */
  String label() {
    return "ref_id " + refId;
  }
}

package dev.perbench.harness.pairs;

/**
 * What a worker made of one line, for {@link MaskEvaluation} to judge in file order: either the
 * pixel counts the accumulator needs, or the line's first problem. Whether the problem comes before
 * or after the id matters because the duplicate-id check (which needs every earlier line) sits
 * between the two in {@link MaskPairsReader}.
 *
 * @param id null when the line failed before its id was read
 * @param problem null when the line is a valid pair
 * @param problemBeforeId whether {@code problem} precedes the duplicate-id check
 */
record ScoredPair(
    int line,
    String id,
    IllegalArgumentException problem,
    boolean problemBeforeId,
    long gtArea,
    long predArea,
    long intersection,
    boolean predMissing) {

  static ScoredPair failed(int line, String id, IllegalArgumentException problem) {
    return new ScoredPair(line, id, problem, id == null, 0, 0, 0, false);
  }
}

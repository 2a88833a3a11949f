package dev.perbench.harness.pairs;

import dev.perbench.metrics.mask.Mask;

/**
 * One line of a pairs file.
 *
 * @param gt the ground truth, or null for "no target"
 * @param pred the prediction, or null when no mask was predicted
 */
public record MaskPair(String id, int line, Mask gt, Mask pred) {}

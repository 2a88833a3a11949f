/**
 * Mask pairs: the JSON Lines file of (ground truth, prediction) masks that {@code perbench mask
 * eval} scores ({@link dev.perbench.harness.pairs.MaskPairsReader}), and scoring it under a
 * segmentation profile ({@link dev.perbench.harness.pairs.MaskEvaluation}), for the command line
 * and the website alike.
 */
package dev.perbench.harness.pairs;

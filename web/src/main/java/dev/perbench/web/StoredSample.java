package dev.perbench.web;

import dev.perbench.harness.score.SampleScore;

/**
 * One sample's row of an entry's result as stored, optionally with the compared entry's score.
 *
 * @param predictionJson the prediction line, or null when the entry predicted nothing for it
 * @param vs the compared entry's score of the same sample, or null
 * @param vsPredictionJson the compared entry's prediction line, or null
 */
public record StoredSample(
    int seq, SampleScore score, String predictionJson, SampleScore vs, String vsPredictionJson) {}

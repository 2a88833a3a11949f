package dev.perbench.web;

import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.score.Evaluation;

/**
 * One benchmark result of an entry, as its page shows it.
 *
 * @param manifest the run's provenance, or null (numbers copied from a paper have none)
 * @param hasPredictions whether the entry came with its prediction file
 * @param samplesScored whether its predictions were scored sample by sample here (the sample
 *     browser and paired comparisons need that, and the benchmark's data installed)
 */
public record EntryResult(
    String benchmark,
    Evaluation metrics,
    RunManifest manifest,
    boolean hasPredictions,
    boolean samplesScored) {}

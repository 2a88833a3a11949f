package dev.perbench.web;

import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.score.Evaluation;

/**
 * One benchmark result of an entry, as its page shows it.
 *
 * @param manifest the run's provenance, or null (numbers copied from a paper have none)
 */
public record EntryResult(
    String benchmark, Evaluation metrics, RunManifest manifest, boolean hasPredictions) {}

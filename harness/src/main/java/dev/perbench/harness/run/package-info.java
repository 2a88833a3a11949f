/**
 * The runner: selects a benchmark's samples (shard, limit), feeds them to a model with bounded
 * concurrency, appends every prediction to the run directory as it arrives (so a crashed run
 * resumes where it stopped), then scores and records metrics and provenance.
 */
package dev.perbench.harness.run;

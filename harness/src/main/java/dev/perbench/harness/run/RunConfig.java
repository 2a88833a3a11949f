package dev.perbench.harness.run;

import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;

/**
 * What a run was asked to do; the fields that define "the same run" for resuming are the benchmark,
 * model spec, profile, shard and limit.
 *
 * @param limit at most this many samples (after sharding), or null for all
 * @param maxFailures the run fails (exit 1) when more samples than this fail
 * @param ciResamples bootstrap resamples for the confidence intervals
 */
public record RunConfig(
    String benchmark,
    String modelSpec,
    EvalProfile profile,
    Shard shard,
    Integer limit,
    String device,
    int concurrency,
    int batchSize,
    int maxFailures,
    long seed,
    int ciResamples) {
  /** The confidence-interval settings: 95% percentile bootstrap seeded with the run's seed. */
  public BootstrapSettings bootstrap() {
    return BootstrapSettings.percent95(ciResamples, seed);
  }

  /** The default run folder name: the same command gives the same folder, so it resumes. */
  public String defaultRunId() {
    String model = modelSpec.replaceAll("^[a-z]+:(//)?", "").replaceAll(".*/(?=[^/]+$)", "");
    String id =
        benchmark
            + "__"
            + model
            + "__"
            + profile.id()
            + (shard.count() > 1 ? "__shard" + shard.index() + "of" + shard.count() : "")
            + (limit != null ? "__limit" + limit : "");
    return id.replaceAll("[^A-Za-z0-9._+-]", "_");
  }
}

package dev.perbench.app.cli;

import dev.perbench.app.UserInputException;
import dev.perbench.data.LoadedSplit;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelSpecs;
import dev.perbench.harness.run.RunConfig;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.run.Runner;
import dev.perbench.harness.run.Shard;
import dev.perbench.harness.run.SummaryTable;
import dev.perbench.harness.score.CaptionMetrics;
import dev.perbench.harness.score.EvalProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench run}: a model over a benchmark, resumable. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a model over a benchmark and score it (resumable).",
      "Predictions are appended to OUT/predictions.jsonl as they arrive; running the same",
      "command again on the same folder resumes (done samples are skipped). Writes",
      "metrics.json, metrics.csv, manifest.json and run.log. Exit codes: 0 ok, 1 more",
      "failed samples than --max-failures, 2 usage or input error."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BenchmarkOption bench;
  @Mixin ProfileOption profile;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "SPEC",
      description =
          "Model: file:PATH, http://HOST:PORT, djl:PATH or baseline:NAME (oracle, empty,"
              + " full-image, random-choice).")
  String model;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Run folder (default: runs/<benchmark>__<model>__<profile>[__shardIofN]).")
  Path out;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu, gpu or gpu:N (djl: models; default ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--concurrency",
      defaultValue = "4",
      description = "Batches in flight (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--batch-size",
      defaultValue = "0",
      description = "Samples per model call (default: the model's preference).")
  int batchSize;

  @Option(names = "--limit", description = "At most N samples (after sharding).")
  Integer limit;

  @Option(
      names = "--shard",
      defaultValue = "0/1",
      paramLabel = "I/N",
      description = "Run the I-th of N deterministic shards (0-based).")
  String shard;

  @Option(
      names = "--max-failures",
      defaultValue = "0",
      description =
          "Failed samples tolerated before the run counts as failed (default ${DEFAULT-VALUE}).")
  int maxFailures;

  @Option(
      names = "--timeout",
      defaultValue = "120",
      description = "Seconds per model request (http; default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--retries",
      defaultValue = "3",
      description = "Retries after a server error (http; default ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = "--shared-fs",
      description =
          "Send image paths, not bytes, to an http model server that sees the same files.")
  boolean sharedFs;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed for seeded baselines and the bootstrap (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--ci-resamples",
      defaultValue = "1000",
      description = "Bootstrap resamples for the confidence intervals (default ${DEFAULT-VALUE}).")
  int ciResamples;

  @Override
  public Integer call() throws Exception {
    Shard shardSpec;
    try {
      shardSpec = Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    if (concurrency < 1 || (limit != null && limit < 0) || maxFailures < 0) {
      throw new UserInputException("--concurrency must be >= 1, --limit and --max-failures >= 0");
    }
    EvalProfile evalProfile = profile.profile();
    LoadedSplit data = bench.load();
    RunConfig config =
        new RunConfig(
            bench.spec().id(),
            model,
            evalProfile,
            shardSpec,
            limit,
            device,
            concurrency,
            batchSize,
            maxFailures,
            seed,
            ciResamples);
    RunDirectory dir = new RunDirectory(out != null ? out : Path.of("runs", config.defaultRunId()));
    ModelOptions options =
        new ModelOptions(
            device,
            batchSize,
            concurrency,
            Duration.ofSeconds(timeoutSeconds),
            retries,
            sharedFs,
            seed);
    Runner.Outcome outcome;
    try (Model m = open(options, data)) {
      outcome =
          Runner.run(
              config,
              data,
              m,
              dir,
              CaptionMetrics.forProfile(evalProfile),
              home(),
              spec.commandLine().getErr());
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    spec.commandLine().getOut().print(SummaryTable.render(outcome.evaluation()));
    spec.commandLine().getOut().printf("run folder: %s%n", dir.root());
    if (outcome.failed() > maxFailures) {
      spec.commandLine()
          .getErr()
          .printf(
              "error: %,d samples failed (--max-failures %d); see %s (the \"error\" field) and"
                  + " %s%n",
              outcome.failed(), maxFailures, dir.predictions(), dir.log());
      return 1;
    }
    return 0;
  }

  private Model open(ModelOptions options, LoadedSplit data) throws Exception {
    try {
      return ModelSpecs.open(model, options, data.samplesById());
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--model: " + e.getMessage(), e);
    }
  }

  static Path home() {
    String home = System.getProperty("perbench.home");
    return home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home);
  }
}

package dev.perbench.app.cli;

import dev.perbench.data.LoadedSplit;
import dev.perbench.errors.ExternalFailureException;
import dev.perbench.errors.InputException;
import dev.perbench.harness.judge.JudgeRefusedException;
import dev.perbench.harness.judge.Judging;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelException;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelUnavailableException;
import dev.perbench.harness.run.RunConfig;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.run.Runs;
import dev.perbench.harness.run.Shard;
import dev.perbench.harness.run.SummaryTable;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
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
      "metrics.json, metrics.csv, manifest.json and run.log. With --judge, LLM judges then",
      "judge the descriptions (docs/judge.md; judgements.jsonl). Exit codes: 0 ok, 1 more",
      "failed samples than --max-failures (or the judge cache in use), 2 usage or input error",
      "(a judge refused, its call budget too small)."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BenchmarkOption bench;
  @Mixin ProfileOption profile;
  @Mixin JudgeOptions judge;

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
      description =
          "Seconds per model request attempt, whole answer included (http; default"
              + " ${DEFAULT-VALUE}).")
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

  @Option(
      names = "--retry-failed",
      description =
          "When resuming, predict again the samples that failed (their error lines are removed).")
  boolean retryFailed;

  @Override
  public Integer call() throws InterruptedException, JudgeRefusedException {
    Shard shardSpec = Options.shard(shard);
    Options.atLeast("--concurrency", concurrency, 1);
    Options.atLeast("--batch-size", batchSize, 0);
    if (limit != null) {
      Options.atLeast("--limit", limit, 1);
    }
    Options.atLeast("--max-failures", maxFailures, 0);
    Options.atLeast("--timeout", timeoutSeconds, 1);
    Options.atLeast("--retries", retries, 0);
    Options.resamples(ciResamples);
    Options.device(device);
    EvalProfile evalProfile = profile.profile();
    Judging.Request judges = judge.request();
    if (judges != null) {
      judge.requireTasks(bench.spec());
    }
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
    Runs.Outcome outcome;
    try (Model m = Options.openModel(model, options, data)) {
      outcome = Runs.run(config, data, m, dir, home(), spec.commandLine().getErr(), retryFailed);
    } catch (ModelUnavailableException e) {
      throw new ExternalFailureException(e.getMessage(), e);
    } catch (ModelException e) {
      throw new InputException("--model: " + e.getMessage(), e);
    }
    Evaluation evaluation = outcome.evaluation();
    if (judges != null) {
      evaluation = judge(dir, data, judges);
    }
    spec.commandLine().getOut().print(SummaryTable.render(evaluation));
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

  /** Judges the finished run's folder, as {@code perbench judge --run} does. */
  private Evaluation judge(RunDirectory dir, LoadedSplit data, Judging.Request judges)
      throws InterruptedException, JudgeRefusedException {
    try {
      return Judging.judgeFolder(
          dir, dir.predictions(), id -> data, judges, judge.key(), spec.commandLine().getErr());
    } catch (JudgeRefusedException e) {
      throw new JudgeRefusedException(
          e.getMessage()
              + "\nThe run itself is finished (its metrics, without judges, are in "
              + dir.metricsJson()
              + "); judge it later with perbench judge --run "
              + dir.root());
    }
  }

  static Path home() {
    String home = System.getProperty("perbench.home");
    return home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home);
  }
}

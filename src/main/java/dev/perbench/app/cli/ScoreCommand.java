package dev.perbench.app.cli;

import dev.perbench.data.LoadedSplit;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.judge.JudgeRefusedException;
import dev.perbench.harness.judge.Judging;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.run.SummaryTable;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Scoring;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench score}: a prediction file (the offline submission path). */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Score a prediction file on a benchmark (the offline submission path).",
      "The prediction file is JSON Lines (docs/prediction-file.md). The file is",
      "validated first and rejected whole on any problem (exit 2, problems listed with line",
      "numbers). Samples without a prediction are scored as the profile says and counted as"
          + " missing.",
      "With --judge, LLM judges also judge the descriptions (docs/judge.md); with --out their",
      "judgements go to judgements.jsonl. Exit codes: 0 ok, 1 a failure outside perbench (the",
      "judge cache in use), 2 usage or input error (a judge refused, its call budget too small)."
    })
public final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BenchmarkOption bench;
  @Mixin ProfileOption profile;
  @Mixin JudgeOptions judge;

  @Option(
      names = "--predictions",
      required = true,
      paramLabel = "FILE",
      description = "The prediction file.")
  Path predictions;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write metrics.json and metrics.csv here.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--ci-resamples",
      defaultValue = "1000",
      description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int ciResamples;

  @Override
  public Integer call() throws JudgeRefusedException, InterruptedException {
    Options.resamples(ciResamples);
    EvalProfile p = profile.profile();
    Judging.Request judges = judge.request();
    if (judges != null) {
      judge.requireTasks(bench.spec());
    }
    LoadedSplit data = bench.load();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    Evaluation evaluation;
    try (PredictionIndex index = PredictionIndex.open(predictions, data.samplesById())) {
      err.printf(
          "%s: %,d predictions for %,d samples (%,d failed); scoring...%n",
          predictions, index.size(), data.samples().size(), index.failed());
      err.flush();
      evaluation =
          Scoring.score(
              bench.spec().id(),
              data.samples(),
              index,
              p,
              BootstrapSettings.percent95(ciResamples, seed));
      err.printf("scored in %.2f s%n", (System.nanoTime() - start) / 1e9);
      if (judges != null) {
        evaluation =
            Judging.judge(evaluation, data.samples(), index, judges, judge.key(), err, out);
      }
    }
    if (out != null) {
      MetricsFiles.write(new RunDirectory(out), evaluation);
    }
    spec.commandLine().getOut().print(SummaryTable.render(evaluation));
    return 0;
  }
}

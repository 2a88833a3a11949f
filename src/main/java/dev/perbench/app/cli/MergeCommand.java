package dev.perbench.app.cli;

import dev.perbench.data.catalog.Benchmarks;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.harness.run.Runs;
import dev.perbench.harness.run.SummaryTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perbench merge}: shard runs into one run, identical in metrics to an unsharded run. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge the run folders of the N shards of one run.",
      "All shards of one run (same benchmark, model and profile) go into OUT: predictions",
      "concatenated, metrics recomputed over the whole benchmark. OUT must be a new or empty",
      "folder (or, with --force, a previous merge); the merge appears there whole or not at all."
    })
public final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataRootOption data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The merged run folder.")
  Path out;

  @Option(
      names = "--ci-resamples",
      defaultValue = "1000",
      description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int ciResamples;

  @Option(
      names = "--force",
      description =
          "Replace the previous merge in OUT (only a merge: any other folder is refused).")
  boolean force;

  @Parameters(paramLabel = "SHARD_DIR", arity = "1..*", description = "Run folders of the shards.")
  List<Path> shards;

  @Override
  public Integer call() {
    Options.resamples(ciResamples);
    DataRoots roots = data.roots();
    Runs.Outcome merged =
        Runs.merge(shards, out, id -> Benchmarks.load(id, roots), ciResamples, force);
    spec.commandLine().getOut().print(SummaryTable.render(merged.evaluation()));
    return 0;
  }
}

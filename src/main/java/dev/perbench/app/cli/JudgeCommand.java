package dev.perbench.app.cli;

import dev.perbench.data.catalog.Benchmarks;
import dev.perbench.errors.InputException;
import dev.perbench.harness.judge.JudgeAgreement;
import dev.perbench.harness.judge.JudgeAgreements;
import dev.perbench.harness.judge.JudgeRefusedException;
import dev.perbench.harness.judge.JudgementCache;
import dev.perbench.harness.judge.Judging;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.run.SummaryTable;
import dev.perbench.harness.score.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perbench judge}: LLM judges for a finished run, and the judgement cache. */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    header = "Judge the descriptions of a finished run with LLM judges; the judgement cache.",
    description = {
      "Judge the descriptions of an existing run folder (perbench run) or score folder (perbench",
      "score --out, with --predictions FILE) without running the model again: adds the judges",
      "to its metrics.json and metrics.csv (a judge of the same name is replaced, every other",
      "figure stays as it was) and writes judgements.jsonl (docs/judge.md). Exit codes: 0 ok,",
      "1 a failure outside perbench (the judge cache in use), 2 usage or input error (a judge",
      "refused, its call budget too small)."
    },
    subcommands = {JudgeCommand.Agreement.class, JudgeCommand.Cache.class})
public final class JudgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--run",
      paramLabel = "DIR",
      description = "The run or score folder (with its metrics.json).")
  Path run;

  @Option(
      names = "--predictions",
      paramLabel = "FILE",
      description =
          "The predictions it was scored from (default: DIR/predictions.jsonl, as in a run"
              + " folder).")
  Path predictions;

  @Mixin DataRootOption data;
  @Mixin JudgeOptions judge;

  @Override
  public Integer call() throws JudgeRefusedException, InterruptedException {
    if (run == null) {
      if (spec.commandLine().getParseResult().matchedOptions().isEmpty()) {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
      }
      throw new InputException("--run DIR is needed: the run or score folder to judge");
    }
    Judging.Request judges = judge.request();
    if (judges == null) {
      throw new InputException("--judge SPEC is needed: the judge, e.g. openai:gpt-4o-mini");
    }
    Evaluation e =
        Judging.judgeFolder(
            new RunDirectory(run),
            predictions != null ? predictions : new RunDirectory(run).predictions(),
            id -> Benchmarks.load(id, data.roots()),
            judges,
            judge.key(),
            spec.commandLine().getErr());
    spec.commandLine().getOut().print(SummaryTable.render(e));
    return 0;
  }

  /** {@code perbench judge agreement}. */
  @Command(
      name = "agreement",
      mixinStandardHelpOptions = true,
      header = "How far the judges of a judged folder agree, with each other, METEOR and people.",
      description = {
        "Per pair of judges: quadratic-weighted Cohen's kappa (ratings rounded half up) and",
        "Spearman's rho, on the samples both rated; each judge's rho against METEOR; with --human,",
        "each judge's kappa and rho against human ratings. 95%% paired-bootstrap intervals (the",
        "folder's ci settings). Printed as a table and written to agreement.json in the folder."
      })
  static final class Agreement implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A judged run or score folder.")
    Path run;

    @Option(
        names = "--predictions",
        paramLabel = "FILE",
        description =
            "The predictions it was scored from (default: DIR/predictions.jsonl, as in a run"
                + " folder).")
    Path predictions;

    @Option(
        names = "--human",
        paramLabel = "FILE",
        description =
            "Human ratings: JSON Lines of {\"sample_id\": ..., \"rating\": 1-10}, caption"
                + " samples of the benchmark, each once.")
    Path human;

    @Mixin DataRootOption data;

    @Override
    public Integer call() {
      RunDirectory dir = new RunDirectory(run);
      JudgeAgreement.Report report =
          JudgeAgreements.forFolder(
              dir,
              predictions != null ? predictions : dir.predictions(),
              id -> Benchmarks.load(id, data.roots()),
              human);
      PrintWriter out = spec.commandLine().getOut();
      out.print(JudgeAgreements.table(report));
      out.println("written to " + run.resolve(JudgeAgreements.FILE));
      out.flush();
      return 0;
    }
  }

  /** {@code perbench judge cache}. */
  @Command(
      name = "cache",
      mixinStandardHelpOptions = true,
      description = "The judgement cache: how much it holds, and pruning old replies.",
      subcommands = {Stats.class, Prune.class})
  static final class Cache extends CommandGroup {}

  /** {@code perbench judge cache stats}. */
  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Print the cache file, how many replies it holds and its size.")
  static final class Stats implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JudgeCacheOption cache;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Path file = cache.folder().resolve(JudgementCache.FILE);
      if (!Files.exists(file)) {
        out.println(file + ": no judge cache yet (the first judging makes it)");
        return 0;
      }
      long entries;
      try (JudgementCache c = Judging.open(cache.folder())) {
        entries = c.size();
      }
      out.printf(Locale.ROOT, "%s: %,d cached replies, %s%n", file, entries, bytes(size(file)));
      return 0;
    }
  }

  /** {@code perbench judge cache prune}. */
  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description =
          "Remove the replies stored more than DAYS days ago (0: all). Judging again asks the"
              + " judge again for them.")
  static final class Prune implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JudgeCacheOption cache;

    @Option(
        names = "--older-than",
        required = true,
        paramLabel = "DAYS",
        description = "Remove the replies stored more than DAYS days ago.")
    long days;

    @Override
    public Integer call() {
      Options.atLeast("--older-than", days, 0);
      PrintWriter out = spec.commandLine().getOut();
      Path file = cache.folder().resolve(JudgementCache.FILE);
      if (!Files.exists(file)) {
        out.println(file + ": no judge cache yet; nothing to prune");
        return 0;
      }
      Instant cutoff = Instant.now().minus(Duration.ofDays(days));
      long before;
      long removed;
      long left;
      try (JudgementCache c = Judging.open(cache.folder())) {
        before = c.size();
        removed = c.pruneBefore(cutoff);
        left = c.size();
      }
      out.printf(
          Locale.ROOT,
          "%s: removed %,d of %,d cached replies stored before %s; %,d left, %s%n",
          file,
          removed,
          before,
          cutoff,
          left,
          bytes(size(file)));
      return 0;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String bytes(long n) {
    return n < 1024 * 1024
        ? String.format(Locale.ROOT, "%,d bytes", n)
        : String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }
}

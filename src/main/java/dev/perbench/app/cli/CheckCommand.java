package dev.perbench.app.cli;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.Benchmarks;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.errors.InputException;
import dev.perbench.harness.check.CheckReport;
import dev.perbench.harness.check.CheckTable;
import dev.perbench.harness.check.GateFile;
import dev.perbench.harness.check.GateFiles;
import dev.perbench.harness.check.GithubAnnotations;
import dev.perbench.harness.check.JunitReport;
import dev.perbench.harness.check.MarkdownReport;
import dev.perbench.harness.check.RegressionCheck;
import dev.perbench.harness.check.RunSide;
import dev.perbench.harness.check.RunSides;
import dev.perbench.harness.io.AtomicFiles;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.run.Versions;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench check}: a run against a baseline and a gate, for continuous integration. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check a run for regressions against a baseline, rule by rule (docs/ci.md).",
      "With prediction files on both sides, each drop rule is a paired bootstrap over the shared",
      "samples; otherwise the two results' own intervals are compared (weaker). A rule fails when",
      "the whole interval of the change lies below minus its tolerance, is inconclusive when the",
      "interval straddles it. Without --gate, every metric both have is checked with max_drop 0",
      "at 95%%. Exit codes: 0 every rule passed (inconclusive ones too, unless --strict), 1 a rule",
      "failed, 2 usage or input error (runs that cannot be compared, a bad gate file)."
    })
public final class CheckCommand implements Callable<Integer>, Environment.Reader {
  /** GitHub's limit on a step's job summary. */
  static final int GITHUB_SUMMARY_LIMIT = 1024 * 1024;

  @Spec CommandSpec spec;
  @Mixin DataRootOption data;
  @Mixin SubmissionsFolderOption submissions;

  @ArgGroup(exclusive = true, multiplicity = "1")
  RunChoice runChoice;

  static final class RunChoice {
    @Option(
        names = "--run",
        paramLabel = "DIR",
        description = "The run folder to check (from run, score --out or merge).")
    Path run;

    @ArgGroup(exclusive = false)
    OnTheFly onTheFly;
  }

  static final class OnTheFly {
    @Option(
        names = "--predictions",
        required = true,
        paramLabel = "FILE",
        description = "Or a prediction file, scored now (with --bench).")
    Path predictions;

    @Option(
        names = "--bench",
        required = true,
        paramLabel = "ID",
        description = "The benchmark of --predictions.")
    String bench;

    @Option(
        names = "--profile",
        paramLabel = "P",
        description =
            "The profile to score --predictions under (default: the gate's, else" + " standard).")
    String profile;
  }

  @Option(
      names = "--baseline",
      paramLabel = "DIR|ENTRY|FILE",
      description =
          "What the run must not fall behind: a run folder, an entry of submissions/ (e.g."
              + " pixel-mini-reproduced), or a metrics.json.")
  String baseline;

  @Option(
      names = "--gate",
      paramLabel = "FILE",
      description = "The gate: YAML, TOML or JSON (docs/ci.md, docs/gate.schema.json).")
  Path gate;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML here.")
  Path junit;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "Write the Markdown summary here (GitLab, pull request comments).")
  Path summary;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write check.json here (default: check.json in the --run folder).")
  Path json;

  @Option(
      names = "--github",
      description =
          "Print GitHub Actions annotations and append the summary to $GITHUB_STEP_SUMMARY.")
  boolean github;

  @Option(names = "--strict", description = "Inconclusive rules fail the check too.")
  boolean strict;

  @Option(
      names = "--allow-different-samples",
      description =
          "Compare runs of different sample sets (a --limit run, a shard) on the shared samples.")
  boolean allowDifferentSamples;

  private Map<String, String> env = Map.of();

  @Override
  public void environment(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    DataRoots roots = data.roots();
    Map<String, LoadedSplit> loaded = new HashMap<>();
    Function<String, LoadedSplit> load =
        id -> loaded.computeIfAbsent(id, i -> Benchmarks.load(i, roots));
    GateFile g = gate == null ? null : GateFiles.read(gate);
    RunSide run = run(g, load);
    RunSide base =
        baseline == null
            ? null
            : RunSides.baseline(baseline, submissions.folder(roots), run.metrics(), load);
    CheckReport report =
        RegressionCheck.check(
            new RegressionCheck.Request(
                run,
                base,
                g,
                gate == null ? null : gate.toString(),
                allowDifferentSamples,
                strict,
                new CheckReport.Harness(
                    Versions.harness(), Versions.source(roots.home()).commit())));
    PrintWriter out = spec.commandLine().getOut();
    out.print(CheckTable.render(report));
    Path jsonFile =
        json != null ? json : runChoice.run == null ? null : runChoice.run.resolve("check.json");
    if (jsonFile != null) {
      AtomicFiles.write(jsonFile, StrictJson.pretty(report));
    }
    if (junit != null) {
      AtomicFiles.write(junit, JunitReport.render(report));
    }
    if (summary != null) {
      AtomicFiles.write(summary, MarkdownReport.render(report, Integer.MAX_VALUE));
    }
    if (github) {
      out.print(GithubAnnotations.render(report));
      appendStepSummary(report);
    }
    out.flush();
    return report.exitCode();
  }

  private RunSide run(GateFile g, Function<String, LoadedSplit> load) {
    if (runChoice.run != null) {
      return RunSides.runFolder(runChoice.run, load);
    }
    OnTheFly f = runChoice.onTheFly;
    String p =
        f.profile != null ? f.profile : g != null && g.profile() != null ? g.profile() : "standard";
    EvalProfile profile;
    try {
      profile = EvalProfile.fromId(p);
    } catch (IllegalArgumentException e) {
      throw new InputException("--profile: " + e.getMessage(), e);
    }
    return RunSides.predictions(
        f.predictions, load.apply(f.bench), profile, BootstrapSettings.percent95(1000, 0));
  }

  private static boolean endsWithNewline(Path p) throws IOException {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "r")) {
      f.seek(f.length() - 1);
      return f.read() == '\n';
    }
  }

  /** Appends the Markdown to the job summary, within what is left of GitHub's limit. */
  private void appendStepSummary(CheckReport report) {
    String file = env.get("GITHUB_STEP_SUMMARY");
    PrintWriter err = spec.commandLine().getErr();
    if (file == null || file.isEmpty()) {
      err.println("--github: GITHUB_STEP_SUMMARY is not set, so no job summary was written");
      return;
    }
    Path p = Path.of(file);
    try {
      long used = Files.exists(p) ? Files.size(p) : 0;
      int room = (int) Math.max(0, GITHUB_SUMMARY_LIMIT - used);
      // A summary that does not end a line would run into our heading.
      String lead = used > 0 && !endsWithNewline(p) ? "\n" : "";
      String md = MarkdownReport.render(report, Math.max(0, room - lead.length()));
      if (md.isEmpty()) {
        err.println("--github: the job summary is already at GitHub's 1 MiB limit; not appended");
        return;
      }
      Files.writeString(
          p,
          lead + md,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + p + ": " + e.getMessage(), e);
    }
  }
}

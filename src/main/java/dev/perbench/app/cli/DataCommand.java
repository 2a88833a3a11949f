package dev.perbench.app.cli;

import dev.perbench.data.DataFile;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkFiles;
import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.catalog.DataVerifier;
import dev.perbench.data.catalog.Verification;
import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perbench data}: the benchmarks, where their files are, and whether they are right. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Benchmark data: list, verify, generate the mini benchmark.",
    subcommands = {
      DataCommand.ListBenchmarks.class,
      DataCommand.Verify.class,
      GenerateMiniCommand.class
    })
public final class DataCommand extends CommandGroup {

  /** {@code perbench data list}. */
  @Command(
      name = "list",
      header = "Every known benchmark, where it is looked for and whether it was found.",
      mixinStandardHelpOptions = true,
      description =
          "Every known benchmark, where it is looked for, whether it was found, and its sample"
              + " counts.")
  static final class ListBenchmarks implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataRootOption data;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      DataRoots roots = data.roots();
      out.printf("data root: %s%nbundled:   %s%n%n", roots.dataRoot(), roots.miniTestSplit());
      out.printf(
          "%-20s %-22s %-9s %-28s %s%n", "benchmark", "tasks", "status", "samples", "location");
      for (BenchmarkSpec s : BenchmarkCatalog.all()) {
        Verification v = DataVerifier.verify(s, roots);
        String samples = v.counts().isEmpty() ? "-" : counts(v.counts());
        if (s.publishedSamples() != null) {
          samples += String.format(" (standard %,d)", s.publishedSamples());
        }
        out.printf(
            "%-20s %-22s %-9s %-28s %s%n",
            s.id(),
            s.tasks().stream().map(Task::id).collect(Collectors.joining(",")),
            status(v),
            samples,
            BenchmarkFiles.folder(s, roots));
      }
      out.println();
      out.println(
          "`perbench data verify ID...` says what is missing or wrong and where to get it.");
      return 0;
    }
  }

  /** {@code perbench data verify}. */
  @Command(
      name = "verify",
      header = "Check installed benchmark files: presence, parsing, counts, checksums.",
      mixinStandardHelpOptions = true,
      description = {
        "Check benchmark files: present, parseable, sample counts against the published ones,",
        "SHA-256 of the annotation files, images. Without ids: every benchmark that is installed.",
        "Exit code 2 when a named benchmark is missing or any checked one is wrong (the report",
        "on stdout, what is wrong again on stderr)."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataRootOption data;

    @Parameters(
        paramLabel = "ID",
        arity = "0..*",
        description =
            "Benchmark ids (refcoco:val) or dataset names (refcoco = its standard splits).")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      DataRoots roots = data.roots();
      List<BenchmarkSpec> specs = new ArrayList<>();
      try {
        for (String id : ids) {
          specs.addAll(BenchmarkCatalog.resolve(id));
        }
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage(), e);
      }
      boolean all = specs.isEmpty();
      if (all) {
        specs.addAll(BenchmarkCatalog.all());
      }
      List<String> failed = new ArrayList<>();
      List<String> notInstalled = new ArrayList<>();
      // The splits of one dataset are loaded together: refcoco's files are read once, not thrice.
      DataVerifier.verifyAll(
          specs,
          roots,
          v -> {
            if (all && v.status() == Verification.Status.NOT_INSTALLED) {
              notInstalled.add(v.spec().id());
              return;
            }
            if (v.status() != Verification.Status.OK) {
              failed.add(
                  v.spec().id()
                      + ": "
                      + (v.problems().isEmpty() ? status(v) : String.join("; ", v.problems())));
            }
            print(out, v);
          });
      if (!notInstalled.isEmpty()) {
        out.printf("not installed (not checked): %s%n", String.join(", ", notInstalled));
      }
      if (!failed.isEmpty()) {
        out.flush();
        // The report above is the command's output; what is wrong is an input error (exit 2).
        throw new InputException(
            failed.size()
                + " of "
                + (specs.size() - notInstalled.size())
                + " benchmarks failed verification (see above):\n  "
                + String.join("\n  ", failed));
      }
      return 0;
    }

    private static void print(PrintWriter out, Verification v) {
      out.printf(
          "%s: %s%s%n",
          v.spec().id(), status(v), v.counts().isEmpty() ? "" : " - " + counts(v.counts()));
      for (DataFile f : v.files()) {
        out.printf("  sha256 %s  %s (%,d bytes)%n", f.sha256(), f.path(), f.bytes());
      }
      for (String p : v.problems()) {
        out.printf("  problem: %s%n", p);
      }
      for (String w : v.warnings()) {
        out.printf("  warning: %s%n", w);
      }
    }
  }

  static String status(Verification v) {
    return switch (v.status()) {
      case OK -> v.warnings().isEmpty() ? "ok" : "ok*";
      case NOT_INSTALLED -> "missing";
      case COUNT_MISMATCH -> "count?";
      case INVALID -> "invalid";
    };
  }

  static String counts(Map<Task, Integer> counts) {
    return counts.entrySet().stream()
        .map(e -> String.format("%s %,d", e.getKey().id(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}

package dev.perbench.app.cli;

import dev.perbench.data.catalog.DataRoots;
import dev.perbench.errors.InputException;
import dev.perbench.harness.submissions.SubmissionValidator;
import dev.perbench.harness.submissions.Submissions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perbench submissions}: the leaderboard entries in {@code submissions/} (format:
 * submissions/README.md).
 */
@Command(
    name = "submissions",
    mixinStandardHelpOptions = true,
    description =
        "Leaderboard entries (submissions/): validate the folder, add a run as an entry's results.",
    subcommands = {SubmissionsCommand.Validate.class, SubmissionsCommand.Add.class})
public final class SubmissionsCommand extends CommandGroup {

  /** The submissions folder: --dir, else submissions/ in the tool's home (the repository root). */
  static Path folder(Path dir, DataRoots roots) {
    return dir != null ? dir : roots.home().resolve("submissions");
  }

  /** {@code perbench submissions validate}. */
  @Command(
      name = "validate",
      header = "Check every entry of the submissions folder, re-scoring prediction files.",
      mixinStandardHelpOptions = true,
      description = {
        "Check every entry of the submissions folder: model cards, result folder names,",
        "metrics.json (harness schema, value ranges, tasks), prediction files (when the benchmark's"
            + " data",
        "is installed, always for perbench-mini; re-scored and compared with metrics.json),"
            + " duplicates.",
        "Exit 0 when valid, 2 listing every problem."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataRootOption data;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "The submissions folder (default: submissions/ of the perbench checkout).")
    Path dir;

    @Override
    public Integer call() {
      return validate(spec.commandLine().getOut(), data.roots(), folder(dir, data.roots()));
    }
  }

  /**
   * Validates the folder, prints notes and a summary; a problem is an input error listing them all.
   */
  static int validate(PrintWriter out, DataRoots roots, Path folder) {
    SubmissionValidator.Report r = Submissions.validate(folder, roots);
    for (String note : r.notes()) {
      out.println("note: " + note);
    }
    String summary = Submissions.summary(r);
    if (r.valid()) {
      out.println(summary + ": valid");
      return 0;
    }
    out.flush();
    throw new InputException(
        summary
            + ": "
            + r.problems().size()
            + " problem"
            + (r.problems().size() == 1 ? "" : "s")
            + ":\n  "
            + String.join("\n  ", r.problems()));
  }

  /** {@code perbench submissions add}. */
  @Command(
      name = "add",
      header = "Add a finished run folder to an entry's results (and a card for a new entry).",
      mixinStandardHelpOptions = true,
      description = {
        "Add a finished run folder (perbench run --out DIR, or perbench merge) to an entry:",
        "copies its metrics.json, predictions.jsonl and manifest.json to"
            + " <entry>/results/<benchmark>/,",
        "writes model.json for a new entry from the options (source and date default to the run's",
        "harness version, commit and start date), then validates the submissions folder."
      })
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataRootOption data;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "The submissions folder (default: submissions/ of the perbench checkout).")
    Path dir;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run folder.")
    Path run;

    @Option(
        names = "--entry",
        required = true,
        paramLabel = "ID",
        description = "The entry id (folder name), e.g. baseline-oracle.")
    String entry;

    @Option(names = "--name", description = "Model name (new entries).")
    String name;

    @Option(names = "--organisation", description = "Organisation (new entries; default null).")
    String organisation;

    @Option(
        names = "--size",
        description = "Parameter count such as 3B (new entries; default null).")
    String size;

    @Option(names = "--link", description = "URL of the model (new entries; default null).")
    String link;

    @Option(
        names = "--kind",
        defaultValue = "reproduced",
        description = "reproduced, baseline or submitted (new entries; default ${DEFAULT-VALUE}).")
    String kind;

    @Option(
        names = "--source",
        description =
            "Citation (new entries; default: perbench harness <version>, commit <commit>).")
    String source;

    @Option(
        names = "--date",
        description = "ISO date (new entries; default: the run's start date).")
    String date;

    @Option(names = "--notes", description = "Notes (new entries).")
    String notes;

    @Option(
        names = "--replace",
        description = "Replace the entry's existing results for the run's benchmark.")
    boolean replace;

    @Override
    public Integer call() {
      DataRoots roots = data.roots();
      Path folder = folder(dir, roots);
      Path results =
          Submissions.add(
              folder,
              run,
              entry,
              new Submissions.CardFields(name, organisation, size, link, kind, source, date, notes),
              replace,
              roots);
      spec.commandLine().getOut().println("wrote " + results);
      return validate(spec.commandLine().getOut(), roots, folder);
    }
  }
}

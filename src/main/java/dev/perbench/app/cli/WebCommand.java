package dev.perbench.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.errors.InputException;
import dev.perbench.web.BenchmarkData;
import dev.perbench.web.SubmissionsImport;
import dev.perbench.web.WebDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code perbench web}: the leaderboard database without the server. */
@Command(
    name = "web",
    mixinStandardHelpOptions = true,
    description = "The leaderboard website's database.",
    subcommands = {WebCommand.Import.class})
public final class WebCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code perbench web import}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      header = "Import the submissions folder into the leaderboard database.",
      description = {
        "Import the submissions folder into the leaderboard database, as `perbench serve` does",
        "on start: only entries whose files changed are imported again, each whole or not at",
        "all; an invalid entry is reported by name and skipped, the others are imported, and",
        "the exit status is then 2. Predictions are scored sample by sample when the",
        "benchmark's data is installed (--data-root), for the sample browser and comparisons."
      })
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataRootOption data;
    @Mixin WebDatabaseOption database;
    @Mixin SubmissionsFolderOption submissions;

    @Override
    public Integer call() throws Exception {
      Path folder = submissions.folder(data.roots());
      try (HikariDataSource ds = WebDatabase.open(database.url())) {
        SubmissionsImport.Report r =
            SubmissionsImport.run(folder, ds, new BenchmarkData(data.roots()));
        print(spec.commandLine().getOut(), folder, r);
        if (!r.skipped().isEmpty()) {
          throw new InputException(
              r.skipped().size()
                  + " of the entries in "
                  + folder
                  + " are invalid and were skipped"
                  + " (listed above); fix them and import again");
        }
      }
      return 0;
    }
  }

  /** One line of counts, then each skipped entry with its reason. */
  static void print(PrintWriter out, Path folder, SubmissionsImport.Report r) {
    out.printf(
        "%s: %d entries imported, %d unchanged, %d skipped%n",
        folder, r.imported().size(), r.unchanged().size(), r.skipped().size());
    for (String s : r.skipped()) {
      out.println("  skipped " + s);
    }
    out.flush();
  }
}

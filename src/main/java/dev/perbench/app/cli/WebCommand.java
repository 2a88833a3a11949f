package dev.perbench.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.errors.InputException;
import dev.perbench.web.BenchmarkData;
import dev.perbench.web.SubmissionsImport;
import dev.perbench.web.WebDatabase;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.Scope;
import dev.perbench.web.accounts.Secrets;
import dev.perbench.web.accounts.User;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench web}: the leaderboard database without the server. */
@Command(
    name = "web",
    mixinStandardHelpOptions = true,
    description = "The leaderboard website's database.",
    subcommands = {
      WebCommand.Import.class,
      WebCommand.Admin.class,
      WebCommand.Users.class,
      WebCommand.Tokens.class
    })
public final class WebCommand extends CommandGroup {

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

  /** {@code perbench web admin create}: the first admin (or another), with a one-time password. */
  @Command(
      name = "admin",
      mixinStandardHelpOptions = true,
      header = "Make an admin account.",
      subcommands = {Admin.Create.class})
  static final class Admin extends CommandGroup {
    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        header = "Make an admin account and print its one-time password.",
        description = {
          "Make an admin account and print a random password for it, once; change it on the",
          "account page after logging in. The database is the one `perbench serve` uses."
        })
    static final class Create implements Callable<Integer> {
      @Spec CommandSpec spec;
      @Mixin WebDatabaseOption database;

      @Option(names = "--email", required = true, description = "The admin's email address.")
      String email;

      @Override
      public Integer call() throws Exception {
        return createUser(spec, database, email, Role.ADMIN);
      }
    }
  }

  /** {@code perbench web user create}. */
  @Command(
      name = "user",
      mixinStandardHelpOptions = true,
      header = "Make accounts.",
      subcommands = {Users.Create.class})
  static final class Users extends CommandGroup {
    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        header = "Make an account and print its one-time password.")
    static final class Create implements Callable<Integer> {
      @Spec CommandSpec spec;
      @Mixin WebDatabaseOption database;

      @Option(names = "--email", required = true, description = "The user's email address.")
      String email;

      @Option(
          names = "--role",
          defaultValue = "participant",
          description = "participant or admin (default ${DEFAULT-VALUE}).")
      String role;

      @Override
      public Integer call() throws Exception {
        return createUser(spec, database, email, Role.of(role));
      }
    }
  }

  /** {@code perbench web token create}. */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      header = "Make API tokens.",
      subcommands = {Tokens.Create.class})
  static final class Tokens extends CommandGroup {
    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        header = "Make an API token for a user and print it, once.",
        description = {
          "Make an API token for a user and print it, once (the site keeps only its hash).",
          "Send it as `Authorization: Bearer TOKEN`, or give it to `perbench submit`."
        })
    static final class Create implements Callable<Integer> {
      @Spec CommandSpec spec;
      @Mixin WebDatabaseOption database;

      @Option(names = "--email", required = true, description = "The token's user.")
      String email;

      @Option(
          names = "--scope",
          description = "Limit it to submit or read-private (default: all the user may do).")
      String scope;

      @Option(
          names = "--label",
          defaultValue = "cli",
          description = "A name for it (default ${DEFAULT-VALUE}).")
      String label;

      @Override
      public Integer call() throws Exception {
        try (HikariDataSource ds = WebDatabase.open(database.url())) {
          Accounts accounts = new Accounts(ds, Clock.systemUTC());
          User user =
              accounts
                  .find(email)
                  .orElseThrow(() -> new InputException("--email: no account " + email));
          String token = accounts.createToken(user, label, Scope.of(scope), "cli");
          PrintWriter out = spec.commandLine().getOut();
          out.println(token);
          out.flush();
        }
        return 0;
      }
    }
  }

  private static int createUser(
      CommandSpec spec, WebDatabaseOption database, String email, Role role) throws Exception {
    try (HikariDataSource ds = WebDatabase.open(database.url())) {
      String password = Secrets.random("").substring(0, 20);
      User u = new Accounts(ds, Clock.systemUTC()).create(email, role, password, "cli");
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "made %s (%s); its one-time password (change it after logging in):%n",
          u.email(), role.id());
      out.println(password);
      out.flush();
    }
    return 0;
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

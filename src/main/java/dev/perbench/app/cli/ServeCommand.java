package dev.perbench.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.BenchmarkData;
import dev.perbench.web.Hosting;
import dev.perbench.web.Site;
import dev.perbench.web.SubmissionsImport;
import dev.perbench.web.WebApp;
import dev.perbench.web.WebDatabase;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench serve}: the leaderboard website over the submissions folder. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Serve the leaderboard website over the submissions folder.",
    description = {
      "Serve the leaderboard website over the submissions folder.",
      "Imports submissions/ (only what changed since the last import; an invalid entry is",
      "reported by name and skipped) into the database, then serves the site until stopped."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataRootOption data;
  @Mixin WebDatabaseOption database;
  @Mixin SubmissionsFolderOption submissions;
  @Mixin HostingOptions hosting;

  @Option(names = "--port", defaultValue = "7070", description = "Port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Override
  public Integer call() throws Exception {
    Options.atLeast("--port", port, 0);
    PrintWriter out = spec.commandLine().getOut();
    String url = database.url();
    Path folder = submissions.folder(data.roots());
    Hosting takes = hosting.hosting();
    try (HikariDataSource ds = WebDatabase.open(url)) {
      BenchmarkData benchmarks = new BenchmarkData(data.roots());
      SubmissionsImport.Report r = SubmissionsImport.run(folder, ds, benchmarks);
      WebCommand.print(out, folder, r);
      Javalin app =
          WebApp.create(Site.of(ds, benchmarks, takes, Clock.systemUTC())).start(host, port);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    app.stop();
                    stopped.countDown();
                  }));
      out.printf("the leaderboard is at http://%s:%d/ (Ctrl-C stops it)%n", host, app.port());
      if (takes.open()) {
        out.printf("taking submissions; uploads are kept in %s%n", takes.uploads());
      }
      out.flush();
      stopped.await();
    }
    return 0;
  }
}

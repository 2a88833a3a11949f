package dev.perbench.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.BenchmarkData;
import dev.perbench.web.Hosting;
import dev.perbench.web.Site;
import dev.perbench.web.SubmissionsImport;
import dev.perbench.web.WebApp;
import dev.perbench.web.WebDatabase;
import dev.perbench.web.submit.ScoringWorkers;
import dev.perbench.web.submit.UploadsSweep;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
      "reported by name and skipped) into the database, then serves the site until stopped.",
      "Meanwhile --workers threads score the hosted submissions queued in the database, each",
      "holding its submission under a lease it renews; a submission whose worker stopped (the",
      "server killed) is scored again once its lease has run out. Several servers may share",
      "one PostgreSQL database: each submission is scored by one of them, once.",
      "With --uploads it first removes from the uploads folder what uploads cut off by a",
      "stopped server left there (older than --orphan-grace), naming each file."
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

  @Option(
      names = "--workers",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Submissions scored at once (default ${DEFAULT-VALUE}; 0: serve only, score nothing).")
  int workers;

  @Option(
      names = "--lease",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "How long a worker's claim on a submission holds unless renewed (every third of it);"
              + " a killed server's submissions are scored again after it (default"
              + " ${DEFAULT-VALUE}).")
  int leaseSeconds;

  @Override
  public Integer call() throws Exception {
    Options.atLeast("--port", port, 0);
    Options.atLeast("--workers", workers, 0);
    Options.atLeast("--lease", leaseSeconds, 1);
    PrintWriter out = spec.commandLine().getOut();
    String url = database.url();
    Path folder = submissions.folder(data.roots());
    Hosting takes = hosting.hosting();
    Duration grace = hosting.orphanGrace();
    try (HikariDataSource ds = WebDatabase.open(url)) {
      BenchmarkData benchmarks = new BenchmarkData(data.roots());
      SubmissionsImport.Report r = SubmissionsImport.run(folder, ds, benchmarks);
      WebCommand.print(out, folder, r);
      Clock clock = Clock.systemUTC();
      if (takes.open()) {
        // before the site takes uploads: what uploads cut off by a crash or a kill left behind
        new UploadsSweep(ds, takes.uploads(), grace, clock).run().lines().forEach(out::println);
      }
      Site site = Site.of(ds, benchmarks, takes, clock);
      Javalin app = WebApp.create(site).start(host, port);
      ScoringWorkers scorers =
          new ScoringWorkers(
                  ds,
                  site.queue(),
                  benchmarks::split,
                  site.boards()::invalidate,
                  ScoringWorkers.Settings.of(workers, Duration.ofSeconds(leaseSeconds)))
              .start();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    scorers.close();
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

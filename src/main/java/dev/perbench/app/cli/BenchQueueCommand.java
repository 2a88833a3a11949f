package dev.perbench.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.web.BenchmarkData;
import dev.perbench.web.WebDatabase;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import dev.perbench.web.submit.NewSubmission;
import dev.perbench.web.submit.ScoringWorkers;
import dev.perbench.web.submit.SubmissionLimits;
import dev.perbench.web.submit.SubmissionQueue;
import dev.perbench.web.submit.SubmissionStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench bench queue}: hosted submissions scored per minute by the scoring workers. */
@Command(
    name = "queue",
    header = "Hosted submissions scored per minute, with 1 and more scoring workers.",
    mixinStandardHelpOptions = true,
    description = {
      "Queue copies of a perbench-mini prediction file (the bundled pixel-mini entry's) as hosted",
      "submissions in a fresh database and time the scoring workers of perbench serve through",
      "them: claim, validate, score with 95%% bootstrap intervals, store the entry with its",
      "per-sample rows, finish. A few submissions are scored first to warm up."
    })
public final class BenchQueueCommand implements Callable<Integer> {
  private static final SubmissionLimits UNLIMITED =
      new SubmissionLimits(1L << 40, 1L << 40, 1000, 1 << 30, 100_000, 100_000, 100_000);

  @Spec CommandSpec spec;
  @Mixin DataRootOption data;
  @Mixin BenchReport report;

  @Option(
      names = "--submissions",
      defaultValue = "20",
      description = "Submissions per measurement (default ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--warmup",
      defaultValue = "10",
      description = "Submissions scored first, untimed (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--workers",
      split = ",",
      defaultValue = "1,2",
      paramLabel = "N[,N...]",
      description = "Worker counts to measure (default ${DEFAULT-VALUE}).")
  List<Integer> workers;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "An empty database to use (default: an H2 file in a temporary folder, as perbench serve"
              + " uses by default).")
  String db;

  @Override
  public Integer call() throws Exception {
    Options.atLeast("--submissions", count, 1);
    Options.atLeast("--warmup", warmup, 0);
    for (int w : workers) {
      Options.atLeast("--workers", w, 1);
    }
    report.start(spec);
    DataRoots roots = data.roots();
    Path predictions =
        SubmissionsCommand.folder(null, roots)
            .resolve("pixel-mini-reproduced/results/perbench-mini/predictions.jsonl");
    Path dir = Files.createTempDirectory("perbench-bench-queue");
    PrintWriter out = spec.commandLine().getOut();
    try (HikariDataSource ds =
        WebDatabase.open(db != null ? db : "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath())) {
      Clock clock = Clock.systemUTC();
      Accounts accounts = new Accounts(ds, clock);
      SubmissionQueue queue = new SubmissionQueue(ds, clock, accounts.audit());
      User user =
          accounts.create(
              "bench-" + System.nanoTime() + "@example.org",
              Role.PARTICIPANT,
              "a bench password",
              "bench");
      BenchmarkData benchmarks = new BenchmarkData(roots);
      int most = workers.stream().mapToInt(Integer::intValue).max().getAsInt();
      if (warmup > 0) {
        run(ds, queue, user, benchmarks, predictions, dir, most, warmup);
      }
      out.printf(
          "%,d submissions of %s (%,d bytes, 1,186 samples) per measurement%n",
          count, predictions, Files.size(predictions));
      List<Measured> measured = new java.util.ArrayList<>();
      for (int w : workers) {
        long cpu = cpuNanos();
        double seconds = run(ds, queue, user, benchmarks, predictions, dir, w, count);
        double cpuSeconds = (cpuNanos() - cpu) / 1e9;
        out.printf(
            "%d worker%s: %6.2f s, %6.1f submissions/minute, %5.2f s per submission;"
                + " %5.2f CPU s per submission (all threads)%n",
            w,
            w == 1 ? " " : "s",
            seconds,
            60 * count / seconds,
            seconds / count,
            cpuSeconds / count);
        out.flush();
        measured.add(new Measured(w, seconds, 60 * count / seconds, cpuSeconds / count));
      }
      out.printf(
          "(Java %s, %d cores)%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
      report.finish(new Result(count, warmup, measured));
    } finally {
      BenchCommand.deleteTree(dir);
    }
    return 0;
  }

  /** One worker count's figures. */
  public record Measured(
      int workers, double seconds, double submissionsPerMinute, double cpuSecondsPerSubmission) {}

  /** What {@code bench queue --json} writes. */
  public record Result(int submissions, int warmup, List<Measured> measured) {}

  /** CPU time this process has used, all threads. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Queues {@code n} submissions, scores them with {@code w} workers; the seconds it took. */
  private static double run(
      HikariDataSource ds,
      SubmissionQueue queue,
      User user,
      BenchmarkData benchmarks,
      Path predictions,
      Path dir,
      int w,
      int n)
      throws IOException, InterruptedException {
    String card =
        "{\"name\": \"bench\", \"organisation\": null, \"size\": null, \"link\": null, \"kind\":"
            + " \"submitted\", \"source\": \"perbench bench queue\", \"date\": \"2026-01-01\"}";
    for (int i = 0; i < n; i++) {
      Path stored = dir.resolve(System.nanoTime() + ".jsonl");
      Files.copy(predictions, stored);
      queue.accept(
          user,
          new NewSubmission(
              "perbench-mini",
              "standard",
              card,
              "predictions.jsonl",
              stored,
              "0".repeat(64),
              Files.size(stored)),
          UNLIMITED);
    }
    long start = System.nanoTime();
    try (ScoringWorkers pool =
        new ScoringWorkers(
                ds,
                queue,
                benchmarks::split,
                () -> {},
                ScoringWorkers.Settings.of(w, Duration.ofSeconds(60))
                    .withName("bench")
                    .withIdlePoll(Duration.ofMillis(5)))
            .start()) {
      while (!queue.withStatus(SubmissionStatus.SUBMITTED).isEmpty()
          || !queue.withStatus(SubmissionStatus.VALIDATING).isEmpty()
          || !queue.withStatus(SubmissionStatus.SCORING).isEmpty()) {
        Thread.sleep(20);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!queue.withStatus(SubmissionStatus.FAILED).isEmpty()) {
      throw new IllegalStateException(
          "a submission failed: " + queue.withStatus(SubmissionStatus.FAILED).get(0).error());
    }
    return seconds;
  }
}

package dev.perbench.web.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.LoadedSplit;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.io.PredictionJson;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.Versions;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Scoring;
import dev.perbench.harness.submissions.SubmissionCard;
import dev.perbench.web.store.EntryStore;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The workers that score hosted submissions: a pool of threads, each claiming the oldest queued
 * submission from the {@link SubmissionQueue} (with a lease), validating it as {@code perbench
 * validate} does, scoring it with the same code and defaults as {@code perbench score}, and storing
 * its result as an entry private to its owner in the same transaction that finishes it. While a
 * worker works, a heartbeat renews its lease; a worker that dies (the server killed) leaves the
 * lease to run out and the submission is claimed again, so every accepted submission is scored, and
 * since only the claim's holder can finish it, it is finished once. When the queue is empty, the
 * workers re-score what an admin asked to re-score ({@link Rescores}).
 *
 * <p>The owner sees why a submission failed: a problem of the prediction file exactly as {@code
 * perbench validate --predictions FILE} prints it (FILE being the name they uploaded), a broken
 * model card, a benchmark whose data this server does not have. Anything unexpected fails it with
 * "internal error (request id ...)", and the server log has the trace under that id; a submission
 * is never left stuck.
 */
public final class ScoringWorkers implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ScoringWorkers.class.getName());

  /** Bootstrap resamples of the confidence intervals: {@code perbench score}'s default. */
  public static final int CI_RESAMPLES = 1000;

  /** Bootstrap seed: {@code perbench score}'s default. */
  public static final long CI_SEED = 0;

  /** What a scored submission's entry id starts with; the submission's id follows. */
  public static final String ENTRY_PREFIX = "sub-";

  /**
   * How the pool works.
   *
   * @param name this pool's name in the claims it makes (each thread adds {@code /N}); unique per
   *     server instance, as instances sharing a database tell their claims apart by it
   * @param workers how many submissions are scored at once
   * @param lease how long a claim holds without being renewed (renewed every third of it)
   * @param idlePoll how long an idle worker waits before it looks at the queue again
   * @param maxAttempts claims of one submission after which it is failed, not tried again (a
   *     submission that brings the server down each time must not keep it from the others)
   * @param grace how long {@link #close()} waits for the submissions being scored to finish
   */
  public record Settings(
      String name,
      int workers,
      Duration lease,
      Duration idlePoll,
      int maxAttempts,
      Duration grace) {
    public Settings {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > 180) {
        throw new IllegalArgumentException("name must be 1 to 180 characters");
      }
      if (workers < 0 || lease.toMillis() < 300 || idlePoll.isNegative() || maxAttempts < 1) {
        throw new IllegalArgumentException(
            "workers >= 0, lease >= 0.3 s, idlePoll >= 0 and maxAttempts >= 1");
      }
    }

    /**
     * {@code workers} threads and a {@code lease}, named after this host and process; idle workers
     * look at the queue twice a second, a submission is tried 3 times, close waits 10 s.
     */
    public static Settings of(int workers, Duration lease) {
      return new Settings(
          defaultName(), workers, lease, Duration.ofMillis(500), 3, Duration.ofSeconds(10));
    }

    public Settings withName(String n) {
      return new Settings(n, workers, lease, idlePoll, maxAttempts, grace);
    }

    public Settings withIdlePoll(Duration d) {
      return new Settings(name, workers, lease, d, maxAttempts, grace);
    }
  }

  /** A problem the owner can act on: the submission fails with this message. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }

  /** Another worker holds the submission now (this one's lease ran out): drop it. */
  private static final class Lost extends Exception {
    private static final long serialVersionUID = 1L;

    Lost(String message) {
      super(message);
    }
  }

  /** A submission being worked on, for the heartbeat. */
  private final class Job {
    final Submission submission;
    final String worker;
    final StringBuilder log = new StringBuilder();
    volatile boolean lost;

    Job(Submission submission, String worker) {
      this.submission = submission;
      this.worker = worker;
    }

    /** Adds a line to the log, time-stamped, and shows it to the owner. */
    void note(String line) throws Lost {
      log.append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
          .append("  ")
          .append(line)
          .append('\n');
      if (!queue.log(submission.id(), worker, log.toString())) {
        lost = true;
      }
      check();
    }

    void check() throws Lost {
      if (lost) {
        throw new Lost("submission " + submission.id() + " is no longer held by " + worker);
      }
    }
  }

  private final DataSource db;
  private final SubmissionQueue queue;
  private final Function<String, Optional<LoadedSplit>> splits;
  private final Runnable onStored;
  private final Settings settings;
  private final Rescores rescores;
  private final Set<Job> active = ConcurrentHashMap.newKeySet();

  /** Submissions this pool's workers are re-scoring, so that two of them do not take one. */
  private final Set<String> rescoring = ConcurrentHashMap.newKeySet();

  private final ScheduledExecutorService heartbeat;
  private final List<Thread> threads = new ArrayList<>();
  private final Object idle = new Object();
  private volatile boolean stopping;

  /**
   * A pool over {@code queue}, storing results in {@code db}; {@link #start()} starts its threads.
   *
   * @param splits the benchmarks' samples where the server runs, by id (empty when not installed)
   * @param onStored called after each result is stored (the leaderboards forget their cache)
   */
  public ScoringWorkers(
      DataSource db,
      SubmissionQueue queue,
      Function<String, Optional<LoadedSplit>> splits,
      Runnable onStored,
      Settings settings) {
    this.db = db;
    this.queue = queue;
    this.splits = splits;
    this.onStored = onStored;
    this.settings = settings;
    this.rescores = new Rescores(db, queue.clock(), queue.audit());
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "perbench-lease-" + settings.name());
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(100, settings.lease().toMillis() / 3);
    heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /** Starts the worker threads (none when the settings ask for 0 workers). */
  public synchronized ScoringWorkers start() {
    if (!threads.isEmpty() || stopping) {
      throw new IllegalStateException("started already, or closed");
    }
    for (int i = 0; i < settings.workers(); i++) {
      String worker = settings.name() + "/" + (i + 1);
      // not interrupted on close: H2 closes its file when a thread doing I/O is interrupted
      Thread t = new Thread(() -> loop(worker), "perbench-scorer-" + (i + 1));
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    return this;
  }

  /**
   * Claims and works on the next queued submission in the calling thread (as worker {@code name});
   * when the queue has none, re-scores the next entry an admin asked to re-score. False when there
   * was nothing to do.
   */
  public boolean runOnce() {
    return runOnce(settings.name());
  }

  private boolean runOnce(String worker) {
    Optional<Submission> s = queue.claim(worker, settings.lease());
    if (s.isPresent()) {
      work(s.get(), worker);
      return true;
    }
    Optional<Rescores.Pending> p;
    synchronized (rescoring) {
      p = rescores.next(rescoring);
      p.ifPresent(pending -> rescoring.add(pending.submission().id()));
    }
    if (p.isEmpty()) {
      return false;
    }
    try {
      // false when its outcome could not be stored: the worker then waits before the next try
      return rescore(p.get(), worker);
    } finally {
      rescoring.remove(p.get().submission().id());
    }
  }

  private void loop(String worker) {
    while (!stopping) {
      boolean worked = false;
      try {
        worked = runOnce(worker);
      } catch (RuntimeException | Error e) {
        LOG.log(Level.WARNING, worker + ": cannot claim a submission: " + e.getMessage(), e);
      }
      if (!worked) {
        synchronized (idle) {
          if (!stopping) {
            try {
              idle.wait(Math.max(1, settings.idlePoll().toMillis()));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }
      }
    }
  }

  private void renew() {
    for (Job job : active) {
      try {
        if (!queue.renew(job.submission.id(), job.worker, settings.lease())) {
          job.lost = true;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cannot renew the lease of " + job.submission.id(), e);
      }
    }
  }

  private void work(Submission s, String worker) {
    Job job = new Job(s, worker);
    active.add(job);
    try {
      if (s.log() != null && !s.log().isBlank()) {
        job.log.append(s.log());
        job.log.append("(the attempt above was interrupted: its worker stopped)\n");
      }
      job.note("attempt " + s.attempts() + ", by worker " + worker);
      if (s.attempts() > settings.maxAttempts()) {
        LOG.warning("submission " + s.id() + " given up after " + (s.attempts() - 1) + " attempts");
        throw new Rejected(
            "not scored: the server stopped while working on it "
                + (s.attempts() - 1)
                + " times, so it is not tried again; please tell the site's administrators");
      }
      score(job);
    } catch (Rejected e) {
      fail(job, e.getMessage());
    } catch (Lost e) {
      LOG.info(e.getMessage() + " (its lease ran out; another worker has it)");
    } catch (Exception | Error e) {
      String requestId = HexFormat.of().formatHex(randomBytes());
      LOG.log(
          Level.SEVERE,
          "submission " + s.id() + " failed with an internal error, request id " + requestId,
          e);
      fail(job, "internal error (request id " + requestId + ")");
    } finally {
      active.remove(job);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private void fail(Job job, String error) {
    try {
      job.log.append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("  failed\n");
      if (!queue.fail(job.submission.id(), job.worker, error, job.log.toString())) {
        LOG.info("submission " + job.submission.id() + " is no longer held by " + job.worker);
      }
    } catch (RuntimeException e) {
      // its lease runs out and it is claimed again
      LOG.log(Level.SEVERE, "cannot record the failure of " + job.submission.id(), e);
    }
  }

  /**
   * What the scoring steps report as they go: a hosted submission's log, which its owner follows,
   * or the server's log for a re-score.
   */
  private interface Progress {
    void note(String line) throws Lost;

    /** Validation is done and scoring begins. */
    void scoring() throws Lost;
  }

  /** A submission's validated and scored predictions, ready to be stored. */
  private record Scored(SubmissionCard card, EntryStore.Result result) {}

  private void score(Job job) throws Rejected, Lost, SQLException {
    Submission s = job.submission;
    Scored scored =
        evaluate(
            s,
            new Progress() {
              @Override
              public void note(String line) throws Lost {
                job.note(line);
              }

              @Override
              public void scoring() throws Lost {
                if (!queue.scoring(s.id(), job.worker)) {
                  throw new Lost("submission " + s.id() + " is no longer held by " + job.worker);
                }
              }
            });
    String entryId = ENTRY_PREFIX + s.id();
    job.note(
        String.format(
            Locale.ROOT,
            "storing the result as entry %s, private to you until you publish it",
            entryId));
    EntryStore.Entry entry =
        new EntryStore.Entry(
            entryId,
            scored.card(),
            SubmissionCard.SUBMITTED,
            Long.toString(s.userId()),
            EntryStore.PUBLISHED,
            EntryStore.PRIVATE,
            s.fileSha256(),
            List.of(scored.result()));
    job.check();
    long start = System.nanoTime();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        EntryStore.store(c, entry);
        job.log.append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("  finished\n");
        if (!queue.finish(c, s.id(), job.worker, entryId, job.log.toString())) {
          c.rollback();
          throw new Lost("submission " + s.id() + " is no longer held by " + job.worker);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    LOG.info(
        String.format(
            Locale.ROOT,
            "submission %s scored and stored as %s (stored in %.2f s)",
            s.id(),
            entryId,
            seconds(start)));
    onStored.run();
  }

  /**
   * Re-scores a finished submission's stored file for an admin's re-score and replaces its entry's
   * result (the old one is kept), recording the outcome in the same transaction; a file that no
   * longer validates or scores leaves the result as it was and records why (as does an internal
   * error, with its request id: an admin re-scores again once it is mended).
   *
   * @return false when the outcome could not be stored (it is tried again later)
   */
  private boolean rescore(Rescores.Pending pending, String worker) {
    Submission s = pending.submission();
    String outcome;
    String detail;
    EntryStore.Result result = null;
    try {
      Progress progress =
          new Progress() {
            @Override
            public void note(String line) {
              LOG.fine("re-score " + pending.rescoreId() + ", submission " + s.id() + ": " + line);
            }

            @Override
            public void scoring() {
              // a re-score does not move the submission through the queue's statuses
            }
          };
      result = evaluate(s, progress).result();
      outcome = Rescores.RESCORED;
      detail = "by " + worker + " with harness " + result.harnessVersion();
    } catch (Rejected e) {
      outcome = Rescores.FAILED;
      detail = e.getMessage();
    } catch (Exception | Error e) {
      String requestId = HexFormat.of().formatHex(randomBytes());
      LOG.log(
          Level.SEVERE,
          "re-score of submission "
              + s.id()
              + " failed with an internal error, request id "
              + requestId,
          e);
      outcome = Rescores.FAILED;
      detail = "internal error (request id " + requestId + ")";
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!rescores.record(c, pending.rescoreId(), s.id(), outcome, detail)) {
          c.rollback();
          LOG.info("submission " + s.id() + " was re-scored by another worker first");
          return true;
        }
        if (result != null) {
          EntryStore.replaceResult(
              c, s.entryId(), result, pending.rescoreId(), queue.clock().instant());
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      // nothing was recorded: the submission is still left to do, and is tried again after the
      // worker's idle wait (not at once: a database that refuses would make it spin)
      LOG.log(Level.SEVERE, "cannot store the re-score of " + s.id(), e);
      return false;
    }
    LOG.info("re-score " + pending.rescoreId() + ": submission " + s.id() + " " + outcome);
    if (result != null) {
      onStored.run();
    }
    return true;
  }

  /**
   * Validates a submission's stored file as {@code perbench validate} does and scores it with
   * {@code perbench score}'s code and defaults.
   */
  private Scored evaluate(Submission s, Progress progress) throws Rejected, Lost {
    LoadedSplit split =
        splits
            .apply(s.benchmark())
            .orElseThrow(
                () ->
                    new Rejected(
                        "benchmark "
                            + s.benchmark()
                            + ": its data is not installed on this server, so it cannot be scored"
                            + " here; please tell the site's administrators"));
    EvalProfile profile;
    try {
      profile = EvalProfile.fromId(s.profile());
    } catch (IllegalArgumentException e) {
      throw new Rejected("profile: " + e.getMessage());
    }
    SubmissionCard card = card(s.cardJson());
    Path file = Path.of(s.storedFile());
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("the stored file " + file + " is missing");
    }
    long start = System.nanoTime();
    List<EntryStore.SampleRow> rows = new ArrayList<>();
    Evaluation evaluation;
    try (PredictionIndex index = open(file, split, s.fileName())) {
      progress.note(
          String.format(
              Locale.ROOT,
              "validated %s against %s in %.2f s: %,d predictions (%,d of them errors), %,d of %,d"
                  + " samples without a prediction",
              s.fileName(),
              s.benchmark(),
              seconds(start),
              index.size(),
              index.failed(),
              split.samples().size() - index.size(),
              split.samples().size()));
      progress.scoring();
      progress.note(
          String.format(
              Locale.ROOT,
              "scoring under profile %s (95%% bootstrap intervals: %d resamples, seed %d)",
              profile.id(),
              CI_RESAMPLES,
              CI_SEED));
      start = System.nanoTime();
      int[] seq = {0};
      evaluation =
          Scoring.score(
              split.benchmarkId(),
              split.samples(),
              index,
              profile,
              BootstrapSettings.percent95(CI_RESAMPLES, CI_SEED),
              score -> {
                Prediction p = index.get(score.sampleId());
                rows.add(
                    new EntryStore.SampleRow(
                        seq[0]++, score, p == null ? null : PredictionJson.write(p)));
              });
    }
    progress.note(
        String.format(Locale.ROOT, "scored %,d samples in %.2f s", rows.size(), seconds(start)));
    return new Scored(
        card,
        new EntryStore.Result(
            s.benchmark(),
            evaluation,
            MetricsFiles.jsonText(evaluation),
            null,
            Versions.harness(),
            true,
            rows));
  }

  /** The index of a valid file; else the problems as {@code perbench validate} prints them. */
  private static PredictionIndex open(Path file, LoadedSplit split, String uploadedName)
      throws Rejected {
    try {
      return PredictionIndex.open(file, split.samplesById());
    } catch (InputException e) {
      // the owner knows the file by the name they uploaded, not by where the server keeps it
      throw new Rejected(e.getMessage().replace(file.toString(), uploadedName));
    }
  }

  private static SubmissionCard card(String json) throws Rejected {
    JsonNode tree;
    try {
      tree = StrictJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new Rejected("model card: " + StrictJson.describe(e));
    }
    List<String> problems = new ArrayList<>();
    SubmissionCard card = SubmissionCard.read(tree, problems::add);
    if (card == null) {
      throw new Rejected("model card: " + String.join("; ", problems));
    }
    return card;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * Stops claiming, waits up to the grace period for the submissions being scored, then stops the
   * heartbeat. A submission still being scored then is claimed again once its lease runs out.
   */
  @Override
  public void close() {
    stopping = true;
    synchronized (idle) {
      idle.notifyAll();
    }
    long deadline = System.nanoTime() + settings.grace().toNanos();
    List<Thread> started;
    synchronized (this) {
      started = List.copyOf(threads);
    }
    for (Thread t : started) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (t.isAlive()) {
        LOG.warning(t.getName() + " is still scoring; its submission is claimed again later");
      }
    }
    heartbeat.shutdownNow();
  }

  /** A name for this process's workers: host, process id and a random part. */
  static String defaultName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    if (host.length() > 100) {
      host = host.substring(0, 100);
    }
    return host
        + ":"
        + ProcessHandle.current().pid()
        + ":"
        + HexFormat.of().formatHex(randomBytes()).substring(0, 6);
  }
}

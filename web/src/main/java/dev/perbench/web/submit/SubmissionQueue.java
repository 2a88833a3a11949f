package dev.perbench.web.submit;

import dev.perbench.web.accounts.AuditLog;
import dev.perbench.web.accounts.User;
import dev.perbench.web.store.Sql;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The durable scoring queue, in the database: accepted submissions in order, claimed by workers
 * with a lease, moved through their statuses. A claim is a conditional UPDATE that re-checks the
 * row's state, so two workers (in one server or in several against one database) never hold the
 * same submission; PostgreSQL also skips rows other claims have locked ({@code FOR UPDATE SKIP
 * LOCKED}). A worker that dies leaves its lease to expire, and the submission is claimed again.
 * Each transition names the worker holding the claim, so a worker whose lease was taken over can no
 * longer finish it: a submission is finished once.
 */
public final class SubmissionQueue {
  private static final String COLUMNS =
      "id, user_id, benchmark, profile, card_json, file_name, stored_file, file_sha256,"
          + " uploaded_bytes, status, submitted_at, validating_at, scoring_at, finished_at,"
          + " failed_at, cancelled_at, error, log, entry_id, attempts";

  /** Claimable: queued, or worked on under a lease that has run out. */
  private static final String CLAIMABLE =
      "(status = 'submitted' OR (status IN ('validating', 'scoring') AND lease_until < ?))";

  private final DataSource db;
  private final Clock clock;
  private final AuditLog audit;
  private final boolean postgres;

  public SubmissionQueue(DataSource db, Clock clock, AuditLog audit) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    try (Connection c = db.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      this.postgres = meta.getDatabaseProductName().toLowerCase().contains("postgres");
    } catch (SQLException e) {
      throw failure("open the queue", e);
    }
  }

  Clock clock() {
    return clock;
  }

  AuditLog audit() {
    return audit;
  }

  /**
   * Records an accepted upload as {@code submitted}, after checking the user's limits in the same
   * transaction (the user's row is locked, so parallel uploads of one user are counted one after
   * the other).
   *
   * @throws LimitExceededException when the user has too many submissions queued, or has used the
   *     day's or the month's allowance on this benchmark (naming the limit and when it resets)
   */
  public Submission accept(User user, NewSubmission s, SubmissionLimits limits) {
    return accept(user, UUID.randomUUID().toString(), s, limits);
  }

  /**
   * {@link #accept(User, NewSubmission, SubmissionLimits)} under an id the caller chose (a new
   * random UUID), so that the stored file can be named after the submission before it is recorded.
   */
  public Submission accept(User user, String id, NewSubmission s, SubmissionLimits limits) {
    Instant now = clock.instant();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock =
            c.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE")) {
          lock.setLong(1, user.id());
          lock.executeQuery().close();
        }
        checkLimits(c, user, s.benchmark(), limits, now);
        try (PreparedStatement q =
            c.prepareStatement(
                "INSERT INTO submissions (id, user_id, benchmark, profile, card_json, file_name,"
                    + " stored_file, file_sha256, uploaded_bytes, status, submitted_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?)")) {
          q.setString(1, id);
          q.setLong(2, user.id());
          q.setString(3, s.benchmark());
          q.setString(4, s.profile());
          q.setString(5, s.cardJson());
          q.setString(6, s.fileName());
          q.setString(7, s.storedFile().toString());
          q.setString(8, s.fileSha256());
          q.setLong(9, s.uploadedBytes());
          q.setTimestamp(10, Timestamp.from(now));
          q.executeUpdate();
        }
        audit.record(c, user.email(), "submission.submitted", id, s.benchmark());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("record the submission", e);
    }
    return get(id).orElseThrow();
  }

  /**
   * Checks the user's limits without recording anything, so that an upload can be refused before
   * its file is read ({@link #accept} checks them again, under the lock, and decides).
   *
   * @param benchmark the benchmark, or null to check only the limit of concurrent submissions
   * @throws LimitExceededException as {@link #accept} would
   */
  public void check(User user, String benchmark, SubmissionLimits limits) {
    try (Connection c = db.getConnection()) {
      checkLimits(c, user, benchmark, limits, clock.instant());
    } catch (SQLException e) {
      throw failure("read the submissions", e);
    }
  }

  private void checkLimits(
      Connection c, User user, String benchmark, SubmissionLimits limits, Instant now)
      throws SQLException {
    int active =
        count(
            c,
            "SELECT COUNT(*) FROM submissions WHERE user_id = ?"
                + " AND status IN ('submitted', 'validating', 'scoring')",
            user.id());
    if (active >= limits.concurrent()) {
      throw new LimitExceededException(
          "limit: at most "
              + limits.concurrent()
              + " submissions of yours queued or being scored at once; wait for one to finish",
          429);
    }
    if (benchmark == null) {
      return;
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Instant dayStart = today.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant monthStart = today.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    String counted =
        "SELECT COUNT(*) FROM submissions WHERE user_id = ? AND benchmark = ?"
            + " AND status NOT IN ('failed', 'cancelled') AND submitted_at >= ?";
    if (count(c, counted, user.id(), benchmark, Timestamp.from(dayStart)) >= limits.perDay()) {
      throw new LimitExceededException(
          "limit: at most "
              + limits.perDay()
              + " submissions a day on "
              + benchmark
              + " (failed ones do not count); it resets at "
              + dayStart.plus(Duration.ofDays(1))
              + " (UTC midnight)",
          429);
    }
    if (count(c, counted, user.id(), benchmark, Timestamp.from(monthStart)) >= limits.perMonth()) {
      throw new LimitExceededException(
          "limit: at most "
              + limits.perMonth()
              + " submissions a month on "
              + benchmark
              + " (failed ones do not count); it resets at "
              + today.withDayOfMonth(1).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC),
          429);
    }
  }

  /** A submission by id. */
  public Optional<Submission> get(String id) {
    List<Submission> found = select("SELECT " + COLUMNS + " FROM submissions WHERE id = ?", id);
    return found.stream().findFirst();
  }

  /**
   * The stored metrics.json of a finished submission's result (its entry's result on the
   * submission's benchmark), whatever the entry's visibility: for the submission's owner.
   */
  public Optional<String> metricsJson(Submission s) {
    if (s.entryId() == null) {
      return Optional.empty();
    }
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT metrics_json FROM results WHERE entry_id = ? AND benchmark = ?")) {
      q.setString(1, s.entryId());
      q.setString(2, s.benchmark());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read the result of submission " + s.id(), e);
    }
  }

  /** A user's submissions, newest first. */
  public List<Submission> byUser(long userId) {
    return select(
        "SELECT " + COLUMNS + " FROM submissions WHERE user_id = ? ORDER BY submitted_at DESC, id",
        userId);
  }

  /** Every submission of a status, oldest first (the queue when {@code submitted}). */
  public List<Submission> withStatus(SubmissionStatus status) {
    return select(
        "SELECT " + COLUMNS + " FROM submissions WHERE status = ? ORDER BY submitted_at, id",
        status.id());
  }

  /** A queued submission's place in the queue (1 = next), or 0 when it is not queued. */
  public int position(Submission s) {
    if (s.status() != SubmissionStatus.SUBMITTED) {
      return 0;
    }
    try (Connection c = db.getConnection()) {
      return 1
          + count(
              c,
              "SELECT COUNT(*) FROM submissions WHERE status = 'submitted'"
                  + " AND (submitted_at < ? OR (submitted_at = ? AND id < ?))",
              Timestamp.from(s.submittedAt()),
              Timestamp.from(s.submittedAt()),
              s.id());
    } catch (SQLException e) {
      throw failure("read the queue", e);
    }
  }

  /** Cancels the user's own queued submission; false when it is not theirs or not queued. */
  public boolean cancel(User user, String id) {
    boolean done =
        update(
                "UPDATE submissions SET status = 'cancelled', cancelled_at = ?"
                    + " WHERE id = ? AND user_id = ? AND status = 'submitted'",
                now(),
                id,
                user.id())
            == 1;
    if (done) {
      audit.record(user.email(), "submission.cancelled", id, null);
    }
    return done;
  }

  /**
   * Claims the oldest claimable submission for {@code worker}, setting it {@code validating} with a
   * lease; empty when there is none.
   */
  public Optional<Submission> claim(String worker, Duration lease) {
    for (int tries = 0; tries < 10; tries++) {
      Instant now = clock.instant();
      String id;
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT id FROM submissions WHERE "
                      + CLAIMABLE
                      + " ORDER BY submitted_at, id LIMIT 1"
                      + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))) {
            q.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = q.executeQuery()) {
              if (!rs.next()) {
                c.commit();
                return Optional.empty();
              }
              id = rs.getString(1);
            }
          }
          int claimed;
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE submissions SET status = 'validating', validating_at = ?,"
                      + " scoring_at = NULL, claimed_by = ?, lease_until = ?,"
                      + " attempts = attempts + 1 WHERE id = ? AND "
                      + CLAIMABLE)) {
            u.setTimestamp(1, Timestamp.from(now));
            u.setString(2, worker);
            u.setTimestamp(3, Timestamp.from(now.plus(lease)));
            u.setString(4, id);
            u.setTimestamp(5, Timestamp.from(now));
            claimed = u.executeUpdate();
          }
          if (claimed == 1) {
            audit.record(c, "system", "submission.validating", id, "claimed by " + worker);
          }
          c.commit();
          if (claimed == 1) {
            // read on this connection: a second one from the pool while holding this one
            // starves the pool when as many claims run at once as it has connections
            return Optional.of(
                read(c, "SELECT " + COLUMNS + " FROM submissions WHERE id = ?", id).get(0));
          }
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        // another claim won the row (H2 reports a lock timeout or a concurrent update): try again
        if (tries == 9) {
          throw failure("claim a submission", e);
        }
      }
    }
    return Optional.empty();
  }

  /** Extends the worker's lease; false when the worker no longer holds the submission. */
  public boolean renew(String id, String worker, Duration lease) {
    return update(
            "UPDATE submissions SET lease_until = ? WHERE id = ? AND claimed_by = ?"
                + " AND status IN ('validating', 'scoring')",
            Timestamp.from(clock.instant().plus(lease)),
            id,
            worker)
        == 1;
  }

  /**
   * Records what the worker has done so far, for the owner to follow while it works; false when the
   * worker no longer holds the submission.
   */
  public boolean log(String id, String worker, String log) {
    return update(
            "UPDATE submissions SET log = ? WHERE id = ? AND claimed_by = ?"
                + " AND status IN ('validating', 'scoring')",
            truncate(log, 100000),
            id,
            worker)
        == 1;
  }

  /** Moves the worker's submission from validating to scoring. */
  public boolean scoring(String id, String worker) {
    boolean done =
        update(
                "UPDATE submissions SET status = 'scoring', scoring_at = ? WHERE id = ?"
                    + " AND claimed_by = ? AND status = 'validating'",
                now(),
                id,
                worker)
            == 1;
    if (done) {
      audit.record("system", "submission.scoring", id, worker);
    }
    return done;
  }

  /**
   * Finishes the worker's submission inside the caller's transaction (the one that stores its
   * result), so that the result exists exactly when the submission is finished.
   *
   * @return false when the worker no longer holds it (the caller then rolls back)
   */
  public boolean finish(Connection c, String id, String worker, String entryId, String log)
      throws SQLException {
    int n;
    try (PreparedStatement u =
        c.prepareStatement(
            "UPDATE submissions SET status = 'finished', finished_at = ?, entry_id = ?, log = ?,"
                + " lease_until = NULL WHERE id = ? AND claimed_by = ?"
                + " AND status IN ('validating', 'scoring')")) {
      u.setTimestamp(1, now());
      u.setString(2, entryId);
      u.setString(3, log == null ? null : truncate(log, 100000));
      u.setString(4, id);
      u.setString(5, worker);
      n = u.executeUpdate();
    }
    if (n == 1) {
      audit.record(c, "system", "submission.finished", id, entryId);
    }
    return n == 1;
  }

  /** Fails the worker's submission with an error its owner can act on. */
  public boolean fail(String id, String worker, String error, String log) {
    boolean done =
        update(
                "UPDATE submissions SET status = 'failed', failed_at = ?, error = ?, log = ?,"
                    + " lease_until = NULL WHERE id = ? AND claimed_by = ?"
                    + " AND status IN ('validating', 'scoring')",
                now(),
                truncate(error, 20000),
                log == null ? null : truncate(log, 100000),
                id,
                worker)
            == 1;
    if (done) {
      audit.record("system", "submission.failed", id, truncate(error, 500));
    }
    return done;
  }

  private List<Submission> select(String sql, Object... args) {
    try (Connection c = db.getConnection()) {
      return read(c, sql, args);
    } catch (SQLException e) {
      throw failure("read the submissions", e);
    }
  }

  private static List<Submission> read(Connection c, String sql, Object... args)
      throws SQLException {
    List<Submission> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Submission(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getLong(9),
                  SubmissionStatus.of(rs.getString(10)),
                  instant(rs.getTimestamp(11)),
                  instant(rs.getTimestamp(12)),
                  instant(rs.getTimestamp(13)),
                  instant(rs.getTimestamp(14)),
                  instant(rs.getTimestamp(15)),
                  instant(rs.getTimestamp(16)),
                  rs.getString(17),
                  rs.getString(18),
                  rs.getString(19),
                  rs.getInt(20)));
        }
      }
    }
    return out;
  }

  private static int count(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private int update(String sql, Object... args) {
    return Sql.update(db, "update the submissions", sql, args);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static Instant instant(Timestamp t) {
    return Sql.instant(t);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static IllegalStateException failure(String what, SQLException e) {
    return Sql.failure(what, e);
  }
}

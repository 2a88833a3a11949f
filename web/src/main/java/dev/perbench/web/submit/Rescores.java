package dev.perbench.web.submit;

import dev.perbench.errors.InputException;
import dev.perbench.web.accounts.AuditLog;
import dev.perbench.web.accounts.User;
import dev.perbench.web.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Re-scores of a benchmark's hosted entries after a change of metric code. An admin asks for one;
 * it covers every submission on the benchmark that had finished by then (imported entries are the
 * repository's, changed by pull request, and are not re-scored). The scoring workers take its
 * submissions one at a time when the queue is empty ({@link #next}), score each stored prediction
 * file again and replace the entry's result, keeping the old one ({@code earlier_results}).
 *
 * <p>Nothing is claimed: what is left to do is whatever has no outcome yet, so a server killed
 * mid-way simply goes on after a restart. The outcome row is written in the transaction that stores
 * the new result, and its key (re-score, submission) lets only one of two workers that raced for a
 * submission store it; the other's work is thrown away.
 */
public final class Rescores {
  /** What a re-score did with a submission's entry. */
  public static final String RESCORED = "rescored";

  /** The re-score could not score it; its result is left as it was. */
  public static final String FAILED = "failed";

  /** Which submissions a re-score covers: finished, with an entry, by the time it was asked. */
  private static final String COVERED =
      "FROM submissions s JOIN results r ON r.entry_id = s.entry_id AND r.benchmark = s.benchmark"
          + " WHERE s.status = 'finished' AND s.benchmark = ? AND s.finished_at <= ?"
          + " AND NOT EXISTS (SELECT 1 FROM rescore_outcomes o WHERE o.rescore_id = ?"
          + " AND o.submission_id = s.id)";

  /**
   * A re-score and how far it has come.
   *
   * @param finishedAt when its last submission was done, or null while some are left
   */
  public record Rescore(
      long id,
      String benchmark,
      String requestedBy,
      Instant requestedAt,
      Instant finishedAt,
      int rescored,
      int failed,
      int left) {}

  /** A submission a re-score still has to do. */
  public record Pending(long rescoreId, Submission submission) {}

  private final DataSource db;
  private final Clock clock;
  private final AuditLog audit;
  private final SubmissionQueue queue;

  public Rescores(DataSource db, Clock clock, AuditLog audit) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.queue = new SubmissionQueue(db, clock, audit);
  }

  /**
   * Asks for a re-score of every hosted entry on {@code benchmark} (the caller checks that the
   * admin is one, and that the benchmark exists).
   *
   * @throws InputException when a re-score of that benchmark is still under way
   */
  public long request(User admin, String benchmark) {
    Instant now = clock.instant();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        long id;
        try (PreparedStatement q =
            c.prepareStatement(
                "INSERT INTO rescores (benchmark, requested_by, requested_at, running_benchmark)"
                    + " VALUES (?, ?, ?, ?)",
                new String[] {"id"})) {
          q.setString(1, benchmark);
          q.setString(2, admin.email());
          q.setTimestamp(3, Timestamp.from(now));
          q.setString(4, benchmark);
          q.executeUpdate();
          try (ResultSet keys = q.getGeneratedKeys()) {
            keys.next();
            id = keys.getLong(1);
          }
        }
        audit.record(c, admin.email(), "rescore.requested", benchmark, "re-score " + id);
        c.commit();
        return id;
      } catch (SQLException e) {
        c.rollback();
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
        // the unique index on running_benchmark: one is under way (docs/hosting.md)
        Rescore r = read(c, "WHERE finished_at IS NULL AND benchmark = ?", benchmark).get(0);
        throw new InputException(
            "a re-score of "
                + benchmark
                + " asked for at "
                + r.requestedAt()
                + " is still under way ("
                + r.left()
                + " entries left); wait for it to finish");
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw Sql.failure("record the re-score", e);
    }
  }

  /**
   * The next submission to re-score: the oldest one left of the oldest unfinished re-score, not
   * counting those in {@code busy} (being re-scored by this server's other workers). A re-score
   * with none left at all is marked finished on the way.
   */
  public Optional<Pending> next(Set<String> busy) {
    try (Connection c = db.getConnection()) {
      List<Rescore> open = new ArrayList<>();
      try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT id, benchmark, requested_at FROM rescores WHERE finished_at IS NULL"
                      + " ORDER BY id");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          open.add(
              new Rescore(
                  rs.getLong(1),
                  rs.getString(2),
                  null,
                  rs.getTimestamp(3).toInstant(),
                  null,
                  0,
                  0,
                  0));
        }
      }
      for (Rescore r : open) {
        String chosen = null;
        boolean left = false;
        try (PreparedStatement q =
            c.prepareStatement("SELECT s.id " + COVERED + " ORDER BY s.finished_at, s.id")) {
          q.setString(1, r.benchmark());
          q.setTimestamp(2, Timestamp.from(r.requestedAt()));
          q.setLong(3, r.id());
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next() && chosen == null) {
              left = true;
              if (!busy.contains(rs.getString(1))) {
                chosen = rs.getString(1);
              }
            }
          }
        }
        if (chosen != null) {
          String id = chosen;
          return Optional.of(
              new Pending(
                  r.id(),
                  queue.get(id).orElseThrow(() -> new IllegalStateException("submission " + id))));
        }
        if (!left) {
          finish(c, r.id());
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw Sql.failure("read the re-scores", e);
    }
  }

  /**
   * Marks a re-score with nothing left finished (once, whoever gets there first), and audits it.
   */
  private void finish(Connection c, long id) throws SQLException {
    int n;
    try (PreparedStatement u =
        c.prepareStatement(
            "UPDATE rescores SET finished_at = ?, running_benchmark = NULL"
                + " WHERE id = ? AND finished_at IS NULL")) {
      u.setTimestamp(1, Timestamp.from(clock.instant()));
      u.setLong(2, id);
      n = u.executeUpdate();
    }
    if (n == 1) {
      Rescore r = read(c, "WHERE id = ?", Long.toString(id)).get(0);
      audit.record(
          c,
          "system",
          "rescore.finished",
          r.benchmark(),
          "re-score " + r.id() + ": " + r.rescored() + " rescored, " + r.failed() + " failed");
    }
  }

  /**
   * Records what a re-score did with a submission, in the caller's transaction (the one that stores
   * the new result, when there is one), and audits it.
   *
   * @return false when it had been recorded already (another worker did it first): the caller then
   *     rolls back
   */
  public boolean record(
      Connection c, long rescoreId, String submissionId, String outcome, String detail)
      throws SQLException {
    try (PreparedStatement mine =
        c.prepareStatement(
            "SELECT 1 FROM rescore_outcomes WHERE rescore_id = ? AND submission_id = ?")) {
      mine.setLong(1, rescoreId);
      mine.setString(2, submissionId);
      try (ResultSet rs = mine.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement q =
        c.prepareStatement(
            "INSERT INTO rescore_outcomes (rescore_id, submission_id, outcome, detail, at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      q.setLong(1, rescoreId);
      q.setString(2, submissionId);
      q.setString(3, outcome);
      q.setString(
          4, detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 4000));
      q.setTimestamp(5, Timestamp.from(clock.instant()));
      q.executeUpdate();
    } catch (SQLException e) {
      // the key: another worker recorded it between the check and the insert (a unique violation
      // is SQLState 23505 on H2 and PostgreSQL alike); anything else is a failure to say so
      if ("23505".equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
    audit.record(
        c, "system", "rescore." + outcome, submissionId, "re-score " + rescoreId + ": " + detail);
    return true;
  }

  /** The newest re-scores first, at most {@code limit}. */
  public List<Rescore> recent(int limit) {
    try (Connection c = db.getConnection()) {
      return read(c, "", null, limit);
    } catch (SQLException e) {
      throw Sql.failure("read the re-scores", e);
    }
  }

  /**
   * Re-scores matching {@code where} (with at most one string parameter), oldest first for work.
   */
  private List<Rescore> read(Connection c, String where, String arg) throws SQLException {
    return read(c, where, arg, Integer.MAX_VALUE);
  }

  /** As {@link #read(Connection, String, String)}, at most {@code limit} of them. */
  private List<Rescore> read(Connection c, String where, String arg, int limit)
      throws SQLException {
    List<Rescore> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT id, benchmark, requested_by, requested_at, finished_at,"
                + " (SELECT COUNT(*) FROM rescore_outcomes o WHERE o.rescore_id = x.id"
                + " AND o.outcome = 'rescored'),"
                + " (SELECT COUNT(*) FROM rescore_outcomes o WHERE o.rescore_id = x.id"
                + " AND o.outcome = 'failed')"
                + " FROM rescores x "
                + where
                + (where.isEmpty() ? " ORDER BY id DESC" : " ORDER BY id")
                + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit))) {
      if (arg != null) {
        q.setObject(1, where.contains("id = ?") ? (Object) Long.parseLong(arg) : arg);
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          String benchmark = rs.getString(2);
          Instant requestedAt = rs.getTimestamp(4).toInstant();
          out.add(
              new Rescore(
                  id,
                  benchmark,
                  rs.getString(3),
                  requestedAt,
                  Sql.instant(rs.getTimestamp(5)),
                  rs.getInt(6),
                  rs.getInt(7),
                  0));
        }
      }
    }
    List<Rescore> counted = new ArrayList<>();
    for (Rescore r : out) {
      counted.add(
          new Rescore(
              r.id(),
              r.benchmark(),
              r.requestedBy(),
              r.requestedAt(),
              r.finishedAt(),
              r.rescored(),
              r.failed(),
              r.finishedAt() == null ? left(c, r) : 0));
    }
    return counted;
  }

  private static int left(Connection c, Rescore r) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) " + COVERED)) {
      q.setString(1, r.benchmark());
      q.setTimestamp(2, Timestamp.from(r.requestedAt()));
      q.setLong(3, r.id());
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}

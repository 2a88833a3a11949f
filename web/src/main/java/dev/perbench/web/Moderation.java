package dev.perbench.web;

import dev.perbench.errors.InputException;
import dev.perbench.web.accounts.AuditLog;
import dev.perbench.web.accounts.User;
import io.javalin.http.NotFoundResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What owners and admins may change about hosted entries: an owner publishes one of their entries
 * (which then represents them on its benchmarks: their other public entries there become private
 * again, EvalAI's "one selected submission") or withdraws it; an admin hides or shows, flags, and
 * marks as verified. Entries imported from {@code submissions/} are changed by pull requests only.
 * Every change is in the audit log, and the leaderboards are refreshed at once.
 */
public final class Moderation {
  private final DataSource db;
  private final AuditLog audit;
  private final Leaderboards boards;

  public Moderation(DataSource db, AuditLog audit, Leaderboards boards) {
    this.db = db;
    this.audit = audit;
    this.boards = boards;
  }

  /** Makes the owner's entry public, and their other public entries on its benchmarks private. */
  public void publish(User owner, String entryId) {
    inTransaction(
        c -> {
          hosted(c, entryId, owner);
          try (PreparedStatement others =
              c.prepareStatement(
                  "UPDATE entries SET visibility = 'private' WHERE owner = ? AND id <> ? AND"
                      + " visibility = 'public' AND id IN (SELECT r.entry_id FROM results r WHERE"
                      + " r.benchmark IN (SELECT benchmark FROM results WHERE entry_id = ?))")) {
            others.setString(1, Long.toString(owner.id()));
            others.setString(2, entryId);
            others.setString(3, entryId);
            others.executeUpdate();
          }
          set(c, "visibility = 'public'", entryId);
          audit.record(c, owner.email(), "entry.publish", entryId, null);
        });
  }

  /** Makes the owner's entry private again. */
  public void withdraw(User owner, String entryId) {
    inTransaction(
        c -> {
          hosted(c, entryId, owner);
          set(c, "visibility = 'private'", entryId);
          audit.record(c, owner.email(), "entry.withdraw", entryId, null);
        });
  }

  /** Hides a hosted entry from everyone but its owner and admins (or shows it again). */
  public void hide(User admin, String entryId, boolean hidden, String reason) {
    inTransaction(
        c -> {
          hosted(c, entryId, null);
          set(c, hidden ? "status = 'hidden'" : "status = 'published'", entryId);
          audit.record(c, admin.email(), hidden ? "entry.hide" : "entry.show", entryId, reason);
        });
  }

  /** Flags a hosted entry with a reason shown beside it, or clears the flag (null). */
  public void flag(User admin, String entryId, String reason) {
    String r = reason == null || reason.isBlank() ? null : reason.strip();
    if (r != null && r.length() > 1000) {
      throw new InputException("reason: at most 1000 characters");
    }
    inTransaction(
        c -> {
          hosted(c, entryId, null);
          try (PreparedStatement q =
              c.prepareStatement("UPDATE entries SET flag_reason = ? WHERE id = ?")) {
            q.setString(1, r);
            q.setString(2, entryId);
            q.executeUpdate();
          }
          audit.record(c, admin.email(), r == null ? "entry.unflag" : "entry.flag", entryId, r);
        });
  }

  /** Marks a hosted entry as verified (an admin re-ran it), or not. */
  public void verify(User admin, String entryId, boolean verified) {
    inTransaction(
        c -> {
          hosted(c, entryId, null);
          set(c, "verified = " + (verified ? "TRUE" : "FALSE"), entryId);
          audit.record(
              c, admin.email(), verified ? "entry.verify" : "entry.unverify", entryId, null);
        });
  }

  /**
   * Hides a benchmark's ground truth (only aggregate results are shown for it, per-sample ones to
   * admins alone), or shows it again.
   */
  public void hideGroundTruth(User admin, String benchmark, boolean hidden) {
    if (!Leaderboards.known(benchmark)) {
      throw new NotFoundResponse("No benchmark with the id " + benchmark);
    }
    inTransaction(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM hidden_benchmarks WHERE benchmark = ?")) {
            del.setString(1, benchmark);
            del.executeUpdate();
          }
          if (hidden) {
            try (PreparedStatement ins =
                c.prepareStatement("INSERT INTO hidden_benchmarks (benchmark) VALUES (?)")) {
              ins.setString(1, benchmark);
              ins.executeUpdate();
            }
          }
          audit.record(
              c,
              admin.email(),
              hidden ? "benchmark.hide-ground-truth" : "benchmark.show-ground-truth",
              benchmark,
              null);
        });
  }

  /**
   * Checks that the entry is a hosted one (not imported from submissions/) and, when {@code owner}
   * is given, theirs: 404 otherwise, the same for every case, so ids cannot be probed.
   */
  private static void hosted(Connection c, String entryId, User owner) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT owner FROM entries WHERE id = ?")) {
      q.setString(1, entryId);
      try (ResultSet rs = q.executeQuery()) {
        String found = rs.next() ? rs.getString(1) : null;
        if (found == null) {
          throw new NotFoundResponse(
              "No hosted entry "
                  + entryId
                  + " of yours (entries from submissions/ change by pull"
                  + " request)");
        }
        if (owner != null && !found.equals(Long.toString(owner.id()))) {
          throw new NotFoundResponse(
              "No hosted entry "
                  + entryId
                  + " of yours (entries from submissions/ change by pull"
                  + " request)");
        }
      }
    }
  }

  private static void set(Connection c, String assignment, String entryId) throws SQLException {
    // assignment is one of this class's constants, never request text
    try (PreparedStatement q =
        c.prepareStatement("UPDATE entries SET " + assignment + " WHERE id = ?")) {
      q.setString(1, entryId);
      q.executeUpdate();
    }
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(Work work) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot change the entry: " + e.getMessage(), e);
    }
    boards.invalidate();
  }
}

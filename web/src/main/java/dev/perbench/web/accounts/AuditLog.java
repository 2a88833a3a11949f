package dev.perbench.web.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Every admin action and every submission status change, in order, kept in the database. */
public final class AuditLog {
  /** One recorded action. */
  public record Event(
      long id, java.time.Instant at, String actor, String action, String subject, String detail) {}

  private final DataSource db;
  private final Clock clock;

  public AuditLog(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Records an action; {@code actor} is an email, or {@code system} for the server itself. */
  public void record(String actor, String action, String subject, String detail) {
    try (Connection c = db.getConnection()) {
      record(c, actor, action, subject, detail);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the audit log: " + e.getMessage(), e);
    }
  }

  /** Records an action inside the caller's transaction. */
  public void record(Connection c, String actor, String action, String subject, String detail)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)")) {
      q.setTimestamp(1, Timestamp.from(clock.instant()));
      q.setString(2, actor);
      q.setString(3, action);
      q.setString(4, subject);
      q.setString(5, detail == null ? null : truncate(detail, 4000));
      q.executeUpdate();
    }
  }

  /** The most recent events, newest first. */
  public List<Event> recent(int limit) {
    List<Event> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id DESC"
                    + " LIMIT "
                    + Math.max(1, limit))) {
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Event(
                  rs.getLong(1),
                  rs.getTimestamp(2).toInstant(),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit log: " + e.getMessage(), e);
    }
    return out;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}

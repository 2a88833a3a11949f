package dev.perbench.web.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** The few plain-JDBC steps the site's stores share. */
public final class Sql {
  private Sql() {}

  /**
   * Runs one UPDATE, INSERT or DELETE with its parameters in a connection of its own.
   *
   * @param what what it does, for the error ("update the accounts")
   * @return the rows it changed
   */
  public static int update(DataSource db, String what, String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      return q.executeUpdate();
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** A nullable timestamp as an instant. */
  public static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** A database failure as an outside failure naming what could not be done. */
  public static IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
  }
}

package dev.perbench.web;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * The leaderboard's database: a pooled connection to H2 (embedded, the default) or PostgreSQL
 * (hosting), migrated by Flyway from {@code db/migration} before it is used.
 *
 * <p>H2 is set to write each commit to its file at once ({@code WRITE_DELAY 0}; by default it
 * writes up to half a second later, and a server killed meanwhile loses transactions it had
 * committed, such as an accepted submission or a finished one). The write is not fsync'd: a commit
 * survives the server's process being killed, not the machine losing power (PostgreSQL's does).
 */
public final class WebDatabase {
  private WebDatabase() {}

  /** Opens {@code jdbcUrl} and brings its schema up to date. */
  public static HikariDataSource open(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(8);
    config.setPoolName("perbench-web");
    HikariDataSource ds = new HikariDataSource(config);
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      try (Connection c = ds.getConnection()) {
        if (c.getMetaData().getDatabaseProductName().equals("H2")) {
          try (Statement s = c.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
          }
        }
      }
    } catch (SQLException e) {
      ds.close();
      throw new IllegalStateException("cannot set up the database: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return ds;
  }
}

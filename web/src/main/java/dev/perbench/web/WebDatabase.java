package dev.perbench.web;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * The leaderboard's database: a pooled connection to H2 (embedded, the default) or PostgreSQL
 * (hosting), migrated by Flyway from {@code db/migration} before it is used.
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
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return ds;
  }
}

package dev.perbench.web;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The two databases the site runs on, for tests that must pass on both: an in-memory H2 (the
 * default of {@code perbench serve}) and a real PostgreSQL (one server per test run, see {@link
 * RealPostgres#shared()}). Each call gives a new, empty database. Use it with JUnit's
 * {@code @ParameterizedClass @EnumSource(TestDatabase.class)} or {@code @EnumSource} on a method.
 */
public enum TestDatabase {
  H2,
  POSTGRESQL;

  /** A JDBC URL of a new, empty database of this kind. */
  public String newUrl() {
    if (this == H2) {
      return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
    try {
      return RealPostgres.shared().newDatabase();
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot start PostgreSQL for the test: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting PostgreSQL", e);
    }
  }

  /** A new, empty database of this kind, migrated to the site's schema. */
  public HikariDataSource open() {
    return WebDatabase.open(newUrl());
  }
}

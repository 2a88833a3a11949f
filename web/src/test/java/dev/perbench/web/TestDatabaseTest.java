package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each {@link TestDatabase} gives a new database, migrated and empty, and it is the kind named. */
class TestDatabaseTest {
  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void eachDatabaseIsNewMigratedAndOfItsKind(TestDatabase kind) throws Exception {
    try (HikariDataSource a = kind.open();
        HikariDataSource b = kind.open()) {
      try (Connection c = a.getConnection()) {
        c.createStatement()
            .executeUpdate(
                "INSERT INTO hidden_benchmarks (benchmark) VALUES ('only-in-the-first')");
        assertEquals(
            kind == TestDatabase.H2 ? "H2" : "PostgreSQL",
            c.getMetaData().getDatabaseProductName());
      }
      try (Connection c = b.getConnection();
          ResultSet rs =
              c.createStatement().executeQuery("SELECT COUNT(*) FROM hidden_benchmarks")) {
        rs.next();
        assertEquals(0, rs.getInt(1));
      }
    }
  }
}

package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each imported result records the harness version its run's manifest names (none without a
 * manifest), and entries stored by older import rules are imported again to fill it in.
 */
class HarnessVersionTest {
  @Test
  void importedResultsRecordTheirManifestsHarnessVersion() throws SQLException {
    try (HikariDataSource db =
        WebDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
      SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
      assertEquals("0.1.0-SNAPSHOT", version(db, "pixel-mini-reproduced"));
      assertEquals("0.1.0-SNAPSHOT", version(db, "baseline-oracle"));
      assertNull(version(db, "lisa-7b-reported"), "no manifest, no version");

      // as stored before results recorded the version
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE results SET harness_version = NULL");
        s.executeUpdate("UPDATE entries SET import_version = 2");
      }
      SubmissionsImport.Report again =
          SubmissionsImport.run(TestData.SUBMISSIONS, db, TestData.DATA);
      assertTrue(again.imported().contains("pixel-mini-reproduced"), again.toString());
      assertEquals("0.1.0-SNAPSHOT", version(db, "pixel-mini-reproduced"));
    }
  }

  private static String version(HikariDataSource db, String entry) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT harness_version FROM results WHERE entry_id = '" + entry + "'")) {
      assertTrue(rs.next(), entry);
      return rs.getString(1);
    }
  }
}

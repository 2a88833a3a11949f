package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same schema, import and queries on a real PostgreSQL as on H2: Flyway migrates it, the import
 * is idempotent, and every leaderboard and entry reads the same on both.
 */
class PostgresTest {
  private static final Path SUBMISSIONS = Path.of("..", "submissions");
  private static RealPostgres server;
  private static HikariDataSource pg;
  private static HikariDataSource h2;

  @BeforeAll
  static void start() throws Exception {
    server = RealPostgres.start();
    pg = WebDatabase.open(server.jdbcUrl());
    h2 = WebDatabase.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @AfterAll
  static void stop() throws Exception {
    if (pg != null) {
      pg.close();
    }
    if (h2 != null) {
      h2.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theImportAndEveryLeaderboardAndEntryReadTheSameAsOnH2() {
    SubmissionsImport.Report first = SubmissionsImport.run(SUBMISSIONS, pg);
    assertEquals(List.of(), first.skipped());
    assertTrue(first.imported().size() >= 28, first.toString());
    assertEquals(List.of(), SubmissionsImport.run(SUBMISSIONS, pg).imported());
    SubmissionsImport.run(SUBMISSIONS, h2);
    Leaderboards onPg = new Leaderboards(pg);
    Leaderboards onH2 = new Leaderboards(h2);
    assertEquals(onH2.benchmarks(), onPg.benchmarks());
    for (BenchmarkSummary b : onH2.benchmarks()) {
      assertEquals(onH2.rows(b.id()), onPg.rows(b.id()), b.id());
    }
    for (String id : first.imported()) {
      assertEquals(onH2.entry(id), onPg.entry(id), id);
    }
  }
}

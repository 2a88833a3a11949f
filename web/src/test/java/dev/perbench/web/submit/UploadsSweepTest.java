package dev.perbench.web.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.perbench.web.TestDatabase;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The startup sweep of the uploads folder, on real files and a real database (H2 and PostgreSQL):
 * what it removes, what it must never touch, and the grace period that protects another server's
 * upload in flight.
 */
class UploadsSweepTest {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final SubmissionLimits LIMITS = new SubmissionLimits(1000, 10000, 50, 100, 10, 10, 10);
  static final Duration GRACE = Duration.ofMinutes(10);

  @TempDir Path tmp;

  /** A file with its last modification {@code ago} before {@link #NOW}. */
  static Path file(Path dir, String name, Duration ago) throws IOException {
    Path p = Files.writeString(dir.resolve(name), "{\"id\": \"x\"}\n");
    Files.setLastModifiedTime(p, FileTime.from(NOW.minus(ago)));
    return p;
  }

  static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void removesOldLeftoversOfUploadsAndNothingElse(TestDatabase kind) throws Exception {
    Path uploads = Files.createDirectories(tmp.resolve("uploads"));
    Duration old = Duration.ofHours(3);
    try (HikariDataSource db = kind.open()) {
      Accounts accounts = new Accounts(db, CLOCK);
      SubmissionQueue queue = new SubmissionQueue(db, CLOCK, accounts.audit());
      User ada = accounts.create("ada@example.org", Role.PARTICIPANT, null, "test");

      // recorded: named by the row as stored here; as stored under another path (the folder
      // moved since); and a row whose id is the file's but whose stored_file names another file
      String here = uuid();
      String moved = uuid();
      String byId = uuid();
      record(queue, ada, here, file(uploads, here + ".jsonl", old));
      record(queue, ada, moved, Path.of("/srv/old-uploads", moved + ".jsonl"));
      file(uploads, moved + ".jsonl", old);
      record(queue, ada, byId, Path.of("/srv/old-uploads/renamed.jsonl"));
      file(uploads, byId + ".jsonl", old);

      // never acknowledged, old: removed
      String orphan = uuid();
      file(uploads, orphan + ".jsonl", old);
      file(uploads, ".upload-4242.part", old);
      file(uploads, ".upload-17.part", GRACE.plusSeconds(1));
      // never acknowledged, but younger than the grace period: kept
      String fresh = uuid();
      file(uploads, fresh + ".jsonl", GRACE.minusSeconds(1));
      file(uploads, ".upload-99.part", Duration.ZERO);
      // not named like an upload: left alone, however old
      file(uploads, "notes.txt", old);
      file(uploads, orphan.toUpperCase() + ".jsonl", old);
      file(uploads, orphan + ".jsonl.bak", old);
      file(uploads, "upload-1.part", old);
      Files.createDirectories(uploads.resolve(uuid() + ".jsonl"));
      Path link = uploads.resolve(uuid() + ".jsonl");
      Files.createSymbolicLink(link, file(tmp, "elsewhere.jsonl", old));
      Set<String> before = names(uploads);

      UploadsSweep.Report r = new UploadsSweep(db, uploads, GRACE, CLOCK).run();

      assertEquals(List.of(".upload-17.part", ".upload-4242.part"), r.parts());
      assertEquals(List.of(orphan + ".jsonl"), r.unrecorded());
      assertEquals(3, r.removed());
      assertEquals(List.of(".upload-99.part", fresh + ".jsonl"), r.young());
      assertEquals(6, r.others().size(), r.others().toString());
      assertTrue(r.others().contains("notes.txt"));
      assertTrue(r.others().contains(link.getFileName().toString()), "a link is not followed");
      assertEquals(List.of(), r.failed());
      Set<String> expected = new TreeSet<>(before);
      expected.removeAll(Set.of(".upload-17.part", ".upload-4242.part", orphan + ".jsonl"));
      assertEquals(expected, names(uploads));
      assertTrue(Files.exists(tmp.resolve("elsewhere.jsonl")), "the link's target is untouched");

      // the console: counts and names
      List<String> lines = r.lines();
      assertEquals(3, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("uploads: removed 3 files never acknowledged from "));
      assertTrue(lines.get(0).contains(".upload-4242.part (an upload cut off"), lines.get(0));
      assertTrue(lines.get(0).contains(orphan + ".jsonl (stored but never recorded)"));
      assertTrue(lines.get(1).startsWith("uploads: kept 2 files"), lines.get(1));
      assertTrue(lines.get(1).contains(fresh + ".jsonl"), lines.get(1));
      assertTrue(lines.get(2).startsWith("uploads: left alone 6 files"), lines.get(2));
      assertTrue(lines.get(2).contains("notes.txt"), lines.get(2));

      // a server alone on its folder: no grace; the recorded files are still kept
      UploadsSweep.Report alone = new UploadsSweep(db, uploads, Duration.ZERO, CLOCK).run();
      assertEquals(List.of(".upload-99.part"), alone.parts());
      assertEquals(List.of(fresh + ".jsonl"), alone.unrecorded());
      assertEquals(List.of(), alone.young());
      for (String id : List.of(here, moved, byId)) {
        assertTrue(Files.exists(uploads.resolve(id + ".jsonl")), id);
      }
      assertEquals(expected.size() - 2, names(uploads).size());

      // and once clean, it has nothing to say but what it leaves alone
      UploadsSweep.Report again = new UploadsSweep(db, uploads, Duration.ZERO, CLOCK).run();
      assertEquals(0, again.removed());
      assertEquals(1, again.lines().size(), again.lines().toString());
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aMissingFolderIsLeftMissingAndAFileInItsPlaceIsAnError(TestDatabase kind) throws Exception {
    try (HikariDataSource db = kind.open()) {
      Path missing = tmp.resolve("uploads");
      UploadsSweep.Report r = new UploadsSweep(db, missing, GRACE, CLOCK).run();
      assertEquals(0, r.removed());
      assertEquals(List.of(), r.lines());
      assertFalse(Files.exists(missing));

      Path notAFolder = Files.writeString(tmp.resolve("uploads"), "x");
      UncheckedIOException e =
          assertThrows(
              UncheckedIOException.class,
              () -> new UploadsSweep(db, notAFolder, GRACE, CLOCK).run());
      assertTrue(
          e.getMessage().startsWith("cannot list the uploads folder " + notAFolder),
          e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> new UploadsSweep(db, missing, Duration.ofSeconds(-1), CLOCK));
    }
  }

  private static void record(SubmissionQueue queue, User user, String id, Path stored) {
    queue.accept(
        user,
        id,
        new NewSubmission("perbench-mini", "standard", "{}", "p.jsonl", stored, "0".repeat(64), 12),
        LIMITS);
  }
}

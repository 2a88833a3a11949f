package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perbench web import}: idempotent, invalid entries named and skipped with exit 2. */
class WebImportCommandTest {
  @TempDir Path dir;

  String db() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  @Test
  void importsEverythingOnceThenNothingUntilAnEntryChanges() throws IOException {
    Path folder = copy(Path.of("submissions"), dir.resolve("submissions"));
    CommandRun first =
        CommandRun.of("web", "import", "--db", db(), "--submissions", folder.toString());
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("28 entries imported, 0 unchanged, 0 skipped"), first.out());
    CommandRun again =
        CommandRun.of("web", "import", "--db", db(), "--submissions", folder.toString());
    assertTrue(again.out().contains("0 entries imported, 28 unchanged, 0 skipped"), again.out());

    Path card = folder.resolve("lavt-reported/model.json");
    Files.writeString(card, Files.readString(card).replace("\"LAVT\"", "\"LAVT (renamed)\""));
    Files.writeString(folder.resolve("cris-reported/model.json"), "{\"name\": ");
    CommandRun changed =
        CommandRun.of("web", "import", "--db", db(), "--submissions", folder.toString());
    assertEquals(2, changed.exitCode(), changed.out() + changed.err());
    assertTrue(
        changed.out().contains("1 entries imported, 26 unchanged, 1 skipped"), changed.out());
    assertTrue(changed.out().contains("  skipped cris-reported: "), changed.out());
    assertTrue(changed.err().contains("1 of the entries in"), changed.err());
  }

  static Path copy(Path from, Path to) throws IOException {
    // commons-io (with commons-csv already): the tree as it is, files and folders
    PathUtils.copyDirectory(from, to);
    return to;
  }
}

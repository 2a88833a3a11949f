package dev.perbench.web.submit;

import dev.perbench.web.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Removes what uploads cut short left in the uploads folder, once at startup before the site takes
 * uploads. {@link UploadReceiver} streams a file to {@code .upload-*.part}, moves it to {@code
 * <submission id>.jsonl}, then records it ({@code submissions.stored_file}) and only then answers
 * 202; a server that stops in between leaves
 *
 * <ul>
 *   <li>a {@code .upload-*.part} file: an upload in flight, never acknowledged;
 *   <li>a {@code <uuid>.jsonl} that no submission names: moved into place but never recorded, so
 *       never acknowledged either.
 * </ul>
 *
 * Both are removed. Anything else in the folder (a file not named like an upload, a folder, a link)
 * is left alone and reported, and a {@code .jsonl} that a submission names, by its id or by the
 * file name of its {@code stored_file} (so a folder moved or mounted elsewhere keeps its files), is
 * never touched.
 *
 * <p><b>Several servers on one database and one folder.</b> Another instance may be in the middle
 * of an upload while this one starts: its {@code .part} file is being written, or its {@code
 * .jsonl} is moved and its row not yet committed. So only leftovers last modified at least the
 * grace period ago are removed ({@link #DEFAULT_GRACE}, 10 minutes); younger ones are kept and
 * reported, and the next start removes them if they are still orphans. A {@code .part} file is
 * modified as its upload streams in, so only an upload that has sent nothing for the whole grace
 * period can lose its file (it then fails, unacknowledged); and a {@code .jsonl} is recorded a
 * moment after its move, so the grace period must only be longer than the slowest commit. A server
 * that is the only one on its folder can use a grace period of zero.
 */
public final class UploadsSweep {
  /** How old a leftover must be to be removed, when not told otherwise. */
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

  /**
   * A temporary file of {@link UploadReceiver}: {@code Files.createTempFile(".upload-", ".part")}.
   */
  private static final Pattern PART = Pattern.compile("\\.upload-.*\\.part");

  /** A stored upload: {@code <submission id>.jsonl}, the id a random UUID as Java writes it. */
  private static final Pattern STORED =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.jsonl");

  private final DataSource db;
  private final Path uploads;
  private final Duration grace;
  private final Clock clock;

  /**
   * @param uploads the uploads folder (nothing happens when it does not exist yet)
   * @param grace how long ago a leftover must have been last modified to be removed
   */
  public UploadsSweep(DataSource db, Path uploads, Duration grace, Clock clock) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("the grace period must not be negative: " + grace);
    }
    this.db = db;
    this.uploads = uploads;
    this.grace = grace;
    this.clock = clock;
  }

  /**
   * What a sweep did, each list of file names in the uploads folder.
   *
   * @param parts the {@code .upload-*.part} files removed
   * @param unrecorded the {@code <uuid>.jsonl} files no submission names, removed
   * @param young the leftovers kept because they are younger than the grace period
   * @param others what is not named like an upload, left alone
   * @param failed the leftovers that could not be removed, each with the reason
   */
  public record Report(
      Path folder,
      Duration grace,
      List<String> parts,
      List<String> unrecorded,
      List<String> young,
      List<String> others,
      List<String> failed) {
    /** How many files were removed. */
    public int removed() {
      return parts.size() + unrecorded.size();
    }

    /** The report for the server's console: one line per kind of finding, none when all is well. */
    public List<String> lines() {
      List<String> out = new ArrayList<>();
      if (removed() > 0) {
        List<String> names = new ArrayList<>();
        parts.forEach(n -> names.add(n + " (an upload cut off when the server stopped)"));
        unrecorded.forEach(n -> names.add(n + " (stored but never recorded)"));
        out.add(
            "uploads: removed "
                + files(removed())
                + " never acknowledged from "
                + folder
                + ": "
                + String.join(", ", names));
      }
      if (!young.isEmpty()) {
        out.add(
            "uploads: kept "
                + files(young.size())
                + " that would be removed but "
                + (young.size() == 1 ? "is" : "are")
                + " younger than "
                + grace
                + " (perhaps another server's upload in flight): "
                + String.join(", ", young));
      }
      if (!others.isEmpty()) {
        out.add(
            "uploads: left alone "
                + files(others.size())
                + " in "
                + folder
                + " not named like an upload: "
                + String.join(", ", others));
      }
      for (String f : failed) {
        out.add("uploads: could not remove " + f);
      }
      return out;
    }

    private static String files(int n) {
      return n == 1 ? "1 file" : n + " files";
    }
  }

  /**
   * Sweeps the folder once. Run it before the site takes uploads: an upload of this server in
   * flight would be within the grace period anyway, but a grace period of zero is meant for a
   * server that is alone on its folder.
   *
   * @throws UncheckedIOException naming the folder when it cannot be listed
   * @throws IllegalStateException when the submissions cannot be read
   */
  public Report run() {
    List<String> parts = new ArrayList<>();
    List<String> unrecorded = new ArrayList<>();
    List<String> young = new ArrayList<>();
    List<String> others = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Report report = new Report(uploads, grace, parts, unrecorded, young, others, failed);
    if (!Files.exists(uploads)) {
      return report;
    }
    // the files first, the rows after: a .jsonl old enough to be listed here had its row committed
    // (if ever) long before the rows are read
    Instant before = clock.instant().minus(grace);
    TreeMap<String, Path> oldParts = new TreeMap<>();
    TreeMap<String, Path> oldStored = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(uploads)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue; // gone meanwhile (another server's upload finished or was refused)
        }
        boolean part = PART.matcher(name).matches();
        boolean stored = STORED.matcher(name).matches();
        if (!a.isRegularFile() || !(part || stored)) {
          others.add(name);
        } else if (a.lastModifiedTime().toInstant().isAfter(before)) {
          young.add(name);
        } else {
          (part ? oldParts : oldStored).put(name, p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the uploads folder " + uploads + ": " + e, e);
    }
    if (!oldStored.isEmpty()) {
      Set<String> named = recorded();
      oldStored.keySet().removeIf(named::contains);
    }
    remove(oldParts, parts, failed);
    remove(oldStored, unrecorded, failed);
    others.sort(null);
    young.sort(null);
    return report;
  }

  /** The file names the submissions name: their stored files' names, and their ids + .jsonl. */
  private Set<String> recorded() {
    Set<String> names = new HashSet<>();
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement("SELECT id, stored_file FROM submissions")) {
      q.setFetchSize(1000);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1) + ".jsonl");
          String stored = rs.getString(2);
          // the last element whatever the separator: the row may come from another platform
          names.add(
              stored.substring(Math.max(stored.lastIndexOf('/'), stored.lastIndexOf('\\')) + 1));
        }
      }
    } catch (SQLException e) {
      throw Sql.failure("read the submissions to sweep the uploads folder " + uploads, e);
    }
    return names;
  }

  private static void remove(TreeMap<String, Path> files, List<String> done, List<String> failed) {
    files.forEach(
        (name, p) -> {
          try {
            if (Files.deleteIfExists(p)) {
              done.add(name);
            }
          } catch (IOException e) {
            failed.add(p + ": " + e);
          }
        });
  }
}

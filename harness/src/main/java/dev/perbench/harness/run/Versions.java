package dev.perbench.harness.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The harness version and, when run from a git checkout, its commit. */
public final class Versions {
  private Versions() {}

  public static String harness() {
    try (InputStream in = Versions.class.getResourceAsStream("/perbench-harness.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The commit checked out in {@code repo}, or "unknown" outside a git checkout. */
  public static String gitCommit(Path repo) {
    try {
      Path git = repo.resolve(".git");
      String head = Files.readString(git.resolve("HEAD")).strip();
      if (!head.startsWith("ref: ")) {
        return head;
      }
      Path ref = git.resolve(head.substring(5));
      if (Files.exists(ref)) {
        return Files.readString(ref).strip();
      }
      Path packed = git.resolve("packed-refs");
      if (Files.exists(packed)) {
        for (String line : Files.readAllLines(packed)) {
          if (line.endsWith(" " + head.substring(5))) {
            return line.substring(0, line.indexOf(' '));
          }
        }
      }
    } catch (IOException e) {
      // not a checkout
    }
    return "unknown";
  }
}

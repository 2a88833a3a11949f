package dev.perbench.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --db} option of the website's commands. */
public final class WebDatabaseOption {
  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "Database (default: an H2 file under ~/.perbench/web/; jdbc:postgresql://... to host).")
  String db;

  /** The JDBC URL: the option, else the H2 file under ~/.perbench/web/ (its folder created). */
  public String url() throws IOException {
    if (db != null) {
      return db;
    }
    Path dir = Path.of(System.getProperty("user.home"), ".perbench", "web");
    Files.createDirectories(dir);
    return "jdbc:h2:file:" + dir.resolve("leaderboard").toAbsolutePath();
  }
}

package dev.perbench.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: Debian's {@code postgresql} binaries ({@code
 * /usr/lib/postgresql/<version>/bin}, or {@code $PERBENCH_PG_BIN}), a cluster in a temporary
 * folder, listening on a free loopback port, trusted local user {@code perbench}. As root (as CI
 * runs) the server runs as the {@code postgres} user, since PostgreSQL refuses to run as root.
 * Without the binaries a test fails under {@code CI=true} (CI installs them) and is skipped
 * elsewhere.
 */
public final class RealPostgres implements AutoCloseable {
  private static RealPostgres shared;
  private static int databases;

  private final Path dir;
  private final Path bin;
  private final boolean asPostgres;
  private final int port;

  private RealPostgres(Path dir, Path bin, boolean asPostgres, int port) {
    this.dir = dir;
    this.bin = bin;
    this.asPostgres = asPostgres;
    this.port = port;
  }

  /**
   * One server for the whole test run (of this JVM), started on first use and stopped when the JVM
   * exits; tests take a fresh database of it each with {@link #newDatabase()}.
   */
  public static synchronized RealPostgres shared() throws IOException, InterruptedException {
    if (shared == null) {
      RealPostgres pg = start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (IOException | InterruptedException e) {
                      // the JVM is exiting; the temporary folder is all that is left
                    }
                  }));
      shared = pg;
    }
    return shared;
  }

  /** Creates an empty database on this server; returns its JDBC URL. */
  public String newDatabase() throws java.sql.SQLException {
    String name;
    synchronized (RealPostgres.class) {
      name = "test_" + ++databases;
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl());
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=perbench";
  }

  public static RealPostgres start() throws IOException, InterruptedException {
    Path bin = binaries();
    if (bin == null) {
      String why = "PostgreSQL binaries not found: apt-get install postgresql (as .ci/run does)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      assumeTrue(false, why);
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("perbench-pg-");
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), false, null);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RealPostgres pg = new RealPostgres(dir, bin, root, port);
    Path data = dir.resolve("data");
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "perbench",
            "--auth=trust",
            "--no-sync"),
        root,
        dir);
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-w",
            "-l",
            dir.resolve("log").toString(),
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
            "start"),
        root,
        dir);
    return pg;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=perbench";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "immediate",
              "stop"),
          asPostgres,
          dir);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static Path binaries() throws IOException {
    String env = System.getenv("PERBENCH_PG_BIN");
    if (env != null) {
      return Path.of(env);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElse(null);
    }
  }

  private static void run(List<String> command, boolean asPostgres, Path dir)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", full) + " failed:\n" + out);
    }
  }
}

package dev.perbench.harness.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The harness version and the source it runs from: the commit of the git work tree it is run in,
 * and whether tracked files differ from that commit, or else the commit it was built from.
 */
public final class Versions {
  /** How long one git command may run before it is abandoned (a lock, a slow disk, a prompt). */
  static final Duration GIT_TIMEOUT = Duration.ofSeconds(5);

  /** Written by the build (harness/pom.xml): {@code git.commit} and {@code git.dirty}. */
  static final String BUILD_RESOURCE = "/perbench-harness-git.properties";

  /** A full commit id: SHA-1, or SHA-256 in a repository that uses it. */
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  /** Most of a git command's output kept; the rest is read and dropped. */
  private static final int OUTPUT_LIMIT = 64 * 1024;

  /**
   * Variables that would point git at another repository than the one asked about (they are set,
   * for example, when the harness runs from a git hook).
   */
  private static final List<String> GIT_LOCATION_VARIABLES =
      List.of(
          "GIT_DIR",
          "GIT_WORK_TREE",
          "GIT_INDEX_FILE",
          "GIT_COMMON_DIR",
          "GIT_OBJECT_DIRECTORY",
          "GIT_ALTERNATE_OBJECT_DIRECTORIES",
          "GIT_NAMESPACE",
          "GIT_PREFIX");

  private Versions() {}

  /**
   * The source a run comes from.
   *
   * @param commit the full commit id, or "unknown"
   * @param dirty whether tracked files differed from {@code commit} (untracked files are not
   *     counted); null when that is not known
   * @param origin where the answer comes from: {@link #GIT} (git, asked about the work tree at run
   *     time), {@link #BUILD} (recorded when the harness was built) or {@link #UNKNOWN}
   */
  public record SourceVersion(String commit, Boolean dirty, String origin) {
    public static final String GIT = "git";
    public static final String BUILD = "build";
    public static final String UNKNOWN = "unknown";

    public SourceVersion {
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(origin, "origin");
    }

    static SourceVersion unknown() {
      return new SourceVersion(UNKNOWN, null, UNKNOWN);
    }
  }

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

  /**
   * The commit checked out in {@code repo}, else the commit the harness was built from, else
   * "unknown": {@code source(repo).commit()}.
   */
  public static String gitCommit(Path repo) {
    return source(repo).commit();
  }

  /**
   * The source version of {@code repo}. When {@code repo} is the top of a git work tree (a clone or
   * a linked {@code git worktree}) and a {@code git} executable is on the path, git's answer:
   * {@code git rev-parse HEAD}, and dirty when {@code git status --porcelain --untracked-files=no}
   * lists anything (each command bounded by {@link #GIT_TIMEOUT}, its error output discarded, its
   * input closed, and the index not written). Otherwise the commit recorded when the harness was
   * built, with its dirty flag when the build recorded one; otherwise "unknown".
   */
  public static SourceVersion source(Path repo) {
    return source(repo, "git", GIT_TIMEOUT, buildRecord());
  }

  static SourceVersion source(Path repo, String git, Duration timeout, Properties built) {
    SourceVersion fromGit = fromGit(repo, git, timeout);
    return fromGit != null ? fromGit : recorded(built);
  }

  /** What the build recorded (see {@link #BUILD_RESOURCE}); empty when it recorded nothing. */
  static Properties buildRecord() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream(BUILD_RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return new Properties();
    }
    return p;
  }

  /** The source version a build record gives: origin "build", or "unknown" without a commit. */
  static SourceVersion recorded(Properties built) {
    String commit = built.getProperty("git.commit", "").strip();
    if (!COMMIT.matcher(commit).matches()) {
      return SourceVersion.unknown();
    }
    Boolean dirty =
        switch (built.getProperty("git.dirty", "").strip()) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> null;
        };
    return new SourceVersion(commit, dirty, SourceVersion.BUILD);
  }

  /** Git's answer for {@code repo}, or null when it is no work tree's top or git cannot tell. */
  private static SourceVersion fromGit(Path repo, String git, Duration timeout) {
    if (repo == null || !Files.exists(repo.resolve(".git"))) {
      return null; // no process started where there is clearly no work tree
    }
    // --show-toplevel: a .git that git does not take for a repository (an empty folder, say)
    // sends it up to an enclosing work tree, whose commit is not repo's
    List<String> head = run(git, repo, timeout, "rev-parse", "--show-toplevel", "HEAD");
    if (head == null || head.size() != 2 || !COMMIT.matcher(head.get(1)).matches()) {
      return null;
    }
    try {
      if (!Files.isSameFile(Path.of(head.get(0)), repo)) {
        return null;
      }
    } catch (IOException | InvalidPathException e) {
      return null;
    }
    List<String> status = run(git, repo, timeout, "status", "--porcelain", "--untracked-files=no");
    Boolean dirty = status == null ? null : !status.isEmpty();
    return new SourceVersion(head.get(1), dirty, SourceVersion.GIT);
  }

  /**
   * The non-blank lines {@code git -C dir args} prints, or null when it cannot be started, fails,
   * or runs past {@code timeout} (then it is killed, with anything it started).
   */
  private static List<String> run(String git, Path dir, Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of(git, "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    GIT_LOCATION_VARIABLES.forEach(env::remove);
    env.put("GIT_TERMINAL_PROMPT", "0"); // never wait for a person
    env.put("GIT_OPTIONAL_LOCKS", "0"); // status leaves the index as it is
    Process p;
    try {
      p = pb.start();
    } catch (IOException | UnsupportedOperationException e) {
      return null; // no git
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> drain(p.getInputStream(), out), "perbench-git-output");
    reader.setDaemon(true);
    try {
      p.getOutputStream().close(); // git reads nothing: end of input at once
      reader.start();
      if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        kill(p);
        return null;
      }
      // the output ends with the process, unless something it started still holds it
      reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (reader.isAlive() || p.exitValue() != 0) {
        kill(p);
        return null;
      }
    } catch (IOException e) {
      kill(p);
      return null;
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      return null;
    }
    return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }

  private static void drain(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        int keep = Math.min(n, OUTPUT_LIMIT - out.size());
        if (keep > 0) {
          out.write(buffer, 0, keep);
        }
      }
    } catch (IOException e) {
      // the process was killed: the caller gives up on it
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.getInputStream().close();
    } catch (IOException e) {
      // nothing more to do
    }
  }
}

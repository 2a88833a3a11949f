package dev.perbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.perbench.harness.run.Versions.SourceVersion;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Versions#source}: against real git repositories, and its fallback to the build record. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VersionsTest {
  private static final String C1 = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path dir;

  @Test
  void aCloneGivesItsHeadAndWhetherTrackedFilesChanged() throws IOException {
    Path repo = newRepo("repo");
    String head = git(repo, "rev-parse", "HEAD");
    assertEquals(40, head.length(), head);

    assertEquals(new SourceVersion(head, false, "git"), Versions.source(repo));
    assertEquals(head, Versions.gitCommit(repo));

    // an untracked file leaves the tree clean
    Files.writeString(repo.resolve("notes.txt"), "not added\n");
    assertEquals(new SourceVersion(head, false, "git"), Versions.source(repo));

    Files.writeString(repo.resolve("a.txt"), "two\n");
    assertEquals(new SourceVersion(head, true, "git"), Versions.source(repo));
    assertEquals(head, Versions.gitCommit(repo));

    // staged, then committed: the new commit, clean again
    git(repo, "add", "a.txt");
    assertEquals(new SourceVersion(head, true, "git"), Versions.source(repo));
    git(repo, "commit", "-q", "-m", "two");
    String second = git(repo, "rev-parse", "HEAD");
    assertNotEquals(head, second);
    assertEquals(new SourceVersion(second, false, "git"), Versions.source(repo));
  }

  @Test
  void aLinkedWorktreeGivesItsOwnHeadNotTheMainOnes() throws IOException {
    Path repo = newRepo("repo");
    String first = git(repo, "rev-parse", "HEAD");
    Files.writeString(repo.resolve("a.txt"), "two\n");
    git(repo, "commit", "-q", "-a", "-m", "two");
    Path wt = dir.resolve("wt");
    git(repo, "worktree", "add", "-q", "--detach", wt.toString(), first);
    assertTrue(Files.isRegularFile(wt.resolve(".git")), "a linked worktree has a .git file");

    assertEquals(new SourceVersion(first, false, "git"), Versions.source(wt));
    Files.writeString(wt.resolve("a.txt"), "changed in the worktree\n");
    assertEquals(new SourceVersion(first, true, "git"), Versions.source(wt));
    // the main work tree is its own: another commit, still clean
    assertEquals(
        new SourceVersion(git(repo, "rev-parse", "HEAD"), false, "git"), Versions.source(repo));
  }

  @Test
  void aFolderThatIsNoRepositoryGivesTheBuildRecord() throws IOException {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    SourceVersion v = Versions.source(plain);
    assertEquals(Versions.recorded(Versions.buildRecord()), v);
    if ("build".equals(v.origin())) {
      assertTrue(v.commit().matches("[0-9a-f]{40}|[0-9a-f]{64}"), v.toString());
    } else {
      assertEquals(new SourceVersion("unknown", null, "unknown"), v);
    }
    assertEquals(v.commit(), Versions.gitCommit(plain));
    // a build in a git work tree (this one, when the tests run in a checkout) records its HEAD
    String built = runGit(Path.of("").toAbsolutePath(), "rev-parse", "HEAD");
    if (built != null) {
      assertEquals("build", v.origin(), v.toString());
      assertEquals(built.strip(), v.commit());
      assertTrue(v.dirty() != null, "the build records whether the tree was modified: " + v);
    }
  }

  @Test
  void aFolderInsideAWorkTreeIsNotTheWorkTree() throws IOException {
    Path repo = newRepo("repo");
    Path sub = Files.createDirectories(repo.resolve("sub"));
    assertEquals(Versions.recorded(Versions.buildRecord()), Versions.source(sub));
    // nor is a folder with an empty .git: git takes it for no repository and answers for the
    // enclosing work tree
    Files.createDirectories(sub.resolve(".git"));
    assertEquals(repo.toRealPath(), Path.of(git(sub, "rev-parse", "--show-toplevel")).toRealPath());
    assertEquals(Versions.recorded(Versions.buildRecord()), Versions.source(sub));
  }

  @Test
  void withoutGitARepositoryGivesTheBuildRecord() throws IOException {
    Path repo = newRepo("repo");
    Path missing = dir.resolve("no-such-git");
    Properties built = record(C1, "true");
    assertEquals(
        new SourceVersion(C1, true, "build"),
        Versions.source(repo, missing.toString(), Duration.ofSeconds(5), built));
    assertEquals(
        new SourceVersion("unknown", null, "unknown"),
        Versions.source(repo, missing.toString(), Duration.ofSeconds(5), new Properties()));
  }

  @Test
  void aGitThatHangsIsAbandonedAtTheTimeout() throws IOException {
    assumeTrue(File.separatorChar == '/', "a shell script stands in for git");
    Path repo = newRepo("repo");
    Path fake = dir.resolve("hanging-git");
    // a child keeps the output open after the script is killed: it is killed too
    Files.writeString(fake, "#!/bin/sh\necho 0123456789abcdef0123456789abcdef01234567\nsleep 30\n");
    assertTrue(fake.toFile().setExecutable(true));
    long start = System.nanoTime();
    SourceVersion v =
        Versions.source(repo, fake.toString(), Duration.ofMillis(500), record(C1, ""));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(new SourceVersion(C1, null, "build"), v);
    assertTrue(ms < 10_000, "took " + ms + " ms");
  }

  @Test
  void aGitThatFailsOrAnswersNonsenseGivesTheBuildRecord() throws IOException {
    assumeTrue(File.separatorChar == '/', "a shell script stands in for git");
    Path repo = newRepo("repo");
    Path failing = dir.resolve("failing-git");
    Files.writeString(failing, "#!/bin/sh\necho " + repo + "\necho " + C1 + "\nexit 1\n");
    Path nonsense = dir.resolve("nonsense-git");
    Files.writeString(nonsense, "#!/bin/sh\necho " + repo + "\necho HEAD\n");
    for (Path fake : List.of(failing, nonsense)) {
      assertTrue(fake.toFile().setExecutable(true));
      assertEquals(
          new SourceVersion(C1, false, "build"),
          Versions.source(repo, fake.toString(), Duration.ofSeconds(5), record(C1, "false")),
          fake.getFileName().toString());
    }
  }

  @Test
  void aStatusThatHangsLeavesDirtyUnknown() throws IOException {
    assumeTrue(File.separatorChar == '/', "a shell script stands in for git");
    Path repo = newRepo("repo");
    Path fake = dir.resolve("slow-status-git");
    // git -C DIR rev-parse ...: answers; git -C DIR status ...: hangs
    Files.writeString(
        fake,
        "#!/bin/sh\nif [ \"$3\" = rev-parse ]; then echo \"$2\"; echo "
            + C1
            + "; else sleep 30; fi\n");
    assertTrue(fake.toFile().setExecutable(true));
    assertEquals(
        new SourceVersion(C1, null, "git"),
        Versions.source(repo, fake.toString(), Duration.ofMillis(500), record(C1, "false")));
  }

  @Test
  void theBuildRecordIsReadStrictly() {
    assertEquals(new SourceVersion(C1, false, "build"), Versions.recorded(record(C1, "false")));
    assertEquals(new SourceVersion(C1, true, "build"), Versions.recorded(record(C1, " true ")));
    SourceVersion noFlag = Versions.recorded(record(C1, ""));
    assertEquals(C1, noFlag.commit());
    assertNull(noFlag.dirty());
    assertEquals("build", noFlag.origin());
    SourceVersion unknown = new SourceVersion("unknown", null, "unknown");
    assertEquals(unknown, Versions.recorded(new Properties()));
    assertEquals(unknown, Versions.recorded(record("", "")));
    assertEquals(unknown, Versions.recorded(record("${perbench.build.commit}", "false")));
    assertEquals(unknown, Versions.recorded(record("0123abc", "false")));
    assertEquals(unknown, Versions.recorded(record(C1.toUpperCase(), "false")));
  }

  // ---- helpers

  private static Properties record(String commit, String dirty) {
    Properties p = new Properties();
    p.setProperty("git.commit", commit);
    p.setProperty("git.dirty", dirty);
    return p;
  }

  /** A repository with one commit of a.txt (the test is skipped where there is no git). */
  private Path newRepo(String name) throws IOException {
    assumeTrue(runGit(dir, "--version") != null, "no git executable on the path");
    Path repo = Files.createDirectories(dir.resolve(name));
    git(repo, "init", "-q");
    Files.writeString(repo.resolve("a.txt"), "one\n");
    git(repo, "add", "a.txt");
    git(repo, "commit", "-q", "-m", "one");
    return repo;
  }

  /** git's output in {@code repo}, stripped; the test fails when git does. */
  private static String git(Path repo, String... args) {
    String out = runGit(repo, args);
    if (out == null) {
      throw new AssertionError("git " + String.join(" ", args) + " failed in " + repo);
    }
    return out.strip();
  }

  /** git's output, or null when it fails (no system configuration; a fixed author). */
  private static String runGit(Path repo, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                repo.toString(),
                "-c",
                "user.name=PerBench Test",
                "-c",
                "user.email=test@perbench.invalid",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(out);
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out.toString(StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}

package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/perbench, the launcher: it builds when and only when a pom or a main source changed, and its
 * class-data-sharing archive (start-up, issue 14) is made once per build, used, and never breaks a
 * run. Most tests run it on a small copy of the repository's layout with a fake mvn and a fake java
 * that record their calls; the last one runs the real JVM with a real, a corrupt and a stale
 * archive.
 */
class LauncherTest {
  @TempDir Path tmp;
  private Path repo;
  private Path fakes;
  private Path log;

  /** What one launcher call did: builds, archives made (or tried), the runs' command lines. */
  private record Call(int code, String out, String err, int builds, int dumps, List<String> runs) {
    boolean built() {
      return builds == 1;
    }

    boolean ranWithArchive() {
      return runs.size() == 1 && runs.get(0).contains("-XX:SharedArchiveFile=");
    }
  }

  @BeforeEach
  void repository() throws IOException {
    repo = tmp.resolve("repo");
    fakes = tmp.resolve("fakes");
    log = tmp.resolve("calls.log");
    Files.createDirectories(repo.resolve("bin"));
    Files.copy(Path.of("bin/perbench"), repo.resolve("bin/perbench"));
    assertTrue(repo.resolve("bin/perbench").toFile().setExecutable(true));
    for (String f :
        List.of(
            "pom.xml",
            "src/pom.xml",
            "src/main/java/dev/A.java",
            "src/main/resources/a.properties",
            "src/test/java/dev/ATest.java",
            "metrics/pom.xml",
            "metrics/src/main/java/dev/B.java",
            "metrics/src/main/java/dev/C.java",
            "README.md")) {
      write(repo.resolve(f), "x");
    }
    script(
        "mvn",
        "echo \"mvn $*\" >>\"$FAKE_LOG\"",
        "[ -z \"${FAKE_MVN_FAIL:-}\" ] || { echo 'BUILD FAILURE'; exit 1; }",
        "[ -z \"${FAKE_MVN_EDIT:-}\" ] || touch \"$FAKE_MVN_EDIT\"",
        "mkdir -p target/lib && echo jar >target/perbench.jar");
    script(
        "java",
        "echo \"java $*\" >>\"$FAKE_LOG\"",
        "dump=; archive=",
        "for a in \"$@\"; do",
        "  case \"$a\" in",
        "    -XX:DumpLoadedClassList=*) [ -z \"${FAKE_CDS_FAIL:-}\" ] || exit 1;"
            + " echo classes >\"${a#*=}\"; exit 0 ;;",
        "    -Xshare:dump) dump=1 ;;",
        "    -XX:SharedArchiveFile=*) archive=\"${a#*=}\" ;;",
        "  esac",
        "done",
        "if [ -n \"$dump\" ]; then echo archive >\"$archive\"; exit 0; fi",
        "echo ran");
  }

  @Test
  void buildsWhenAPomOrAMainSourceChangedAndOnlyThen() throws Exception {
    assertTrue(launch().built(), "no jar yet");
    age();
    Call same = launch();
    assertFalse(same.built(), "nothing changed");
    assertEquals("ran\n", same.out());
    for (String changed :
        List.of(
            "pom.xml",
            "src/pom.xml",
            "metrics/pom.xml",
            "src/main/java/dev/A.java",
            "src/main/resources/a.properties",
            "metrics/src/main/java/dev/B.java")) {
      age();
      write(repo.resolve(changed), "y");
      assertTrue(launch().built(), changed);
      age();
      assertFalse(launch().built(), "again after " + changed);
    }
    age();
    Files.delete(repo.resolve("metrics/src/main/java/dev/C.java"));
    assertTrue(launch().built(), "a deleted source");
    age();
    Files.move(repo.resolve("src/main/java/dev/A.java"), repo.resolve("src/main/java/dev/D.java"));
    assertTrue(launch().built(), "a renamed source");
    age();
    write(repo.resolve("src/test/java/dev/ATest.java"), "y");
    write(repo.resolve("README.md"), "y");
    write(repo.resolve("target/other.txt"), "y");
    assertFalse(launch().built(), "a test source, the README and target/ are not the build's");
    age();
    Files.delete(repo.resolve("target/perbench.jar"));
    assertTrue(launch().built(), "no jar");
  }

  @Test
  void aSourceEditedWhileTheBuildRunsBuildsAgain() throws Exception {
    assertTrue(launch().built());
    age();
    write(repo.resolve("pom.xml"), "y");
    Call during =
        launch(Map.of("FAKE_MVN_EDIT", repo.resolve("src/main/java/dev/A.java").toString()));
    assertTrue(during.built());
    assertTrue(launch().built(), "A.java changed after the build had started");
    assertFalse(launch().built());
  }

  @Test
  void aFailedBuildRunsNothingAndIsTriedAgain() throws Exception {
    Call failed = launch(Map.of("FAKE_MVN_FAIL", "1"));
    assertEquals(1, failed.code());
    assertTrue(failed.err().contains("BUILD FAILURE"), failed.err());
    assertTrue(failed.err().contains("the build failed"), failed.err());
    assertEquals(List.of(), failed.runs());
    Call next = launch();
    assertTrue(next.built());
    assertEquals(0, next.code());
  }

  @Test
  void theArchiveIsMadeOnceAfterEachBuildAndEveryRunUsesIt() throws Exception {
    Call first = launch();
    assertTrue(first.built());
    assertEquals(1, first.dumps());
    assertTrue(first.ranWithArchive(), first.runs().toString());
    String run = first.runs().get(0);
    assertTrue(run.contains("-Xshare:auto"), run);
    assertTrue(run.contains("-Xlog:cds*=off"), run);
    Path archive = repo.resolve("target/perbench.jsa");
    assertTrue(run.contains("-XX:SharedArchiveFile=" + archive), run);
    age();
    Call second = launch();
    assertEquals(0, second.dumps());
    assertTrue(second.ranWithArchive());

    age();
    write(repo.resolve("src/main/java/dev/A.java"), "y");
    Call rebuilt = launch();
    assertTrue(rebuilt.built());
    assertEquals(1, rebuilt.dumps(), "a new build, a new archive");
    assertTrue(rebuilt.ranWithArchive());

    age();
    write(repo.resolve("target/perbench.jar"), "another jar");
    assertEquals(1, launch().dumps(), "a jar newer than the archive (built without the launcher)");
    age();
    write(repo.resolve("target/perbench.jsa.root"), "/somewhere/else");
    assertEquals(1, launch().dumps(), "an archive made for another folder");
    age();
    Files.delete(archive);
    assertEquals(1, launch().dumps(), "no archive");
    age();
    assertEquals(0, launch().dumps());
  }

  @Test
  void aJvmThatCannotMakeAnArchiveRunsWithoutOneAndIsNotAskedAgainUntilTheNextBuild()
      throws Exception {
    Call first = launch(Map.of("FAKE_CDS_FAIL", "1"));
    assertEquals(0, first.code());
    assertEquals("ran\n", first.out());
    assertEquals(1, first.dumps());
    assertFalse(first.ranWithArchive());
    age();
    Call second = launch(Map.of("FAKE_CDS_FAIL", "1"));
    assertEquals(0, second.dumps(), "the failure is remembered");
    assertFalse(second.ranWithArchive());
    age();
    write(repo.resolve("pom.xml"), "y");
    Call rebuilt = launch();
    assertEquals(1, rebuilt.dumps(), "tried again after a build");
    assertTrue(rebuilt.ranWithArchive());
  }

  @Test
  void onlyACommandLineThatAsksForTextRunsOnTheFirstJitTier() throws Exception {
    launch();
    for (List<String> text :
        List.of(
            List.<String>of(),
            List.of("--help"),
            List.of("-h"),
            List.of("--version"),
            List.of("-V"),
            List.of("help"),
            List.of("help", "mask", "eval"),
            List.of("mask", "eval", "--help"))) {
      Call c = launch(Map.of(), text.toArray(String[]::new));
      assertTrue(c.runs().get(0).contains("-XX:TieredStopAtLevel=1"), text.toString());
    }
    for (List<String> work :
        List.of(
            List.of("demo"),
            List.of("data", "list"),
            List.of("run", "--model", "x", "--help"),
            List.of("mask", "eval", "--pairs", "f"),
            List.of("@args.txt"))) {
      Call c = launch(Map.of(), work.toArray(String[]::new));
      assertFalse(c.runs().get(0).contains("TieredStopAtLevel"), work.toString());
    }
  }

  @Test
  void maskEvalRunsWithTheSerialCollectorUnlessTheUserPicksOne() throws Exception {
    launch();
    assertTrue(
        launch(Map.of(), "mask", "eval", "--pairs", "f")
            .runs()
            .get(0)
            .contains("-XX:+UseSerialGC"));
    assertFalse(launch(Map.of(), "demo").runs().get(0).contains("UseSerialGC"));
    assertFalse(launch(Map.of(), "mask", "convert").runs().get(0).contains("UseSerialGC"));
    Call chosen =
        launch(Map.of("PERBENCH_JAVA_OPTS", "-XX:+UseParallelGC"), "mask", "eval", "--pairs", "f");
    assertFalse(chosen.runs().get(0).contains("UseSerialGC"), chosen.runs().get(0));
    assertTrue(chosen.runs().get(0).contains("-XX:+UseParallelGC"), chosen.runs().get(0));
  }

  @Test
  void perbenchCdsZeroRunsWithoutAnArchive() throws Exception {
    Call off = launch(Map.of("PERBENCH_CDS", "0"));
    assertEquals(0, off.dumps());
    assertFalse(off.ranWithArchive());
  }

  /**
   * The real JVM on a real jar (this test's class path): the launcher's archive is usable, and a
   * corrupt or stale one changes nothing a user sees: same output, no warning, exit code 0.
   */
  @Test
  void withTheRealJvmAnUnusableArchiveChangesNothingButTheStartUp() throws Exception {
    Files.delete(fakes.resolve("java"));
    script("mvn", "echo 'mvn must not run here' >&2; exit 3");
    List<Path> jarred = realJar();
    age();
    Files.createFile(repo.resolve("target/.perbench-built"));
    String expected = CommandRun.of("--version").out();

    Call made = launch(Map.of(), "--version");
    assertEquals(new Call(0, expected, "", 0, 0, List.of()), made);
    Path archive = repo.resolve("target/perbench.jsa");
    assertTrue(Files.exists(archive), () -> "no archive: " + read(repo.resolve("target/cds.log")));
    assertTrue(Files.size(archive) > 1_000_000, "an archive was made");
    // -Xshare:on (after the launcher's -Xshare:auto) fails unless the archive maps.
    Call shared = launch(Map.of("PERBENCH_JAVA_OPTS", "-Xshare:on"), "--version");
    assertEquals(0, shared.code(), shared.err());

    Files.writeString(archive, "not an archive at all, but newer than the jar");
    assertEquals(made, launch(Map.of(), "--version"), "a corrupt archive");

    Files.delete(archive);
    assertEquals(made, launch(Map.of(), "--version"), "made again");
    FileTime later = FileTime.fromMillis(System.currentTimeMillis() + 5_000);
    Files.setLastModifiedTime(jarred.get(0), later);
    assertEquals(made, launch(Map.of(), "--version"), "a jar of lib/ changed under the archive");
  }

  /**
   * target/perbench.jar as the build makes it, from this test's class path: the folders of classes
   * (this module's and its siblings') jarred into target/lib, the jars named by absolute URLs.
   * Returns the jars it made.
   */
  private List<Path> realJar() throws IOException {
    Path lib = Files.createDirectories(repo.resolve("target/lib"));
    List<String> classPath = new ArrayList<>();
    List<Path> jarred = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath();
      if (Files.isDirectory(p)) {
        if (p.getFileName().toString().equals("test-classes")) {
          continue;
        }
        Path jar = lib.resolve("classes-" + jarred.size() + ".jar");
        jarFolder(p, jar);
        jarred.add(jar);
        classPath.add("lib/" + jar.getFileName());
      } else if (Files.isRegularFile(p)) {
        classPath.add(p.toUri().toString());
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    try (OutputStream out = Files.newOutputStream(repo.resolve("target/perbench.jar"));
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      jar.closeEntry();
    }
    return jarred;
  }

  private static void jarFolder(Path folder, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        zip.putNextEntry(new JarEntry(folder.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
  }

  private Call launch() throws Exception {
    return launch(Map.of());
  }

  private Call launch(Map<String, String> env, String... args) throws Exception {
    Files.deleteIfExists(log);
    List<String> command = new ArrayList<>(List.of(repo.resolve("bin/perbench").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment().put("PATH", fakes + File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("FAKE_LOG", log.toString());
    pb.environment().remove("PERBENCH_JAVA_OPTS");
    pb.environment().remove("PERBENCH_CDS");
    pb.environment().putAll(env);
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
    List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
    int builds = (int) calls.stream().filter(c -> c.startsWith("mvn ")).count();
    // an archive's making starts with the class list
    int dumps = (int) calls.stream().filter(c -> c.contains("-XX:DumpLoadedClassList=")).count();
    List<String> runs =
        calls.stream()
            .filter(c -> c.startsWith("java ") && c.contains(" -jar ") && !c.contains("dump"))
            .toList();
    return new Call(
        p.exitValue(), Files.readString(out), Files.readString(err), builds, dumps, runs);
  }

  /** Every file and folder of the test 100 s older: what changes next is newer than all. */
  private void age() throws IOException {
    FileTime then = FileTime.fromMillis(System.currentTimeMillis() - 100_000);
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setLastModifiedTime(p, then);
      }
    }
  }

  private void script(String name, String... lines) throws IOException {
    Path f = fakes.resolve(name);
    write(f, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
    assertTrue(f.toFile().setExecutable(true));
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void write(Path f, String text) throws IOException {
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
  }
}

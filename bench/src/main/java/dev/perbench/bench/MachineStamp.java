package dev.perbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What makes two benchmark figures comparable: the machine, the JVM and its heap limit, the commit
 * of the code measured and when. Every {@code perbench bench} command prints it first and writes it
 * into its {@code --json} file.
 *
 * @param cpu the processor's model name ({@code /proc/cpuinfo}), else the JVM's architecture name
 * @param cores the processors the JVM may use
 * @param memoryBytes physical memory ({@code MemTotal} of {@code /proc/meminfo}), -1 when unknown
 * @param os operating system name
 * @param osVersion its version (the kernel's on Linux)
 * @param arch the architecture
 * @param javaVendor the JVM's vendor
 * @param javaVersion the JVM's full version
 * @param maxHeapBytes the heap limit ({@code Runtime.maxMemory})
 * @param commit the repository's HEAD, or "unknown" without git or a repository
 * @param dirty whether the work tree has changes git reports; null when the commit is unknown
 * @param time when the measurement started, UTC, ISO-8601
 */
public record MachineStamp(
    String cpu,
    int cores,
    long memoryBytes,
    String os,
    String osVersion,
    String arch,
    String javaVendor,
    String javaVersion,
    long maxHeapBytes,
    String commit,
    Boolean dirty,
    String time) {
  public static final String UNKNOWN = "unknown";

  /** Git gets this long to answer; a hung or slow git makes the commit unknown, never a failure. */
  private static final long GIT_SECONDS = 10;

  /** This machine and JVM now, with the commit of the repository {@code repository} is in. */
  public static MachineStamp here(Path repository) {
    String arch = System.getProperty("os.arch");
    String cpu = readText(Path.of("/proc/cpuinfo")).map(MachineStamp::cpuModel).orElse(null);
    long memory = readText(Path.of("/proc/meminfo")).map(MachineStamp::memTotal).orElse(-1L);
    String commit = UNKNOWN;
    Boolean dirty = null;
    Path root = repositoryOf(repository);
    if (root != null) {
      String head = git(root, "rev-parse", "HEAD");
      String status = head == null ? null : git(root, "status", "--porcelain");
      if (head != null && status != null) {
        commit = head.strip();
        dirty = !status.isBlank();
      }
    }
    return new MachineStamp(
        cpu != null ? cpu : arch,
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        arch,
        System.getProperty("java.vendor"),
        System.getProperty("java.runtime.version", Runtime.version().toString()),
        Runtime.getRuntime().maxMemory(),
        commit,
        dirty,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /**
   * The folder holding {@code .git} at or above {@code dir} (a folder in a clone, a file in a
   * worktree), or null: without one, git is not asked at all.
   */
  static Path repositoryOf(Path dir) {
    for (Path p = dir == null ? null : dir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return null;
  }

  /** The first "model name" of a {@code /proc/cpuinfo}, or null (e.g. on some ARM kernels). */
  static String cpuModel(String cpuinfo) {
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equals("model name")) {
        String name = line.substring(colon + 1).strip().replaceAll("\\s+", " ");
        return name.isEmpty() ? null : name;
      }
    }
    return null;
  }

  /** MemTotal of a {@code /proc/meminfo} in bytes (the file says kB: KiB), or -1. */
  static long memTotal(String meminfo) {
    for (String line : meminfo.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        String[] parts = line.substring("MemTotal:".length()).strip().split("\\s+");
        try {
          long value = Long.parseLong(parts[0]);
          return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  /** The header lines a bench command prints first. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "machine: %s, %d cores, %s memory; %s %s (%s)",
            cpu,
            cores,
            memoryBytes < 0 ? UNKNOWN : gib(memoryBytes),
            os,
            osVersion,
            arch));
    lines.add(
        String.format(
            Locale.ROOT, "java: %s %s, max heap %s", javaVendor, javaVersion, gib(maxHeapBytes)));
    lines.add(
        "commit: "
            + commit
            + (dirty == null ? "" : dirty ? " (with uncommitted changes)" : " (clean)"));
    lines.add("time: " + time);
    return lines;
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }

  private static java.util.Optional<String> readText(Path file) {
    try {
      return java.util.Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: the fallbacks describe the machine less precisely
      return java.util.Optional.empty();
    }
  }

  /** Git's standard output, or null when git is missing, fails or hangs. */
  static String git(Path repository, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
    command.addAll(List.of(args));
    Path out = null;
    Process p = null;
    try {
      // into a file, so that waiting with a timeout never blocks on a pipe git is still filling
      out = Files.createTempFile("perbench-git", ".out");
      p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(GIT_SECONDS, TimeUnit.SECONDS)) {
        return null;
      }
      return p.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null; // no git on the PATH, or no temporary folder
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
      if (out != null) {
        out.toFile().delete();
      }
    }
  }
}

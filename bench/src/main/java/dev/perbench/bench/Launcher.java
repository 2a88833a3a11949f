package dev.perbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How {@code bench all} starts {@code perbench} as a process of its own: through {@code
 * bin/perbench} when it runs under the launcher (the figures are then what a user gets), else the
 * JVM running it with its class path and the launcher's options (in tests, where no jar is built).
 *
 * @param script the launcher script, or null to start {@code java} directly
 * @param java the java binary (direct starts)
 * @param classPath the class path (direct starts)
 * @param mainClass the command line's main class (direct starts)
 * @param home the repository, as {@code perbench.home}
 */
public record Launcher(Path script, String java, String classPath, String mainClass, Path home) {
  /** A command line a user types, and what it needs of the JVM (e.g. {@code -Xmx1g}). */
  public record Command(List<String> javaOptions, List<String> args) {
    public Command {
      javaOptions = List.copyOf(javaOptions);
      args = List.copyOf(args);
    }

    public static Command of(String... args) {
      return new Command(List.of(), List.of(args));
    }

    /** As typed in a shell at the repository's root. */
    public String display() {
      String line = BenchJson.commandLine(args);
      return javaOptions.isEmpty()
          ? line
          : "PERBENCH_JAVA_OPTS=" + String.join(" ", javaOptions) + " " + line;
    }
  }

  /** The process for {@code c}, in the repository's folder. */
  public ProcessBuilder process(Command c) {
    List<String> argv = new ArrayList<>();
    ProcessBuilder pb = new ProcessBuilder();
    if (script != null) {
      argv.add(script.toString());
      pb.environment().put("PERBENCH_JAVA_OPTS", String.join(" ", c.javaOptions()));
    } else {
      argv.add(java);
      argv.addAll(c.javaOptions());
      // the launcher's own options (bin/perbench), without its class-data-sharing archive
      argv.addAll(
          List.of("-Dai.djl.offline=true", "-Dperbench.home=" + home, "-cp", classPath, mainClass));
    }
    argv.addAll(c.args());
    return pb.command(argv).directory(home.toFile());
  }

  /**
   * Runs {@code c} to its end, its output into {@code log}; the wall-clock seconds it took.
   *
   * @throws IllegalStateException when it fails or outlives {@code timeoutSeconds}, with the end of
   *     its log
   */
  public double time(Command c, Path log, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = process(c).redirectErrorStream(true).redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException(
          c.display() + " took more than " + timeoutSeconds + " s; its output: " + tail(log));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          c.display() + " failed with exit code " + p.exitValue() + "; its output: " + tail(log));
    }
    return seconds;
  }

  static String tail(Path log) throws IOException {
    String text = Files.readString(log, StandardCharsets.UTF_8);
    return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
  }
}

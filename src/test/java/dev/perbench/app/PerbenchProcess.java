package dev.perbench.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code perbench} as a real process, for the tests that kill one or talk to one over the network:
 * this JVM's java and class path, the repository as {@code perbench.home}, DJL offline.
 */
final class PerbenchProcess {
  private PerbenchProcess() {}

  /** A process builder for {@code perbench ARGS}. */
  static ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dperbench.home=" + Path.of("").toAbsolutePath());
    command.add("-Dai.djl.offline=true");
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}

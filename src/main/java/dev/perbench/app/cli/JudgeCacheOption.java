package dev.perbench.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --judge-cache DIR} option: where the judgement cache lives. */
public final class JudgeCacheOption {
  @Option(
      names = "--judge-cache",
      paramLabel = "DIR",
      description =
          "The judgement cache folder (default: ~/.perbench/judge-cache). Judging again with the"
              + " same judge answers from it without a call. One perbench process at a time.")
  Path dir;

  /** The folder: {@code --judge-cache}, else {@code ~/.perbench/judge-cache}. */
  Path folder() {
    return dir != null ? dir : Path.of(System.getProperty("user.home"), ".perbench", "judge-cache");
  }
}

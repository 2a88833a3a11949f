package dev.perbench.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Not a command: the run {@code bin/perbench} records, after each build, the classes of (with
 * {@code -XX:DumpLoadedClassList}) to make its class-data-sharing archive, {@code
 * target/perbench.jsa}. It does what every command does first: {@code --version}, the usage, and
 * each command's {@code --help}, which builds that command's model; and {@code mask eval} on a
 * hundred generated pairs. Prints nothing.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) {
    Main.poolForHttpClients();
    Main.noGroovyClosures();
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    Map<String, String> env = Map.of();
    List<List<String>> runs = new ArrayList<>();
    runs.add(List.of("--version"));
    runs.add(List.of("--help"));
    runs.add(List.of());
    commands(Main.fullCommandLine(CommandLine.defaultFactory()), List.of(), runs);
    for (List<String> run : runs) {
      run(run, none, env);
    }
    // The work of the command run most often, on pairs from its own generator: its classes
    // (the JSON reader, the mask arithmetic) are a large part of a small file's time.
    try {
      Path dir = Files.createTempDirectory("perbench-training");
      Path pairs = dir.resolve("pairs.jsonl");
      try {
        run(List.of("bench", "make-pairs", "--count", "100", "--out", pairs.toString()), none, env);
        run(List.of("mask", "eval", "--pairs", pairs.toString()), none, env);
      } finally {
        Files.deleteIfExists(pairs);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      // no temporary folder: an archive of the rest
    }
  }

  private static void run(List<String> args, PrintWriter none, Map<String, String> env) {
    try {
      Main.execute(args.toArray(String[]::new), none, none, env);
    } catch (RuntimeException e) {
      // the classes loaded so far are recorded all the same; on to the next
    }
  }

  /** {@code path + [--help]} for every command under {@code cli}. */
  private static void commands(CommandLine cli, List<String> path, List<List<String>> out) {
    for (var e : cli.getSubcommands().entrySet()) {
      List<String> sub = new ArrayList<>(path);
      sub.add(e.getKey());
      List<String> help = new ArrayList<>(sub);
      help.add("--help");
      out.add(help);
      commands(e.getValue(), sub, out);
    }
  }
}

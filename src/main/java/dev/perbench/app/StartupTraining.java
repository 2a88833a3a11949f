package dev.perbench.app;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Not a command: the run {@code bin/perbench} records, after each build, the classes of (with
 * {@code -XX:DumpLoadedClassList}) to make its class-data-sharing archive, {@code
 * target/perbench.jsa}. It does what every command does first: {@code --version}, the usage, and
 * each command's {@code --help}, which builds that command's model. Prints nothing.
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
      try {
        Main.execute(run.toArray(String[]::new), none, none, env);
      } catch (RuntimeException e) {
        // the classes loaded so far are recorded all the same; on to the next
      }
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

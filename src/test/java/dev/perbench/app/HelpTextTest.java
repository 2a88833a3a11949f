package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help prints cleanly: picocli formats descriptions with String.format, so a bare
 * '%' in one (as in "95% intervals") made it print a warning instead of the help's first line.
 */
class HelpTextTest {
  @Test
  void everyCommandsHelpFormatsWithoutAWarning() {
    List<List<String>> commands = new ArrayList<>();
    collect(Main.fullCommandLine(CommandLine.defaultFactory()), new ArrayList<>(), commands);
    assertFalse(commands.size() < 30, "too few commands found: " + commands);
    // picocli's own warnings go to System.err, not to the command line's writers.
    PrintStream original = System.err;
    ByteArrayOutputStream tracer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
    try {
      for (List<String> path : commands) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), path + ": " + run.err());
        String warned = tracer.toString(StandardCharsets.UTF_8);
        assertFalse(warned.contains("picocli WARN"), path + ": " + warned);
      }
    } finally {
      System.setErr(original);
    }
  }

  private static void collect(CommandLine c, List<String> path, List<List<String>> out) {
    for (var e : c.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      List<String> sub = new ArrayList<>(path);
      sub.add(e.getKey());
      out.add(sub);
      collect(e.getValue(), sub, out);
    }
  }
}

package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line builds only the subcommand a run names (start-up, issue 14); the others are
 * outlines. What a user sees must not change: every output here is compared with the one of the
 * command line built in full.
 */
class LazyCommandLineTest {
  private static final CommandLine.IFactory FACTORY = CommandLine.defaultFactory();

  private record Output(int code, String out, String err) {}

  private static Output run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(cli, args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Output(code, out.toString(), err.toString());
  }

  private static void sameAsFull(String... args) {
    Output lazy = run(Main.commandLine(FACTORY, args), args);
    Output full = run(Main.fullCommandLine(FACTORY), args);
    assertEquals(full, lazy, List.of(args).toString());
  }

  @Test
  void whatAUserSeesIsTheSameAsWithEveryCommandBuilt() {
    sameAsFull();
    sameAsFull("--help");
    sameAsFull("-h");
    sameAsFull("--version");
    sameAsFull("help");
    sameAsFull("help", "mask");
    sameAsFull("help", "mask", "eval");
    sameAsFull("mask", "--help");
    sameAsFull("mask", "eval", "--help");
    sameAsFull("data", "list", "--help");
    sameAsFull("--help", "score");
    sameAsFull("nosuch");
    sameAsFull("scor");
    sameAsFull("mask", "nosuch");
    sameAsFull("mask", "eval", "--no-such-option");
  }

  @Test
  void onlyTheNamedCommandIsBuilt() {
    CommandLine cli = Main.commandLine(FACTORY, new String[] {"mask", "eval", "--pairs", "x"});
    assertTrue(cli.getSubcommands().get("mask").getSubcommands().containsKey("eval"));
    CommandLine run = cli.getSubcommands().get("run");
    assertTrue(run.getCommandSpec().options().isEmpty(), "run is only an outline");
    assertTrue(run.getSubcommands().isEmpty());

    CommandLine help = Main.commandLine(FACTORY, new String[] {"help", "data"});
    assertFalse(help.getSubcommands().get("data").getSubcommands().isEmpty());
    assertTrue(help.getSubcommands().get("web").getSubcommands().isEmpty());

    CommandLine top = Main.commandLine(FACTORY, new String[] {"--version"});
    for (var e : top.getSubcommands().entrySet()) {
      if (!e.getKey().equals("help")) {
        assertTrue(e.getValue().getCommandSpec().options().isEmpty(), e.getKey());
      }
    }
  }

  @Test
  void argumentsItCannotReadSafelyBuildEverything() {
    for (String[] args : List.of(new String[] {"@args.txt"}, new String[] {"--", "mask"})) {
      CommandLine cli = Main.commandLine(FACTORY, args);
      assertFalse(cli.getSubcommands().get("run").getCommandSpec().options().isEmpty());
    }
  }
}

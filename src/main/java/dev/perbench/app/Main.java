package dev.perbench.app;

import dev.perbench.app.cli.BenchCommand;
import dev.perbench.app.cli.CheckCommand;
import dev.perbench.app.cli.DataCommand;
import dev.perbench.app.cli.DemoCommand;
import dev.perbench.app.cli.Environment;
import dev.perbench.app.cli.JudgeCommand;
import dev.perbench.app.cli.MaskCommand;
import dev.perbench.app.cli.MergeCommand;
import dev.perbench.app.cli.RunCommand;
import dev.perbench.app.cli.ScoreCommand;
import dev.perbench.app.cli.ServeCommand;
import dev.perbench.app.cli.SubmissionsCommand;
import dev.perbench.app.cli.SubmitCommand;
import dev.perbench.app.cli.ValidateCommand;
import dev.perbench.app.cli.WebCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code perbench} command line. Exit codes: 0 success, 1 failure, 2 usage or input. */
@Command(
    name = "perbench",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Evaluation harness for pixel-grounded multimodal models (PerBench, RefCOCO family).")
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = Failures.FAILED;
  public static final int USAGE = Failures.USAGE;

  /**
   * The subcommands, in the order the usage lists them ({@code help} comes last). They are added by
   * {@link #commandLine}, not by the annotation, so that a run builds only the one it uses.
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          DemoCommand.class,
          RunCommand.class,
          ScoreCommand.class,
          MergeCommand.class,
          ValidateCommand.class,
          DataCommand.class,
          SubmissionsCommand.class,
          ServeCommand.class,
          SubmitCommand.class,
          WebCommand.class,
          MaskCommand.class,
          BenchCommand.class,
          JudgeCommand.class,
          CheckCommand.class);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The JDK's HTTP client completes every {@code sendAsync} through CompletableFuture's default
   * pool, which on a machine with 2 processors (common-pool parallelism 1) is a new thread per
   * request. The model server client and the LLM judge client both send asynchronously, so on such
   * a machine each request started a thread: measured with {@code perbench bench judge} on 2 cores,
   * 2,627 bare calls/s with the default, 4,654 with parallelism 4. The property must be set before
   * CompletableFuture is first loaded, hence here, first thing; a value the user set is kept.
   */
  static void poolForHttpClients() {
    String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(key) == null) {
      System.setProperty(
          key, Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors() - 1)));
    }
  }

  /**
   * picocli's default factory looks for Groovy's Closure class when first used, unless told not to;
   * a class that is not there is looked for in every jar of the class path, which opened all ~75 of
   * them (about 60 ms of a 0.4 s {@code perbench --version}). perbench has no Groovy.
   */
  static void noGroovyClosures() {
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
  }

  public static void main(String[] args) {
    poolForHttpClients();
    noGroovyClosures();
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams; returns the exit code (used by tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(args, out, err, System.getenv());
  }

  /**
   * Runs the command line with the given streams and environment (tests give keys this way: a JVM
   * cannot set its own environment); returns the exit code.
   */
  public static int execute(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    return execute(commandLine(Environment.factory(env), args), args, out, err);
  }

  /** Runs {@code args} on {@code cli}, made by {@link #commandLine}; returns the exit code. */
  static int execute(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
    cli.setUsageHelpWidth(100);
    cli.setOut(out);
    cli.setErr(err);
    Failures failures = new Failures();
    cli.setExecutionExceptionHandler(failures);
    cli.setExitCodeExceptionMapper(failures);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The command line for {@code args}: the subcommand {@code args} names (and, after {@code help},
   * the one it asks about) is built in full; the others are outlines, a name, aliases, header and
   * description, which is all the top-level usage and picocli's suggestions read. Building every
   * command's model reflects over every option of every command (and loads the classes their fields
   * name), which was most of {@code perbench --version}'s start-up. With {@code args} null, or
   * arguments this cannot read safely (an {@code @file}, {@code --}), every command is built.
   */
  static CommandLine commandLine(CommandLine.IFactory factory, String[] args) {
    Set<String> wanted = args == null ? null : wanted(args);
    CommandLine cli = new CommandLine(new Main(), factory);
    for (Class<?> type : COMMANDS) {
      Command command = type.getAnnotation(Command.class);
      if (wanted == null
          || wanted.contains(command.name())
          || Arrays.stream(command.aliases()).anyMatch(wanted::contains)) {
        cli.addSubcommand(type);
      } else {
        cli.addSubcommand(command.name(), outline(command), command.aliases());
      }
    }
    cli.addSubcommand(CommandLine.HelpCommand.class);
    return cli;
  }

  /** Every command built in full (tests that walk the whole tree). */
  static CommandLine fullCommandLine(CommandLine.IFactory factory) {
    return commandLine(factory, null);
  }

  /**
   * The names of the subcommands {@code args} may use: the first argument that is not an option
   * (the top-level command's options take no values) and, after {@code help}, the next one; null
   * (all) where an argument could expand or end the options.
   */
  private static Set<String> wanted(String[] args) {
    Set<String> names = new HashSet<>();
    for (String arg : args) {
      if (arg.startsWith("@") || arg.equals("--")) {
        return null;
      }
      if (arg.startsWith("-")) {
        continue;
      }
      names.add(arg);
      if (!names.contains("help") || names.size() == 2) {
        break;
      }
    }
    return names;
  }

  /** The part of a command's model that its parent's usage and suggestions read. */
  private static CommandSpec outline(Command command) {
    CommandSpec spec = CommandSpec.create().name(command.name());
    spec.usageMessage()
        .header(command.header())
        .description(command.description())
        .hidden(command.hidden());
    return spec;
  }

  /** The version recorded at build time. */
  public static String version() {
    try (InputStream in = Main.class.getResourceAsStream("/perbench-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Supplies {@code --version}. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"perbench " + version(), "Java " + Runtime.version()};
    }
  }
}

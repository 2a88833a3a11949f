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
import java.util.Map;
import java.util.Properties;
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
        "Evaluation harness for pixel-grounded multimodal models (PerBench, RefCOCO family).",
    subcommands = {
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
      CheckCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = Failures.FAILED;
  public static final int USAGE = Failures.USAGE;

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

  public static void main(String[] args) {
    poolForHttpClients();
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
    CommandLine cli = new CommandLine(new Main(), Environment.factory(env));
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

package dev.perbench.app.cli;

import dev.perbench.bench.AllBenchmarks;
import dev.perbench.bench.Launcher;
import dev.perbench.errors.InputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench bench all}: every figure of the README's Performance section, as its table. */
@Command(
    name = "all",
    header = "Every benchmark behind a README performance figure, printed as the README's table.",
    mixinStandardHelpOptions = true,
    description = {
      "Run every benchmark behind a figure of the README's Performance section, each as the",
      "command a user types (a process of its own): start-up, bench harness, bench score, bench",
      "masks, mask eval on generated pairs (beside the pycocotools loop with --python), bench",
      "data and demo. Print them as a Markdown table: each figure's median, min and max over its",
      "runs (after a warm-up) and the command that reproduces it. About 10 minutes on 2 idle",
      "cores; --quick: small sizes, about a minute, to check that everything runs."
    })
public final class BenchAllCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BenchReport report;

  @Option(
      names = "--quick",
      negatable = false,
      description = "Small sizes and one or two runs each (about a minute; figures not quotable).")
  boolean quick;

  @Option(
      names = "--python",
      paramLabel = "PATH",
      description =
          "A Python that can import pycocotools: mask eval is then timed beside"
              + " metrics/src/test/python/eval_pycocotools_loop.py (default: not measured).")
  String python;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description =
          "Where to keep the processes' logs, JSON files, pairs and demo runs (default: a"
              + " temporary folder, deleted afterwards).")
  Path work;

  @Override
  public Integer call() throws Exception {
    if (python != null && python.isBlank()) {
      throw new InputException("--python: give the path of a Python executable");
    }
    report.start(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = work != null ? work : Files.createTempDirectory("perbench-bench-all");
    Files.createDirectories(dir);
    List<AllBenchmarks.Row> rows;
    try {
      rows =
          new AllBenchmarks(
                  launcher(),
                  quick ? AllBenchmarks.Plan.QUICK : AllBenchmarks.Plan.FULL,
                  python,
                  dir,
                  line -> {
                    err.println("bench all: " + line);
                    err.flush();
                  })
              .run();
    } finally {
      if (work == null) {
        BenchCommand.deleteTree(dir);
      }
    }
    out.print(AllBenchmarks.markdown(rows));
    if (quick) {
      out.println();
      out.println("(--quick: small sizes, few runs; not the README's figures)");
    }
    out.flush();
    report.finish(new AllBenchmarks.Result(quick, rows));
    return 0;
  }

  /**
   * bin/perbench when this process runs under it (it sets perbench.home), so that the figures are
   * what a user gets; else this JVM with its class path (tests, where no jar is built).
   */
  private Launcher launcher() {
    Path home = RunCommand.home();
    Path script = home.resolve("bin/perbench");
    boolean underLauncher = System.getProperty("perbench.home") != null;
    return new Launcher(
        underLauncher && Files.isExecutable(script) ? script : null,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        System.getProperty("java.class.path"),
        spec.root().userObject().getClass().getName(),
        home);
  }
}

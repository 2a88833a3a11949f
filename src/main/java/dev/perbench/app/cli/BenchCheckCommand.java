package dev.perbench.app.cli;

import dev.perbench.bench.CheckSimulation;
import dev.perbench.errors.InputException;
import dev.perbench.harness.score.BootstrapSettings;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench bench check}: the false-positive and false-negative rates of check. */
@Command(
    name = "check",
    header = "False-positive and false-negative rates of perbench check's drop rules, simulated.",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate paired runs (a baseline and a run of the same samples: an identical-quality",
      "rerun, or one whose samples dropped by 1, 2 or 5 points) of res.ciou and mcq.accuracy at",
      "n = 300 and 3,000, decide max_drop 0 and max_drop 1 at 95%% with the paired bootstrap of",
      "perbench check, and print the share of trials that fail, warn and pass as a Markdown",
      "table, with a 95%% interval for the fail share. The defaults (200 trials, 2,000",
      "resamples: 6,400 checks) take about 2 minutes of CPU time: about a minute on 2 idle",
      "cores. The results depend on the seed, trials and resamples, not on --threads."
    })
public final class BenchCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BenchReport report;

  @Option(
      names = "--trials",
      defaultValue = "" + CheckSimulation.DEFAULT_TRIALS,
      description = "Trials per cell (default ${DEFAULT-VALUE}).")
  int trials;

  @Option(
      names = "--resamples",
      defaultValue = "" + CheckSimulation.DEFAULT_RESAMPLES,
      description = "Bootstrap resamples per check (default ${DEFAULT-VALUE}).")
  int resamples;

  @Option(
      names = "--seed",
      defaultValue = "" + CheckSimulation.DEFAULT_SEED,
      description = "The simulated data's seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--threads",
      description = "Threads running trials (default: the processors, here ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() {
    Options.atLeast("--trials", trials, 1);
    // as a gate file's bootstrap section accepts them
    if (resamples < 100 || resamples > BootstrapSettings.MAX_RESAMPLES) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "--resamples must be 100 to %,d, not %,d",
              BootstrapSettings.MAX_RESAMPLES,
              resamples));
    }
    Options.atLeast("--threads", threads, 1);
    report.start(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CheckSimulation.Settings s =
        CheckSimulation.Settings.defaults(trials, resamples, seed, threads);
    err.printf(
        Locale.ROOT,
        "simulating %,d trials per cell, %,d resamples per check, on %d threads...%n",
        trials,
        resamples,
        threads);
    err.flush();
    CheckSimulation.Result r =
        CheckSimulation.run(
            s,
            line -> {
              err.println(line);
              err.flush();
            });
    out.print(CheckSimulation.table(r));
    out.printf(
        Locale.ROOT,
        "%n(%,d checks in %.1f s, %.1f s of CPU, on %d threads; Java %s, %d cores)%n",
        r.checks(),
        r.seconds(),
        r.cpuSeconds(),
        threads,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    out.println("reproduce: " + CheckSimulation.command(s));
    out.flush();
    report.finish(r);
    return 0;
  }
}

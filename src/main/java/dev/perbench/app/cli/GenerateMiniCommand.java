package dev.perbench.app.cli;

import dev.perbench.data.mini.MiniBenchmark;
import dev.perbench.data.mini.MiniSummary;
import dev.perbench.errors.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench data generate-mini}: a split of the synthetic mini benchmark. */
@Command(
    name = "generate-mini",
    header = "Generate a split of perbench-mini in the real formats (seeded, byte-identical).",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a split of perbench-mini (seeded, byte-identical on every run) in the real",
      "formats: STBench_*.json, refer/perbench-mini/refs(unc).p + instances.json, images/,",
      "SHA256SUMS. `--split test` with the default count is the committed test split;",
      "`--split train --count N` makes training data (another seed: no test scene repeats)."
    })
final class GenerateMiniCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--split",
      defaultValue = "train",
      description =
          "Split name (default ${DEFAULT-VALUE}); test and train have fixed seeds, other names get"
              + " one derived from the name.")
  String split;

  @Option(
      names = "--count",
      description =
          "Number of scenes (images); default: the split's standard count (test 100, train 2000).")
  Integer count;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder (created; a folder from an earlier generation is overwritten).")
  Path out;

  @Override
  public Integer call() throws IOException {
    MiniBenchmark.Split standard =
        MiniBenchmark.split(
            split,
            split.equals(MiniBenchmark.TEST.name())
                ? MiniBenchmark.TEST.count()
                : MiniBenchmark.TRAIN.count());
    MiniBenchmark.Split chosen = count == null ? standard : standard.withCount(count);
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "generating perbench-mini split '%s': %,d scenes, seed %d ...%n",
        chosen.name(), chosen.count(), chosen.seed());
    err.flush();
    long start = System.nanoTime();
    MiniSummary summary;
    try {
      summary = chosen.generate(out);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        "wrote %s: %,d scenes, samples %s; %,d files, %,d bytes, in %.1f s%n",
        summary.out(),
        summary.scenes(),
        DataCommand.counts(new java.util.EnumMap<>(summary.samples())),
        summary.files(),
        summary.bytes(),
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}

package dev.perbench.app.cli;

import dev.perbench.data.LoadedSplit;
import dev.perbench.harness.io.PredictionIndex;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench validate}: check a submission without scoring it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a prediction file without scoring it.",
      "Schema, known and unique sample ids, valid RLE of the image's size, against a",
      "benchmark. Exit 0 when valid, 2 otherwise."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BenchmarkOption bench;

  @Option(
      names = "--predictions",
      required = true,
      paramLabel = "FILE",
      description = "The prediction file.")
  Path predictions;

  @Override
  public Integer call() {
    LoadedSplit data = bench.load();
    try (PredictionIndex index = PredictionIndex.open(predictions, data.samplesById())) {
      spec.commandLine()
          .getOut()
          .printf(
              "%s: valid for %s: %,d predictions (%,d of them errors), %,d of %,d samples without a"
                  + " prediction%n",
              predictions,
              bench.spec().id(),
              index.size(),
              index.failed(),
              data.samples().size() - index.size(),
              data.samples().size());
    }
    return 0;
  }
}

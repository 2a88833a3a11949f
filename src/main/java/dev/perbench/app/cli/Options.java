package dev.perbench.app.cli;

import dev.perbench.data.LoadedSplit;
import dev.perbench.errors.InputException;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelException;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelProviders;
import dev.perbench.harness.run.Shard;
import dev.perbench.harness.score.BootstrapSettings;

/**
 * Checks of option values shared by the commands, made before any work, each an input error that
 * names the option and the accepted range.
 */
final class Options {
  private Options() {}

  static void atLeast(String option, long value, long min) {
    if (value < min) {
      throw new InputException(option + " must be " + min + " or more, not " + value);
    }
  }

  static void resamples(int value) {
    if (value < 1 || value > BootstrapSettings.MAX_RESAMPLES) {
      throw new InputException(
          String.format(
              "--ci-resamples must be 1 to %,d, not %,d", BootstrapSettings.MAX_RESAMPLES, value));
    }
  }

  /** {@code cpu}, {@code gpu} or {@code gpu:N}; which models can use a GPU is theirs to say. */
  static void device(String device) {
    if (!device.matches("cpu|gpu|gpu:[0-9]+")) {
      throw new InputException(
          "--device must be cpu, gpu or gpu:N (N a CUDA device index), not '" + device + "'");
    }
  }

  static Shard shard(String text) {
    try {
      return Shard.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InputException("--shard: " + e.getMessage(), e);
    }
  }

  /** Opens {@code --model}; a spec the installed providers cannot open is a ModelException. */
  static Model openModel(String spec, ModelOptions options, LoadedSplit data)
      throws ModelException {
    return ModelProviders.open(spec, options, data);
  }
}

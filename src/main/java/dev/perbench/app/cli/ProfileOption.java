package dev.perbench.app.cli;

import dev.perbench.errors.InputException;
import dev.perbench.harness.score.EvalProfile;
import picocli.CommandLine.Option;

/** The shared {@code --profile P} option. */
public final class ProfileOption {
  @Option(
      names = "--profile",
      defaultValue = "standard",
      paramLabel = "P",
      description =
          "Scoring conventions: standard (default), pycocotools, grefcoco, pixel-sail (the authors'"
              + " scripts). See README, Metric definitions.")
  String id;

  EvalProfile profile() {
    try {
      return EvalProfile.fromId(id);
    } catch (IllegalArgumentException e) {
      throw new InputException("--profile: " + e.getMessage(), e);
    }
  }
}

package dev.perbench.app.cli;

import dev.perbench.errors.InputException;
import dev.perbench.harness.pairs.MaskEvaluation;
import dev.perbench.metrics.seg.SegProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perbench mask}: mask-level tools. */
@Command(
    name = "mask",
    mixinStandardHelpOptions = true,
    description = "Mask-level tools.",
    subcommands = {MaskCommand.Eval.class})
public final class MaskCommand extends CommandGroup {

  /** {@code perbench mask eval}. */
  @Command(
      name = "eval",
      header = "Score (ground truth, prediction) mask pairs: cIoU, gIoU, precision, N-acc/T-acc.",
      mixinStandardHelpOptions = true,
      description = {
        "Score (ground truth, prediction) mask pairs: cIoU, gIoU, precision@0.5..0.9, and",
        "N-acc/T-acc under the grefcoco profile. Input: JSON Lines of",
        "  {\"id\": str, \"size\": [h, w], \"gt\": SEG|null, \"pred\": SEG|null}",
        "with SEG a COCO RLE object (compressed or uncompressed counts) or a polygon list.",
        "The result is one JSON object on stdout; messages go to stderr.",
        "Exit codes: 0 ok, 2 bad input (nothing is printed on stdout)."
      })
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--pairs",
        required = true,
        paramLabel = "FILE",
        description = "Pairs file (JSON Lines).")
    Path pairs;

    @Option(
        names = "--profile",
        defaultValue = "standard",
        paramLabel = "PROFILE",
        description =
            "Scoring conventions: standard (default), pycocotools, pixel-sail-vres, grefcoco.")
    String profile;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the result JSON here.")
    Path out;

    @Option(
        names = "--threads",
        paramLabel = "N",
        description =
            "Threads that parse and score (default: the number of processors). The result is"
                + " the same for every N.")
    Integer threads;

    @Override
    public Integer call() throws IOException {
      SegProfile segProfile;
      try {
        segProfile = SegProfile.fromId(profile);
      } catch (IllegalArgumentException e) {
        throw new InputException("--profile: " + e.getMessage(), e);
      }
      if (out != null && Files.isDirectory(out)) {
        throw new InputException("--out " + out + ": is a directory; give a file name");
      }
      if (threads != null && threads < 1) {
        throw new InputException("--threads must be at least 1, got " + threads);
      }
      int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      PrintWriter err = spec.commandLine().getErr();
      MaskEvaluation.Outcome outcome = MaskEvaluation.run(pairs, segProfile, err, n);
      String json = outcome.toJson();
      if (out != null) {
        MaskEvaluation.writeAtomically(out, json);
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(json);
      stdout.flush();
      return 0;
    }
  }
}

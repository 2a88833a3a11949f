package dev.perbench.app.cli;

import dev.perbench.errors.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perbench demo}: the main job on the bundled defaults, the bundled reference model over the
 * bundled mini benchmark: run, score, print the table, record the run.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the bundled reference model on perbench-mini and score it.",
      "Runs the bundled reference model (harness/models/pixel-mini) over the bundled",
      "perbench-mini benchmark and score it; the run is recorded in runs/demo (re-running resumes,",
      "so a finished demo only re-scores). Same as `perbench run --model djl:harness/models/",
      "pixel-mini/model.pt --bench perbench-mini --out runs/demo`."
    })
public final class DemoCommand implements Callable<Integer> {
  /** The bundled model, relative to the tool's folder. */
  public static final String MODEL = "harness/models/pixel-mini/model.pt";

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = "runs/demo",
      paramLabel = "DIR",
      description = "Run folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu or gpu (default ${DEFAULT-VALUE}).")
  String device;

  @Override
  public Integer call() {
    Path model = RunCommand.home().resolve(MODEL);
    if (!Files.isRegularFile(model)) {
      throw new InputException("the bundled model is missing: " + model + " (restore it from git)");
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--model",
                "djl:" + model,
                "--bench",
                "perbench-mini",
                "--out",
                out.toString(),
                "--device",
                device,
                "--concurrency",
                "2"));
    CommandLine run = new CommandLine(new RunCommand());
    run.setOut(spec.commandLine().getOut());
    run.setErr(spec.commandLine().getErr());
    run.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
    return run.execute(args.toArray(String[]::new));
  }
}

package dev.perbench.app.cli;

import dev.perbench.bench.BenchJson;
import dev.perbench.bench.MachineStamp;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.AtomicFiles;
import dev.perbench.harness.json.StrictJson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What every {@code perbench bench} command does the same way: the machine header printed first
 * and, with {@code --json FILE}, the header and the command's figures written as JSON.
 */
public final class BenchReport {
  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "Also write the machine header and the figures to FILE as JSON (whole or not at all).")
  Path json;

  private MachineStamp machine;
  private String command;

  /**
   * Checks {@code --json} before any work (a folder there would only fail after minutes of it) and
   * prints the machine header; call first.
   */
  public MachineStamp start(CommandSpec spec) {
    if (json != null && Files.isDirectory(json)) {
      throw new InputException("--json " + json + ": is a directory; give a file name");
    }
    command = BenchJson.commandLine(spec.commandLine().getParseResult().originalArgs());
    machine = MachineStamp.here(RunCommand.home());
    PrintWriter out = spec.commandLine().getOut();
    for (String line : machine.lines()) {
      out.println(line);
    }
    out.println();
    out.flush();
    return machine;
  }

  /** The command line that started this command, as a user types it. */
  public String command() {
    return command;
  }

  /** Writes {@code results} with the header to the {@code --json} file, if one was given. */
  public void finish(Object results) {
    if (machine == null) {
      throw new IllegalStateException("start() first");
    }
    if (json != null) {
      AtomicFiles.write(json, StrictJson.pretty(new BenchJson<>(command, machine, results)));
    }
  }
}

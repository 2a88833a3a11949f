package dev.perbench.app.cli;

import dev.perbench.data.catalog.DataRoots;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --data-root} option. */
public final class DataRootOption {
  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description =
          "Folder with the official benchmark files (default: $PERBENCH_DATA, else"
              + " ~/.perbench/data).")
  Path dataRoot;

  public DataRoots roots() {
    return DataRoots.resolve(dataRoot, System.getenv());
  }
}

package dev.perbench.app.cli;

import dev.perbench.data.catalog.DataRoots;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --submissions} option of the website's commands. */
public final class SubmissionsFolderOption {
  @Option(
      names = "--submissions",
      paramLabel = "DIR",
      description = "The submissions folder (default: submissions/ of the perbench checkout).")
  Path submissions;

  /** The folder: the option, else {@code submissions/} of the checkout. */
  public Path folder(DataRoots roots) {
    return SubmissionsCommand.folder(submissions, roots);
  }
}

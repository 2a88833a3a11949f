package dev.perbench.harness.io;

import dev.perbench.errors.InputException;
import java.nio.file.Path;
import java.util.List;

/**
 * A prediction file that cannot be used: every problem found (up to a limit), each naming its line.
 * The file is rejected whole.
 */
public final class PredictionFileException extends InputException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public PredictionFileException(Path file, List<String> problems, int total) {
    super(
        file
            + ": "
            + total
            + " problem"
            + (total == 1 ? "" : "s")
            + ", the file is rejected:\n  "
            + String.join("\n  ", problems)
            + (total > problems.size()
                ? "\n  ... and " + (total - problems.size()) + " more"
                : ""));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}

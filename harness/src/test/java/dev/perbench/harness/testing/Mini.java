package dev.perbench.harness.testing;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.Benchmarks;
import dev.perbench.data.catalog.DataRoots;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bundled perbench-mini benchmark, loaded once per JVM. Tests run with their module folder as
 * the working directory, so the repository root (which holds {@code perbench/data/perbench-mini})
 * is found by walking up from there.
 */
public final class Mini {
  public static final String ID = "perbench-mini";
  private static LoadedSplit split;

  private Mini() {}

  /** The repository root: the nearest folder at or above the working directory with the data. */
  public static Path home() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("perbench/data/perbench-mini/test"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no perbench/data/perbench-mini/test at or above " + Path.of("").toAbsolutePath());
  }

  /** Roots with no official data (only the bundled mini benchmark is there). */
  public static DataRoots roots() {
    return new DataRoots(Path.of("/nonexistent-perbench-data"), home());
  }

  /** perbench-mini's test split. */
  public static synchronized LoadedSplit split() {
    if (split == null) {
      split = Benchmarks.load(ID, roots());
    }
    return split;
  }
}

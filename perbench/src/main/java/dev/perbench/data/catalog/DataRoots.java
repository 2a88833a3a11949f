package dev.perbench.data.catalog;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where benchmark files are looked for.
 *
 * @param dataRoot official data: {@code --data-root}, else {@code $PERBENCH_DATA}, else {@code
 *     ~/.perbench/data}
 * @param home the tool's own folder (the repository root), holding the bundled mini benchmark: the
 *     {@code perbench.home} system property (set by {@code bin/perbench}), else {@code
 *     $PERBENCH_HOME}, else the working directory
 */
public record DataRoots(Path dataRoot, Path home) {
  /** The folder of the bundled mini benchmark's committed test split. */
  public Path miniTestSplit() {
    return home.resolve("perbench/data/perbench-mini/test");
  }

  /** Resolves the roots; {@code explicitDataRoot} (the --data-root option) may be null. */
  public static DataRoots resolve(Path explicitDataRoot, Map<String, String> env) {
    Path data = explicitDataRoot;
    if (data == null && env.get("PERBENCH_DATA") != null && !env.get("PERBENCH_DATA").isBlank()) {
      data = Path.of(env.get("PERBENCH_DATA"));
    }
    if (data == null) {
      data = Path.of(System.getProperty("user.home"), ".perbench", "data");
    }
    String home = System.getProperty("perbench.home");
    if (home == null || home.isBlank()) {
      home = env.getOrDefault("PERBENCH_HOME", "");
    }
    return new DataRoots(data, home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home));
  }
}

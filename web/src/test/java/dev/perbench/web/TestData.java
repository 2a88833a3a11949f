package dev.perbench.web;

import dev.perbench.data.catalog.DataRoots;
import java.nio.file.Path;

/**
 * The committed submissions and the benchmark data the tests serve: the repository's bundled
 * perbench-mini (the only benchmark whose data ships with it), no official data.
 */
final class TestData {
  static final Path SUBMISSIONS = Path.of("..", "submissions");
  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  /** Shared: a split is loaded once per test run. */
  static final BenchmarkData DATA =
      new BenchmarkData(
          new DataRoots(REPOSITORY.resolve("web/target/no-official-data"), REPOSITORY));

  private TestData() {}
}

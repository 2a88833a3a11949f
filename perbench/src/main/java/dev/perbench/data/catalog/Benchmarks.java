package dev.perbench.data.catalog;

import dev.perbench.data.LoadedSplit;
import dev.perbench.errors.InputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The benchmarks, as the command line and the website both use them: one split by id, loaded from
 * the data roots. (The catalogue itself is {@link BenchmarkCatalog}; checking installed files is
 * {@link DataVerifier}.)
 */
public final class Benchmarks {
  private Benchmarks() {}

  /**
   * The one split {@code id} names.
   *
   * @throws InputException for an unknown id (listing the known ones) or an id naming several
   *     splits (listing them)
   */
  public static BenchmarkSpec one(String id) {
    List<BenchmarkSpec> specs;
    try {
      specs = BenchmarkCatalog.resolve(id);
    } catch (IllegalArgumentException e) {
      throw new InputException("--bench: " + e.getMessage(), e);
    }
    if (specs.size() > 1) {
      throw new InputException(
          "--bench "
              + id
              + " names several splits; choose one of "
              + specs.stream().map(BenchmarkSpec::id).collect(Collectors.joining(", ")));
    }
    return specs.get(0);
  }

  /**
   * Loads the split {@code id} names.
   *
   * @throws InputException for an unknown id, or a missing or malformed file (naming the file and
   *     record)
   */
  public static LoadedSplit load(String id, DataRoots roots) {
    return BenchmarkLoader.load(one(id), roots);
  }
}

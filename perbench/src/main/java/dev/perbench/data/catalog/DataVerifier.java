package dev.perbench.data.catalog;

import dev.perbench.data.DataFile;
import dev.perbench.data.DataFormatException;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks one benchmark's files: present, parseable (a full load, so every record and mask is
 * checked), sample count equal to the published one where it is known, checksums of the bundled
 * mini benchmark, and whether the images are there.
 */
public final class DataVerifier {
  private DataVerifier() {}

  public static Verification verify(BenchmarkSpec spec, DataRoots roots) {
    return verify(spec, roots, null);
  }

  /**
   * Verifies several benchmarks, handing each verdict to {@code report} in the order given, as soon
   * as it and those before it are made. The refer splits of one dataset are loaded together (one
   * read of its refs file and instances.json for refcoco's val, testA and testB); when that shared
   * load fails, each split is loaded alone, so every split gets the verdict {@link #verify} gives.
   */
  public static void verifyAll(
      List<BenchmarkSpec> specs, DataRoots roots, Consumer<Verification> report) {
    Verification[] done = new Verification[specs.size()];
    int next = 0;
    for (List<Integer> group : SharedFiles.groups(specs, roots)) {
      List<Integer> installed =
          group.stream().filter(i -> missingFiles(specs.get(i), roots).isEmpty()).toList();
      Map<Integer, LoadedSplit> loaded = new HashMap<>();
      if (installed.size() > 1) {
        try {
          List<LoadedSplit> splits =
              BenchmarkLoader.loadAll(installed.stream().map(specs::get).toList(), roots);
          for (int k = 0; k < installed.size(); k++) {
            loaded.put(installed.get(k), splits.get(k));
          }
        } catch (DataFormatException | UncheckedIOException | IllegalArgumentException e) {
          loaded.clear(); // which splits the fault touches is for each split's own load to say
        }
      }
      for (int i : group) {
        done[i] = verify(specs.get(i), roots, loaded.remove(i));
      }
      while (next < done.length && done[next] != null) {
        report.accept(done[next++]);
      }
    }
  }

  /** {@code loaded}: the split, when a shared load made it; null to load it here. */
  private static Verification verify(BenchmarkSpec spec, DataRoots roots, LoadedSplit loaded) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<Path> missing = missingFiles(spec, roots);
    if (!missing.isEmpty()) {
      for (Path p : missing) {
        problems.add("missing " + p);
      }
      problems.add(
          "get "
              + spec.obtain()
              + " and place it as shown (README, \"Benchmark data\");"
              + " or point --data-root / PERBENCH_DATA at the folder that has it");
      return new Verification(
          spec, Verification.Status.NOT_INSTALLED, problems, warnings, Map.of(), List.of());
    }
    LoadedSplit split = loaded;
    if (split == null) {
      try {
        split = BenchmarkLoader.load(spec, roots);
      } catch (DataFormatException | UncheckedIOException e) {
        problems.add(e.getMessage());
        return new Verification(
            spec, Verification.Status.INVALID, problems, warnings, Map.of(), hashes(spec, roots));
      }
    }
    Verification.Status status = Verification.Status.OK;
    if (spec.format() == DataFormat.MINI) {
      problems.addAll(MiniChecksums.check(BenchmarkFiles.folder(spec, roots)));
      if (!problems.isEmpty()) {
        status = Verification.Status.INVALID;
      }
    }
    int n = split.samples().size();
    if (spec.publishedSamples() != null && n != spec.publishedSamples()) {
      problems.add(
          String.format(
              "found %,d samples but the standard %s split has %,d: a cleaned, partial or different"
                  + " release? Results would not be comparable with published ones",
              n, spec.id(), spec.publishedSamples()));
      status = Verification.Status.COUNT_MISMATCH;
    }
    missingImages(split, warnings);
    return new Verification(spec, status, problems, warnings, split.countsByTask(), split.files());
  }

  private static List<Path> missingFiles(BenchmarkSpec spec, DataRoots roots) {
    List<Path> missing = new ArrayList<>();
    for (Path p : BenchmarkFiles.annotationFiles(spec, roots)) {
      if (!Files.isRegularFile(p)) {
        missing.add(p);
      }
    }
    return missing;
  }

  private static List<DataFile> hashes(BenchmarkSpec spec, DataRoots roots) {
    List<DataFile> files = new ArrayList<>();
    for (Path p : BenchmarkFiles.annotationFiles(spec, roots)) {
      files.add(DataFile.of(p));
    }
    return files;
  }

  private static void missingImages(LoadedSplit split, List<String> warnings) {
    Set<Path> images = new LinkedHashSet<>();
    for (Sample s : split.samples()) {
      images.add(s.image().file());
    }
    List<Path> absent = new ArrayList<>();
    for (Path p : images) {
      if (!Files.isRegularFile(p)) {
        absent.add(p);
      }
    }
    if (!absent.isEmpty()) {
      warnings.add(
          String.format(
              "%,d of %,d images are missing (first: %s); scoring prediction"
                  + " files works without them, running a model does not",
              absent.size(), images.size(), absent.get(0)));
    }
  }

  /** The mini benchmark's SHA256SUMS file, checked line by line. */
  static final class MiniChecksums {
    private MiniChecksums() {}

    static List<String> check(Path folder) {
      Path sums = folder.resolve("SHA256SUMS");
      List<String> problems = new ArrayList<>();
      try {
        if (!Files.isRegularFile(sums)) {
          return List.of("missing " + sums);
        }
        for (String line : Files.readAllLines(sums)) {
          if (line.isBlank()) {
            continue;
          }
          String[] parts = line.split(" [ *]", 2);
          Path file = folder.resolve(parts[1]);
          if (!Files.isRegularFile(file)) {
            problems.add("missing " + file + " (listed in " + sums + ")");
          } else if (!DataFile.of(file).sha256().equals(parts[0])) {
            problems.add(
                file
                    + " differs from its checksum in "
                    + sums
                    + "; regenerate with `perbench data generate-mini` or restore it from git");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return problems;
    }
  }
}

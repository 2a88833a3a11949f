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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one benchmark's files: present, parseable (a full load, so every record and mask is
 * checked), sample count equal to the published one where it is known, checksums of the bundled
 * mini benchmark, and whether the images are there.
 */
public final class DataVerifier {
  private DataVerifier() {}

  public static Verification verify(BenchmarkSpec spec, DataRoots roots) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<Path> missing = new ArrayList<>();
    for (Path p : BenchmarkFiles.annotationFiles(spec, roots)) {
      if (!Files.isRegularFile(p)) {
        missing.add(p);
      }
    }
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
    LoadedSplit split;
    try {
      split = BenchmarkLoader.load(spec, roots);
    } catch (DataFormatException | UncheckedIOException e) {
      problems.add(e.getMessage());
      return new Verification(
          spec, Verification.Status.INVALID, problems, warnings, Map.of(), hashes(spec, roots));
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

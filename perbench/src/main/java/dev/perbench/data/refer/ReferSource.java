package dev.perbench.data.refer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where one refer-layout dataset lives.
 *
 * @param benchmarkName the benchmark name used in ids, e.g. {@code refcoco}, {@code grefcoco}
 * @param datasetDir {@code <root>/<dataset>}, holding the refs file and {@code instances.json}
 * @param splitBy the split scheme in the refs file name: {@code unc}, {@code umd}, {@code google}
 * @param imagesDir where the images named by {@code instances.json} are (not read when loading)
 * @param generalized true for gRefCOCO ({@code grefs(...)}, multi-target and no-target refs)
 */
public record ReferSource(
    String benchmarkName, Path datasetDir, String splitBy, Path imagesDir, boolean generalized) {
  public ReferSource {
    Objects.requireNonNull(benchmarkName, "benchmarkName");
    Objects.requireNonNull(datasetDir, "datasetDir");
    Objects.requireNonNull(splitBy, "splitBy");
    Objects.requireNonNull(imagesDir, "imagesDir");
  }

  /** RefCOCO, RefCOCO+, RefCOCOg: {@code refs(<splitBy>).p}. */
  public static ReferSource refer(
      String benchmarkName, Path datasetDir, String splitBy, Path imagesDir) {
    return new ReferSource(benchmarkName, datasetDir, splitBy, imagesDir, false);
  }

  /** gRefCOCO: {@code grefs(<splitBy>).p}, or {@code grefs(<splitBy>).json} when that is absent. */
  public static ReferSource grefer(
      String benchmarkName, Path datasetDir, String splitBy, Path imagesDir) {
    return new ReferSource(benchmarkName, datasetDir, splitBy, imagesDir, true);
  }

  /** The refs files looked for, in the reference tool's order of preference. */
  public List<Path> refsCandidates() {
    if (generalized) {
      return List.of(
          datasetDir.resolve("grefs(" + splitBy + ").p"),
          datasetDir.resolve("grefs(" + splitBy + ").json"));
    }
    return List.of(datasetDir.resolve("refs(" + splitBy + ").p"));
  }

  /** The first refs candidate that exists, or null. */
  public Path findRefsFile() {
    for (Path p : refsCandidates()) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** {@code <datasetDir>/instances.json}. */
  public Path instancesFile() {
    return datasetDir.resolve("instances.json");
  }

  /** The expected layout, for messages about missing files. */
  public String expectedLayout() {
    String refs =
        generalized
            ? "grefs(" + splitBy + ").p or grefs(" + splitBy + ").json"
            : "refs(" + splitBy + ").p";
    return "the refer layout expects "
        + datasetDir
        + "/"
        + refs
        + " and "
        + datasetDir
        + "/instances.json";
  }
}

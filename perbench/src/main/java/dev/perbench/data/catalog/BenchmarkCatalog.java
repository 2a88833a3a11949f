package dev.perbench.data.catalog;

import dev.perbench.data.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The benchmarks the tool knows. Ids are {@code <dataset>:<split>}; a bare dataset name means its
 * standard evaluation splits; {@code perbench} and {@code perbench-mini} have no split.
 *
 * <p>Published sample counts are the expression counts of the standard splits as the datasets'
 * papers and every later paper give them; where no count is established (the google split of
 * RefCOCOg, gRefCOCO, PerBench, whose release is unconfirmed) none is recorded rather than a guess.
 */
public final class BenchmarkCatalog {
  private static final String REFER_SOURCE =
      "the refer annotations (refs(<splitBy>).p + instances.json) from"
          + " https://github.com/lichengunc/refer (its data links), images: COCO train2014 from"
          + " https://cocodataset.org";
  private static final String GREFCOCO_SOURCE =
      "gRefCOCO (grefs(unc).json + instances.json) from https://github.com/henghuiding/gRefCOCO,"
          + " images: COCO train2014 from https://cocodataset.org";
  private static final String PERBENCH_SOURCE =
      "the PerBench release of the Pixel-SAIL authors (STBench_*.json + SA-1B images); see"
          + " https://github.com/magic-research/Sa2VA and the Pixel-SAIL paper (arXiv 2504.10465)";

  private static final List<BenchmarkSpec> ALL = build();

  private BenchmarkCatalog() {}

  public static List<BenchmarkSpec> all() {
    return ALL;
  }

  /**
   * The specs an id names: one split, or every standard split of a bare dataset name.
   *
   * @throws IllegalArgumentException listing the known ids when there is no such benchmark
   */
  public static List<BenchmarkSpec> resolve(String id) {
    List<BenchmarkSpec> found = new ArrayList<>();
    for (BenchmarkSpec s : ALL) {
      if (s.id().equals(id) || (!id.contains(":") && s.dataset().equals(id) && s.split() != null)) {
        found.add(s);
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown benchmark '"
              + id
              + "'; known: "
              + ALL.stream().map(BenchmarkSpec::id).collect(Collectors.joining(", ")));
    }
    return found;
  }

  private static List<BenchmarkSpec> build() {
    List<BenchmarkSpec> specs = new ArrayList<>();
    specs.add(
        new BenchmarkSpec(
            "perbench",
            "perbench",
            null,
            DataFormat.STBENCH,
            List.of(Task.CAPTION, Task.MCQ, Task.VRES),
            "perbench",
            null,
            false,
            null,
            PERBENCH_SOURCE));
    specs.add(
        new BenchmarkSpec(
            "perbench-mini",
            "perbench-mini",
            null,
            DataFormat.MINI,
            List.of(Task.CAPTION, Task.MCQ, Task.VRES, Task.RES),
            "perbench-mini",
            "unc",
            false,
            null,
            "bundled with this tool (perbench/data/perbench-mini); regenerate with `perbench data"
                + " generate-mini`"));
    refer(
        specs,
        "refcoco",
        "refcoco",
        "unc",
        false,
        new String[] {"val", "testA", "testB"},
        new Integer[] {10834, 5657, 5095},
        REFER_SOURCE);
    refer(
        specs,
        "refcoco+",
        "refcoco+",
        "unc",
        false,
        new String[] {"val", "testA", "testB"},
        new Integer[] {10758, 5726, 4889},
        REFER_SOURCE);
    refer(
        specs,
        "refcocog",
        "refcocog",
        "umd",
        false,
        new String[] {"val", "test"},
        new Integer[] {4896, 9602},
        REFER_SOURCE);
    refer(
        specs,
        "refcocog-google",
        "refcocog",
        "google",
        false,
        new String[] {"val"},
        new Integer[] {null},
        REFER_SOURCE);
    refer(
        specs,
        "grefcoco",
        "grefcoco",
        "unc",
        true,
        new String[] {"val", "testA", "testB"},
        new Integer[] {null, null, null},
        GREFCOCO_SOURCE);
    return List.copyOf(specs);
  }

  private static void refer(
      List<BenchmarkSpec> specs,
      String dataset,
      String directory,
      String splitBy,
      boolean generalized,
      String[] splits,
      Integer[] counts,
      String source) {
    for (int i = 0; i < splits.length; i++) {
      specs.add(
          new BenchmarkSpec(
              dataset + ":" + splits[i],
              dataset,
              splits[i],
              DataFormat.REFER,
              List.of(Task.RES),
              directory,
              splitBy,
              generalized,
              counts[i],
              source));
    }
  }
}

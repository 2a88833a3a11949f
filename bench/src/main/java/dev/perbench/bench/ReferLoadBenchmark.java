package dev.perbench.bench;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.refer.ReferLoader;
import dev.perbench.data.refer.ReferRefs;
import dev.perbench.data.refer.ReferSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times loading a RefCOCO-sized refer dataset: generates a synthetic one (RefCOCO's proportions:
 * 19,994 images per 50,000 refs, splits train/val/testA/testB in RefCOCO's shares, COCO-like
 * polygons of 20-60 vertices on COCO image sizes), then reads the refs pickle and loads every
 * split's samples, masks included, in one pass over instances.json.
 */
public final class ReferLoadBenchmark {
  private static final List<String> SPLITS = List.of("train", "val", "testA", "testB");

  /**
   * The figures of one run.
   *
   * @param refsFileBytes size of the generated refs(unc).p
   * @param instancesFileBytes size of the generated instances.json
   * @param generateSeconds time to write the dataset (not part of the load)
   * @param loadSeconds wall-clock time to read the refs and load all splits
   * @param samplesPerSplit samples per split, in train, val, testA, testB order
   * @param heapBeforeLoadBytes heap in use after a GC, before loading
   * @param heapAfterLoadBytes heap in use after a GC with all samples held
   * @param peakHeapBytes the sum of the heap pools' peaks during the load (an upper bound on the
   *     true peak, since pools peak at different moments)
   */
  public record Result(
      int images,
      int annotations,
      int refs,
      int sentences,
      long refsFileBytes,
      long instancesFileBytes,
      double generateSeconds,
      double loadSeconds,
      Map<String, Integer> samplesPerSplit,
      long heapBeforeLoadBytes,
      long heapAfterLoadBytes,
      long peakHeapBytes) {
    public Result {
      samplesPerSplit = Collections.unmodifiableMap(new LinkedHashMap<>(samplesPerSplit));
    }

    /** All samples loaded. */
    public int samples() {
      return samplesPerSplit.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private ReferLoadBenchmark() {}

  /**
   * Generates a dataset under {@code workDir/refcoco} with {@code annotations} referred objects
   * (one ref each; RefCOCO has 50,000) and {@code sentences} expressions (RefCOCO: 142,210), and
   * loads all of it.
   */
  public static Result run(Path workDir, int annotations, int sentences) throws IOException {
    return run(workDir, annotations, sentences, 0);
  }

  /**
   * As {@link #run(Path, int, int)}, with {@code extraAnnotations} more objects that no ref names,
   * which the loader must skip (the public RefCOCO instances.json holds every COCO object of its
   * images, several times the number of refs).
   */
  public static Result run(Path workDir, int annotations, int sentences, int extraAnnotations)
      throws IOException {
    if (annotations <= 0 || sentences < annotations) {
      throw new IllegalArgumentException("need annotations > 0 and at least one sentence each");
    }
    Path dir = workDir.resolve("refcoco");
    long t0 = System.nanoTime();
    SyntheticRefer.Counts counts =
        SyntheticRefer.write(dir, annotations, sentences, extraAnnotations, 20240601L);
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    ReferSource source = ReferSource.refer("refcoco", dir, "unc", workDir.resolve("images"));

    long before = usedHeapAfterGc();
    List<MemoryPoolMXBean> pools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long t1 = System.nanoTime();
    ReferRefs refs = ReferRefs.read(source);
    List<LoadedSplit> loaded = ReferLoader.load(refs, SPLITS);
    double loadSeconds = (System.nanoTime() - t1) / 1e9;
    long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    long after = usedHeapAfterGc();
    Reference.reachabilityFence(loaded);

    Map<String, Integer> perSplit = new LinkedHashMap<>();
    for (int k = 0; k < SPLITS.size(); k++) {
      perSplit.put(SPLITS.get(k), loaded.get(k).samples().size());
    }
    return new Result(
        counts.images(),
        counts.annotations(),
        counts.refs(),
        counts.sentences(),
        Files.size(dir.resolve("refs(unc).p")),
        Files.size(dir.resolve("instances.json")),
        generateSeconds,
        loadSeconds,
        perSplit,
        before,
        after,
        peak);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 2; i++) {
      ManagementFactory.getMemoryMXBean().gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

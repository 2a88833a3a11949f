package dev.perbench.bench;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.refer.ReferLoader;
import dev.perbench.data.refer.ReferSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times loading a RefCOCO-sized refer dataset: generates a synthetic one (RefCOCO's proportions:
 * 19,994 images per 50,000 refs, splits train/val/testA/testB in RefCOCO's shares, COCO-like
 * polygons of 20-60 vertices on COCO image sizes), then loads every split, masks included, as one
 * multi-split load (one read of the refs pickle, one pass over instances.json): a warm-up load
 * first (class loading and the JIT's first compilations, which on a 2-core machine cost as much as
 * a load), then {@code runs} timed ones, each starting from the same heap.
 */
public final class ReferLoadBenchmark {
  private static final List<String> SPLITS = List.of("train", "val", "testA", "testB");

  /**
   * The figures of one benchmark.
   *
   * @param refsFileBytes size of the generated refs(unc).p
   * @param instancesFileBytes size of the generated instances.json
   * @param generateSeconds time to write the dataset (not part of the load)
   * @param warmupSeconds the untimed first load's wall-clock time (JIT and class loading included)
   * @param loadSeconds each timed load's wall-clock time: reading the refs and every split
   * @param samplesPerSplit samples per split, in train, val, testA, testB order
   * @param heapBeforeLoadBytes heap in use after a GC, before a load
   * @param heapAfterLoadBytes heap in use after a GC with all samples of one load held
   * @param peakUsedBytes over the timed loads, the most of the sum of the heap pools' peaks: an
   *     upper bound on the heap in use, garbage included (it grows with the heap the GC may use)
   * @param peakLiveBytes over the timed loads, the most heap left in use right after a GC: a lower
   *     bound on the heap a load needs; 0 when no GC ran during them
   * @param maxHeapBytes the JVM's maximum heap
   */
  public record Result(
      int images,
      int annotations,
      int refs,
      int sentences,
      long refsFileBytes,
      long instancesFileBytes,
      double generateSeconds,
      double warmupSeconds,
      List<Double> loadSeconds,
      Map<String, Integer> samplesPerSplit,
      long heapBeforeLoadBytes,
      long heapAfterLoadBytes,
      long peakUsedBytes,
      long peakLiveBytes,
      long maxHeapBytes) {
    public Result {
      loadSeconds = List.copyOf(loadSeconds);
      samplesPerSplit = Collections.unmodifiableMap(new LinkedHashMap<>(samplesPerSplit));
    }

    /** All samples of one load. */
    public int samples() {
      return samplesPerSplit.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The median timed load (the mean of the middle two for an even count). */
    public double medianSeconds() {
      List<Double> sorted = loadSeconds.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double minSeconds() {
      return loadSeconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    public double maxSeconds() {
      return loadSeconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
  }

  private ReferLoadBenchmark() {}

  /**
   * Generates a dataset under {@code workDir/refcoco} with {@code annotations} referred objects
   * (one ref each; RefCOCO has 50,000) and {@code sentences} expressions (RefCOCO: 142,210), and
   * loads all of it once after a warm-up.
   */
  public static Result run(Path workDir, int annotations, int sentences) throws IOException {
    return run(workDir, annotations, sentences, 0, 1);
  }

  /**
   * As {@link #run(Path, int, int)}, with {@code extraAnnotations} more objects that no ref names,
   * which the loader must skip (the public RefCOCO instances.json holds every COCO object of its
   * images, several times the number of refs), and {@code runs} timed loads.
   */
  public static Result run(
      Path workDir, int annotations, int sentences, int extraAnnotations, int runs)
      throws IOException {
    if (annotations <= 0 || sentences < annotations) {
      throw new IllegalArgumentException("need annotations > 0 and at least one sentence each");
    }
    if (runs < 1) {
      throw new IllegalArgumentException("need at least one timed run, got " + runs);
    }
    Path dir = workDir.resolve("refcoco");
    long t0 = System.nanoTime();
    SyntheticRefer.Counts counts =
        SyntheticRefer.write(dir, annotations, sentences, extraAnnotations, 20240601L);
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    ReferSource source = ReferSource.refer("refcoco", dir, "unc", workDir.resolve("images"));

    long t1 = System.nanoTime();
    ReferLoader.load(source, SPLITS);
    double warmupSeconds = (System.nanoTime() - t1) / 1e9;

    List<Double> seconds = new ArrayList<>(runs);
    long before = 0;
    long after = 0;
    long peakUsed = 0;
    long peakLive = 0;
    Map<String, Integer> perSplit = new LinkedHashMap<>();
    for (int run = 0; run < runs; run++) {
      before = usedHeapAfterGc(); // the previous run's samples are gone: every run starts alike
      List<LoadedSplit> loaded;
      try (HeapWatch watch = new HeapWatch()) {
        long start = System.nanoTime();
        loaded = ReferLoader.load(source, SPLITS);
        seconds.add((System.nanoTime() - start) / 1e9);
        peakUsed = Math.max(peakUsed, watch.peakUsed());
        peakLive = Math.max(peakLive, watch.peakLive()); // before the GCs below, which are ours
      }
      after = usedHeapAfterGc();
      Reference.reachabilityFence(loaded);
      for (int k = 0; k < SPLITS.size(); k++) {
        perSplit.put(SPLITS.get(k), loaded.get(k).samples().size());
      }
    }
    return new Result(
        counts.images(),
        counts.annotations(),
        counts.refs(),
        counts.sentences(),
        Files.size(dir.resolve("refs(unc).p")),
        Files.size(dir.resolve("instances.json")),
        generateSeconds,
        warmupSeconds,
        seconds,
        perSplit,
        before,
        after,
        peakUsed,
        peakLive,
        Runtime.getRuntime().maxMemory());
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 2; i++) {
      ManagementFactory.getMemoryMXBean().gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

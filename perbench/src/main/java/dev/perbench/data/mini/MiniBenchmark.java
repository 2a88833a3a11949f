package dev.perbench.data.mini;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The standard splits of {@code perbench-mini}. The committed test split is exactly {@code
 * TEST.generate(dir)}; training data for models comes from {@link #TRAIN} (another seed, so no test
 * scene is a training scene).
 */
public final class MiniBenchmark {
  /** The benchmark id, also the refer dataset folder name. */
  public static final String ID = "perbench-mini";

  /** The committed evaluation split: 100 scenes, about 300 samples per task. */
  public static final Split TEST = new Split("test", 20250415L, 100);

  /** The default training split. */
  public static final Split TRAIN = new Split("train", 7_340_033L, 2000);

  private MiniBenchmark() {}

  /**
   * One split's generation parameters.
   *
   * @param name the split name (image names, the refs' {@code split} field)
   * @param seed the seed every random choice derives from
   * @param count number of scenes (images)
   */
  public record Split(String name, long seed, int count) {
    /** Writes the split into {@code out}; see {@link MiniGenerator#generate}. */
    public MiniSummary generate(Path out) throws IOException {
      return MiniGenerator.generate(out, name, count, seed);
    }

    /** The same split with another number of scenes. */
    public Split withCount(int n) {
      return new Split(name, seed, n);
    }
  }

  /**
   * The standard split of that name ({@code test}, {@code train}); any other name gets a seed
   * derived from the name (FNV-1a of its UTF-8 bytes), so it differs from both.
   */
  public static Split split(String name, int count) {
    if (name.equals(TEST.name())) {
      return TEST.withCount(count);
    }
    if (name.equals(TRAIN.name())) {
      return TRAIN.withCount(count);
    }
    long h = 0xCBF29CE484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001B3L;
    }
    return new Split(name, h, count);
  }
}

package dev.perbench.data.mini;

import dev.perbench.data.model.Task;
import dev.perbench.data.stbench.StBenchFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates one split of {@code perbench-mini}: synthetic scenes with exact masks, written in the
 * real file formats so that the real loaders read them.
 *
 * <pre>
 * out/images/&lt;split&gt;_&lt;000123&gt;.png               96 x 128 RGB
 * out/STBench_Detailed_Caption.json             caption
 * out/STBench_MCQ.json                          mcq
 * out/STBench_VRES.json                         vres
 * out/refer/perbench-mini/refs(unc).p           res (Python 2 pickle)
 * out/refer/perbench-mini/instances.json        res (COCO polygons)
 * out/SHA256SUMS                                every file above, sorted by path
 * </pre>
 *
 * <p>The output is a function of (split, count, seed) alone, byte for byte: all randomness is
 * SplitMix64 seeded from them (each scene and each task of a scene has its own stream, so scene i
 * is the same whatever the count), nothing iterates a hash container, numbers are formatted without
 * locale or float formatters, and the PNGs are compressed by our own encoder.
 *
 * <p>Per scene: up to {@value #RES_TARGETS} referred shapes (one or two sentences each), up to
 * {@value #VRES_PER_SCENE} V-T RES records, {@value #MCQ_PER_SCENE} questions and {@value
 * #CAPTIONS_PER_SCENE} described shapes.
 */
public final class MiniGenerator {
  /** The image folder, relative to the split folder. */
  public static final String IMAGES_DIR = "images";

  /** The refer dataset folder, relative to the split folder. */
  public static final String REFER_DIR = "refer/" + MiniBenchmark.ID;

  /** The refs file name: split scheme {@code unc}, as RefCOCO's. */
  public static final String REFS_FILE = "refs(unc).p";

  public static final String INSTANCES_FILE = "instances.json";

  static final int RES_TARGETS = 2;
  static final int VRES_PER_SCENE = 3;
  static final int MCQ_PER_SCENE = 3;
  static final int CAPTIONS_PER_SCENE = 3;

  private static final Pattern SPLIT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private MiniGenerator() {}

  /**
   * Writes a split into {@code out} (created if needed). A folder holding an earlier generation (it
   * has a {@code SHA256SUMS}) is overwritten: the files that list names are deleted first.
   *
   * @param split the split name: letters, digits, '-' and '_'
   * @param count number of scenes, at least 1
   * @throws IllegalArgumentException for a bad split name or count, or when {@code out} holds other
   *     files and no {@code SHA256SUMS}
   */
  public static MiniSummary generate(Path out, String split, int count, long seed)
      throws IOException {
    if (!SPLIT_NAME.matcher(split).matches()) {
      throw new IllegalArgumentException(
          "split name '"
              + split
              + "' must be 1 to 40 letters,"
              + " digits, '-' or '_' (it becomes part of file names)");
    }
    if (count < 1 || count > 999_999) {
      throw new IllegalArgumentException("count must be 1 to 999999 scenes, got " + count);
    }
    clear(out);
    Path images = Files.createDirectories(out.resolve(IMAGES_DIR));
    Path refer = Files.createDirectories(out.resolve(REFER_DIR));
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(imageName(split, i));
    }
    Map<Task, Integer> samples = new EnumMap<>(Task.class);
    for (Task t : Task.values()) {
      samples.put(t, 0);
    }
    List<String> written = new ArrayList<>();
    try (StBenchWriter stbench = new StBenchWriter(out);
        ReferWriter refs = new ReferWriter(refer, split, names)) {
      for (int i = 0; i < count; i++) {
        SceneSamples s = samples(split, i, seed);
        Files.write(images.resolve(names.get(i)), SceneImage.png(s.scene()));
        written.add(IMAGES_DIR + "/" + names.get(i));
        stbench.add(s);
        refs.add(s);
        samples.merge(
            Task.RES, s.refs().stream().mapToInt(r -> r.sentences().size()).sum(), Integer::sum);
        samples.merge(Task.VRES, s.vres().size(), Integer::sum);
        samples.merge(Task.MCQ, s.mcqs().size(), Integer::sum);
        samples.merge(Task.CAPTION, s.captions().size(), Integer::sum);
      }
    }
    written.add(StBenchFiles.CAPTION_FILE);
    written.add(StBenchFiles.MCQ_FILE);
    written.add(StBenchFiles.VRES_FILE);
    written.add(REFER_DIR + "/" + REFS_FILE);
    written.add(REFER_DIR + "/" + INSTANCES_FILE);
    Checksums.write(out, written);
    written.add(Checksums.FILE);
    long bytes = 0;
    for (String p : written) {
      bytes += Files.size(out.resolve(p));
    }
    return new MiniSummary(out, split, seed, count, samples, written.size(), bytes);
  }

  /** {@code <split>_<index, 6 digits>.png}. */
  public static String imageName(String split, int index) {
    return String.format(Locale.ROOT, "%s_%06d.png", split, index);
  }

  /**
   * Scene {@code index} of a split, as {@link #generate} draws and paints it (the same for every
   * count above the index).
   */
  public static Scene scene(String split, int index, long seed) {
    return SceneGenerator.generate(
        index, imageName(split, index), Rng.of(seed, Rng.Stream.SCENE, index));
  }

  /** Scene {@code index} of a split with its samples, as {@link #generate} writes them. */
  static SceneSamples samples(String split, int index, long seed) {
    Scene scene = scene(split, index, seed);

    Rng rng = Rng.of(seed, Rng.Stream.RES, index);
    List<Shape> candidates = new ArrayList<>(scene.fullyVisible());
    rng.shuffle(candidates);
    List<SceneSamples.Ref> refs = new ArrayList<>();
    for (Shape target : candidates) {
      if (refs.size() == RES_TARGETS) {
        break;
      }
      List<RefExpression> sentences = RefExpressionBuilder.choose(scene, target, rng);
      if (!sentences.isEmpty()) {
        refs.add(new SceneSamples.Ref(target, sentences));
      }
    }

    List<VresItem> vres =
        VresQuestionBuilder.choose(scene, Rng.of(seed, Rng.Stream.VRES, index), VRES_PER_SCENE);
    List<McqItem> mcqs =
        McqBuilder.choose(scene, Rng.of(seed, Rng.Stream.MCQ, index), MCQ_PER_SCENE);
    List<SceneSamples.Caption> captions = new ArrayList<>();
    for (Shape s :
        CaptionBuilder.chooseShapes(
            scene, Rng.of(seed, Rng.Stream.CAPTION, index), CAPTIONS_PER_SCENE)) {
      captions.add(new SceneSamples.Caption(s, CaptionBuilder.describe(scene, s)));
    }
    return new SceneSamples(scene, refs, vres, mcqs, captions);
  }

  /** Makes {@code out} ready: absent or empty, or an earlier generation whose files go. */
  private static void clear(Path out) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new IllegalArgumentException(
          "--out " + out + " is a file; give a folder (new, empty, or an earlier generation)");
    }
    Path root = out.toAbsolutePath().normalize();
    List<String> listed = Checksums.listed(out);
    if (listed.isEmpty()) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              out
                  + " is not empty and holds no earlier"
                  + " generation (no "
                  + Checksums.FILE
                  + "); choose an empty or new folder");
        }
      }
      return;
    }
    for (String p : listed) {
      Path f = root.resolve(p).normalize();
      if (f.startsWith(root)) {
        Files.deleteIfExists(f);
      }
    }
    Files.delete(out.resolve(Checksums.FILE));
    for (String dir : List.of(IMAGES_DIR, REFER_DIR, "refer")) {
      try {
        Files.deleteIfExists(out.resolve(dir));
      } catch (DirectoryNotEmptyException e) {
        // the user's own files are there; leave them
      }
    }
  }
}

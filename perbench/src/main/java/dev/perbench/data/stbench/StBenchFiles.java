package dev.perbench.data.stbench;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a PerBench release is: the three task files and the image folder.
 *
 * @param caption {@code STBench_Detailed_Caption.json}
 * @param mcq {@code STBench_MCQ.json}
 * @param vres {@code STBench_VRES.json}
 * @param images the folder the records' {@code image_name}s are relative to
 */
public record StBenchFiles(Path caption, Path mcq, Path vres, Path images) {
  public static final String CAPTION_FILE = "STBench_Detailed_Caption.json";
  public static final String MCQ_FILE = "STBench_MCQ.json";
  public static final String VRES_FILE = "STBench_VRES.json";

  /** The release layout: the three files in {@code dir}, images in {@code dir/images}. */
  public static StBenchFiles in(Path dir) {
    return new StBenchFiles(
        dir.resolve(CAPTION_FILE),
        dir.resolve(MCQ_FILE),
        dir.resolve(VRES_FILE),
        dir.resolve("images"));
  }

  public List<Path> annotationFiles() {
    return List.of(caption, mcq, vres);
  }
}

package dev.perbench.data.catalog;

import dev.perbench.data.refer.ReferSource;
import dev.perbench.data.stbench.StBenchFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each benchmark's files are expected under the {@link DataRoots}:
 *
 * <pre>
 * $DATA/perbench/STBench_{Detailed_Caption,MCQ,VRES}.json, $DATA/perbench/images/
 * $DATA/refcoco/refs(unc).p + instances.json     (refcoco+, refcocog with refs(umd).p and
 * $DATA/grefcoco/grefs(unc).json + instances.json  refs(google).p alike)
 * $DATA/images/train2014/COCO_train2014_*.jpg    (the COCO images of the RefCOCO family)
 * $HOME/perbench/data/perbench-mini/test/        (bundled: STBench files, images/, refer/)
 * </pre>
 */
public final class BenchmarkFiles {
  private BenchmarkFiles() {}

  /** The folder a benchmark lives in. */
  public static Path folder(BenchmarkSpec spec, DataRoots roots) {
    return switch (spec.format()) {
      case MINI -> roots.miniTestSplit();
      case STBENCH, REFER -> roots.dataRoot().resolve(spec.directory());
    };
  }

  /** The PerBench-format files of a PerBench or mini benchmark. */
  public static StBenchFiles stbench(BenchmarkSpec spec, DataRoots roots) {
    return StBenchFiles.in(folder(spec, roots));
  }

  /**
   * The refer part of a refer or mini benchmark: {@code <root>/<dataset>} with COCO train2014
   * images under the data root, or the mini's {@code refer/perbench-mini} with its own images.
   */
  public static ReferSource refer(BenchmarkSpec spec, DataRoots roots) {
    boolean mini = spec.format() == DataFormat.MINI;
    Path dataset =
        mini ? folder(spec, roots).resolve("refer").resolve(spec.dataset()) : folder(spec, roots);
    Path images =
        mini
            ? folder(spec, roots).resolve("images")
            : roots.dataRoot().resolve("images").resolve("train2014");
    return new ReferSource(spec.dataset(), dataset, spec.splitBy(), images, spec.generalized());
  }

  /** The annotation files a benchmark needs (images are checked separately). */
  public static List<Path> annotationFiles(BenchmarkSpec spec, DataRoots roots) {
    List<Path> files = new ArrayList<>();
    if (spec.format() != DataFormat.REFER) {
      files.addAll(stbench(spec, roots).annotationFiles());
    }
    if (spec.format() != DataFormat.STBENCH) {
      ReferSource source = refer(spec, roots);
      Path refs = source.findRefsFile();
      files.add(refs != null ? refs : source.refsCandidates().get(0));
      files.add(source.instancesFile());
    }
    return files;
  }
}

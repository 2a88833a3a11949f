package dev.perbench.data.refer;

import dev.perbench.data.DataFormatException;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Loads splits of a refer-layout dataset (RefCOCO, RefCOCO+, RefCOCOg, gRefCOCO) as {@link
 * Task#RES} samples.
 *
 * <p>One sample per sentence, refs in file order and each ref's sentences in order; the id is the
 * sentence's {@code sent_id}, the text its {@code sent}; the image is the ref's image ({@code
 * file_name}, height and width from {@code instances.json}, the file resolved in the source's
 * images folder); the target is one mask, shared by all sentences of a ref (see {@link RefTargets}
 * for how it is made). The benchmark id is {@code <benchmarkName>:<split>} and the files are the
 * refs file and {@code instances.json} with their SHA-256.
 *
 * <p>The refs file is read first; {@code instances.json} is then streamed once, keeping only the
 * images and annotations the selected refs name. Any inconsistency is a {@link DataFormatException}
 * naming the file and the ref or annotation; nothing is returned half-loaded.
 */
public final class ReferLoader {
  private ReferLoader() {}

  /**
   * Loads one split.
   *
   * @throws DataFormatException for missing, malformed or inconsistent files
   * @throws IllegalArgumentException for a split name the reference tool refuses, or one that
   *     selects no ref
   */
  public static LoadedSplit load(ReferSource source, String split) {
    return load(source, List.of(split)).get(0);
  }

  /**
   * Loads several splits with one read of the refs file and one pass over {@code instances.json}:
   * the same samples, in the same order, as loading each split alone.
   *
   * @return one {@link LoadedSplit} per name, in the order given
   * @throws DataFormatException for missing, malformed or inconsistent files
   * @throws IllegalArgumentException for a split name the reference tool refuses, or one that
   *     selects no ref
   */
  public static List<LoadedSplit> load(ReferSource source, List<String> splits) {
    if (!Files.isRegularFile(source.instancesFile())) {
      throw new DataFormatException(
          source.instancesFile(), "no such file; " + source.expectedLayout());
    }
    return load(ReferRefs.read(source), splits);
  }

  /**
   * Loads several splits of already-read refs with one pass over {@code instances.json}; a ref
   * selected by two splits (a {@code testAB} ref in testA and testB) has one mask.
   *
   * @return one {@link LoadedSplit} per name, in the order given
   */
  public static List<LoadedSplit> load(ReferRefs refs, List<String> splits) {
    ReferSource source = refs.source();
    List<List<RefRecord>> selected = new ArrayList<>(splits.size());
    Set<Long> imageIds = new HashSet<>();
    Set<Long> annIds = new HashSet<>();
    for (String split : splits) {
      List<RefRecord> chosen = refs.select(split);
      selected.add(chosen);
      for (RefRecord r : chosen) {
        imageIds.add(r.imageId());
        for (long a : r.annIds()) {
          annIds.add(a);
        }
      }
    }
    Instances instances =
        InstancesReader.read(source.instancesFile(), imageIds, annIds, source.expectedLayout());
    RefTargets targets = new RefTargets(instances, refs.file().path(), source.generalized());

    Map<Integer, Target.Masks> targetByRef = rasteriseAll(selected, targets);
    Map<Long, ImageRef> imageById = new HashMap<>();
    List<LoadedSplit> out = new ArrayList<>(splits.size());
    for (int k = 0; k < splits.size(); k++) {
      List<Sample> samples = new ArrayList<>();
      for (RefRecord ref : selected.get(k)) {
        Target.Masks target = targetByRef.get(ref.index());
        ImageRef image =
            imageById.computeIfAbsent(
                ref.imageId(),
                id -> {
                  Instances.Image info = targets.image(ref);
                  return new ImageRef(
                      info.fileName(),
                      source.imagesDir().resolve(info.fileName()),
                      info.height(),
                      info.width());
                });
        for (RefRecord.Sentence s : ref.sentences()) {
          samples.add(
              new Sample(Long.toString(s.sentId()), Task.RES, image, s.text(), List.of(), target));
        }
      }
      out.add(
          new LoadedSplit(
              source.benchmarkName() + ":" + splits.get(k),
              samples,
              List.of(refs.file(), instances.file())));
    }
    return out;
  }

  /**
   * The target of every selected ref, keyed by {@link RefRecord#index()}. Rasterising is most of a
   * load's time and each ref's mask depends on nothing else, so the refs are done in parallel; a
   * failure is thrown for the first failing ref in split then file order, the one a sequential load
   * would have stopped at, so the error is the same.
   */
  private static Map<Integer, Target.Masks> rasteriseAll(
      List<List<RefRecord>> selected, RefTargets targets) {
    Map<Integer, RefRecord> distinct = new LinkedHashMap<>();
    for (List<RefRecord> split : selected) {
      for (RefRecord ref : split) {
        distinct.putIfAbsent(ref.index(), ref);
      }
    }
    List<RefRecord> refs = new ArrayList<>(distinct.values());
    Object[] made = new Object[refs.size()]; // a Target.Masks, or the RuntimeException it threw
    IntStream.range(0, refs.size())
        .parallel()
        .forEach(
            i -> {
              try {
                made[i] = targets.target(refs.get(i));
              } catch (RuntimeException e) {
                made[i] = e;
              }
            });
    Map<Integer, Target.Masks> byRef = new HashMap<>(refs.size() * 2);
    for (int i = 0; i < made.length; i++) {
      if (made[i] instanceof RuntimeException e) {
        throw e;
      }
      byRef.put(refs.get(i).index(), (Target.Masks) made[i]);
    }
    return byRef;
  }
}

package dev.perbench.data.refer;

import dev.perbench.data.DataFile;
import dev.perbench.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The validated refs of one refer-layout dataset, without the annotations: enough to list the
 * splits and count samples (as {@code data verify} does) in a fraction of a full load's time.
 * Immutable; pass it to {@link ReferLoader#load(ReferRefs, List)} to load splits without reading
 * the refs file again.
 */
public final class ReferRefs {
  private final ReferSource source;
  private final DataFile file;
  private final List<RefRecord> refs;
  private final List<String> splits;

  private ReferRefs(ReferSource source, DataFile file, List<RefRecord> refs) {
    this.source = source;
    this.file = file;
    this.refs = List.copyOf(refs);
    Set<String> present = new LinkedHashSet<>();
    for (RefRecord r : refs) {
      present.add(r.split());
    }
    this.splits = List.copyOf(present);
  }

  /**
   * Reads and validates the source's refs file (for gRefCOCO the pickle, else the JSON).
   *
   * @throws DataFormatException if no refs file is there (the message gives the expected layout),
   *     it cannot be decoded, or a ref has the wrong shape (the message names the ref)
   */
  public static ReferRefs read(ReferSource source) {
    Path path = source.findRefsFile();
    if (path == null) {
      throw new DataFormatException(
          source.refsCandidates().get(0), "no refs file; " + source.expectedLayout());
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new DataFormatException(path, "cannot read: " + e.getMessage(), e);
    }
    DataFile file = new DataFile(path, sha256(bytes), bytes.length);
    return new ReferRefs(source, file, RefsFile.parse(path, bytes, source.generalized()));
  }

  public ReferSource source() {
    return source;
  }

  /** The refs file read, with its SHA-256. */
  public DataFile file() {
    return file;
  }

  /** The distinct {@code split} values of the refs, in order of first appearance. */
  public List<String> splits() {
    return splits;
  }

  /** Number of refs in the file. */
  public int size() {
    return refs.size();
  }

  /** Number of samples (sentences) that {@code split} selects. */
  public int countSentences(String split) {
    int n = 0;
    for (RefRecord r : select(split)) {
      n += r.sentences().size();
    }
    return n;
  }

  /** Number of refs that {@code split} selects. */
  public int countRefs(String split) {
    return select(split).size();
  }

  /**
   * The refs {@code split} selects by {@link SplitRule}, in file order.
   *
   * @throws IllegalArgumentException for a split name the reference tool refuses, or one that
   *     selects no ref (the message lists the splits present)
   */
  List<RefRecord> select(String split) {
    Predicate<String> rule;
    try {
      rule = SplitRule.of(split, source.generalized(), splits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source.benchmarkName() + " (" + file.path() + "): " + e.getMessage(), e);
    }
    List<RefRecord> selected = new ArrayList<>();
    for (RefRecord r : refs) {
      if (rule.test(r.split())) {
        selected.add(r);
      }
    }
    if (selected.isEmpty()) {
      // The reference tool would return an empty list; an empty benchmark is never wanted.
      throw new IllegalArgumentException(
          source.benchmarkName()
              + " ("
              + file.path()
              + "): split '"
              + split
              + "' selects no refs; splits present: "
              + String.join(", ", splits));
    }
    return selected;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.perbench.metrics.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Princeton WordNet 3.0 (the version NLTK's {@code wordnet} corpus holds), read the way NLTK's
 * {@code WordNetCorpusReader} reads it: every {@code index.*} file into a map from lemma to part of
 * speech to synset offsets, every {@code *.exc} file into morphy's exception lists, and a synset's
 * lemma names parsed from its {@code data.*} line at its byte offset.
 *
 * <p>The files come from the {@code net.sf.extjwnl:extjwnl-data-wn30} jar (the Princeton "dict"
 * folder, unchanged) on the class path. They are read once per JVM, on first use ({@link #get()}),
 * in about a second; the object is immutable afterwards and safe to share between threads.
 */
final class WordNet {
  /** Where extjwnl-data-wn30 keeps the Princeton files. */
  static final String RESOURCE_ROOT = "/net/sf/extjwnl/data/wordnet/wn30/";

  private final Map<String, int[][]> index;
  private final Map<WordNetPos, Map<String, List<String>>> exceptions;
  private final Map<WordNetPos, byte[]> data;

  private WordNet(
      Map<String, int[][]> index,
      Map<WordNetPos, Map<String, List<String>>> exceptions,
      Map<WordNetPos, byte[]> data) {
    this.index = index;
    this.exceptions = exceptions;
    this.data = data;
  }

  /** The dictionary, loaded on the first call (the holder idiom makes that thread-safe). */
  static WordNet get() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final WordNet INSTANCE = load();
  }

  /** Whether {@code lemma} (lower case, '_' between words) has synsets of this part of speech. */
  boolean contains(String lemma, WordNetPos pos) {
    int[][] byPos = index.get(lemma);
    return byPos != null && byPos[pos.ordinal()] != null;
  }

  /** The synset offsets of {@code lemma} for this part of speech, in index order; or none. */
  int[] offsets(String lemma, WordNetPos pos) {
    int[][] byPos = index.get(lemma);
    int[] offsets = byPos == null ? null : byPos[pos.ordinal()];
    return offsets == null ? new int[0] : offsets.clone();
  }

  /** Morphy's exception list entry for an inflected form, or null (e.g. "geese" to [goose]). */
  List<String> exceptions(String form, WordNetPos pos) {
    return exceptions.get(pos).get(form);
  }

  /**
   * The lemma names of the synset at {@code offset} in {@code data.<pos>}, in file order, with an
   * adjective's syntactic marker such as "(a)" removed (as NLTK's regular expression {@code
   * (.*?)(\(.*\))?$} does) and case kept ("Bush", "George_W._Bush").
   */
  List<String> lemmaNames(WordNetPos pos, int offset) {
    byte[] bytes = data.get(pos);
    LineTokens tokens = new LineTokens(bytes, offset);
    String first = tokens.next();
    if (first.length() != 8 || Integer.parseInt(first) != offset) {
      throw new IllegalStateException(
          "data." + pos.fileSuffix() + " has no synset at byte offset " + offset);
    }
    tokens.next(); // lexicographer file number
    tokens.next(); // synset type (n, v, a, s, r)
    int count = Integer.parseInt(tokens.next(), 16);
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(withoutMarker(tokens.next()));
      tokens.next(); // lex_id
    }
    return names;
  }

  /** Drops a trailing "(...)" that starts at the first '(' (at least two characters long). */
  static String withoutMarker(String name) {
    int open = name.indexOf('(');
    if (open >= 0 && open <= name.length() - 2 && name.endsWith(")")) {
      return name.substring(0, open);
    }
    return name;
  }

  // ---------------------------------------------------------------------------------------
  // Loading
  // ---------------------------------------------------------------------------------------

  private static WordNet load() {
    Map<String, int[][]> index = new HashMap<>(1 << 18);
    Map<WordNetPos, Map<String, List<String>>> exceptions = new EnumMap<>(WordNetPos.class);
    Map<WordNetPos, byte[]> data = new EnumMap<>(WordNetPos.class);
    for (WordNetPos pos : WordNetPos.values()) {
      readIndex(read("index." + pos.fileSuffix()), index);
      exceptions.put(pos, readExceptions(read(pos.fileSuffix() + ".exc")));
      data.put(pos, read("data." + pos.fileSuffix()));
    }
    return new WordNet(index, exceptions, data);
  }

  /**
   * One index line: lemma, pos, synset_cnt, p_cnt, p_cnt pointer symbols, sense_cnt, tagsense_cnt,
   * synset_cnt offsets. Lines starting with a space are the licence.
   */
  private static void readIndex(byte[] file, Map<String, int[][]> index) {
    for (String line : lines(file)) {
      if (line.startsWith(" ")) {
        continue;
      }
      String[] f = fields(line);
      String lemma = f[0];
      WordNetPos pos = WordNetPos.ofSymbol(f[1].charAt(0));
      int synsets = Integer.parseInt(f[2]);
      int pointers = Integer.parseInt(f[3]);
      int first = 4 + pointers + 2;
      int[] offsets = new int[synsets];
      for (int i = 0; i < synsets; i++) {
        offsets[i] = Integer.parseInt(f[first + i]);
      }
      index.computeIfAbsent(lemma, k -> new int[WordNetPos.values().length][])[pos.ordinal()] =
          offsets;
    }
  }

  /** One exception line: an inflected form followed by its base forms. */
  private static Map<String, List<String>> readExceptions(byte[] file) {
    Map<String, List<String>> map = new HashMap<>();
    for (String line : lines(file)) {
      String[] f = fields(line);
      if (f.length > 0) {
        map.put(f[0], List.of(f).subList(1, f.length));
      }
    }
    return Collections.unmodifiableMap(map);
  }

  private static byte[] read(String name) {
    try (InputStream in = WordNet.class.getResourceAsStream(RESOURCE_ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "WordNet 3.0 file "
                + name
                + " is not on the class path;"
                + " METEOR needs net.sf.extjwnl:extjwnl-data-wn30");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read WordNet file " + name, e);
    }
  }

  private static String[] lines(byte[] file) {
    // The Princeton files are ASCII with '\n' line ends.
    return new String(file, StandardCharsets.US_ASCII).split("\n");
  }

  private static String[] fields(String line) {
    String trimmed = line.strip();
    return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
  }

  /** Whitespace-separated tokens of one data line, read in place from the file's bytes. */
  private static final class LineTokens {
    private final byte[] bytes;
    private int at;

    LineTokens(byte[] bytes, int offset) {
      if (offset < 0 || offset >= bytes.length) {
        throw new IllegalArgumentException("offset " + offset + " is outside the data file");
      }
      this.bytes = bytes;
      this.at = offset;
    }

    String next() {
      while (at < bytes.length && bytes[at] == ' ') {
        at++;
      }
      int start = at;
      while (at < bytes.length && bytes[at] != ' ' && bytes[at] != '\n') {
        at++;
      }
      if (start == at) {
        throw new IllegalStateException("truncated WordNet data line");
      }
      return new String(bytes, start, at - start, StandardCharsets.US_ASCII);
    }
  }
}

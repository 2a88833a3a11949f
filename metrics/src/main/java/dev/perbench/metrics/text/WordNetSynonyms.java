package dev.perbench.metrics.text;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The synonyms METEOR's third stage allows for a word: the lemma names, without those of several
 * words (joined by '_'), of every synset that NLTK's {@code wordnet.synsets(word)} returns. That
 * call lower-cases the word, runs morphy for nouns, verbs, adjectives and adverbs in turn and takes
 * every synset of every lemma found. Names keep WordNet's case ("Labrador").
 *
 * <p>One instance per {@link NltkVersion}; answers are cached (the cache is emptied when it grows
 * past {@value #CACHE_LIMIT} words, so odd input cannot grow it without bound).
 */
public final class WordNetSynonyms {
  static final int CACHE_LIMIT = 200_000;
  private static final Map<NltkVersion, WordNetSynonyms> INSTANCES =
      new EnumMap<>(NltkVersion.class);

  static {
    for (NltkVersion version : NltkVersion.values()) {
      INSTANCES.put(version, new WordNetSynonyms(version));
    }
  }

  private final NltkVersion version;
  private final ConcurrentHashMap<String, Set<String>> cache = new ConcurrentHashMap<>();

  private WordNetSynonyms(NltkVersion version) {
    this.version = version;
  }

  /** The synonym source of an NLTK release. WordNet itself loads on the first lookup. */
  public static WordNetSynonyms of(NltkVersion version) {
    return INSTANCES.get(Objects.requireNonNull(version, "version"));
  }

  public NltkVersion version() {
    return version;
  }

  /**
   * The single-word lemma names of {@code wordnet.synsets(word)}, as an unmodifiable set; empty
   * when WordNet does not know the word. The word itself is included only when WordNet lists it.
   */
  public Set<String> of(String word) {
    Objects.requireNonNull(word, "word");
    Set<String> cached = cache.get(word);
    if (cached != null) {
      return cached;
    }
    Set<String> names = lookUp(word);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(word, names);
    return names;
  }

  private Set<String> lookUp(String word) {
    WordNet wordNet = WordNet.get();
    String lemma = PythonText.lower(word);
    Set<String> names = new HashSet<>();
    for (WordNetPos pos : WordNetPos.values()) {
      for (String form : Morphy.lemmas(wordNet, lemma, pos, version)) {
        for (int offset : wordNet.offsets(form, pos)) {
          for (String name : wordNet.lemmaNames(pos, offset)) {
            if (name.indexOf('_') < 0) {
              names.add(name);
            }
          }
        }
      }
    }
    return Collections.unmodifiableSet(names);
  }
}

package dev.perbench.metrics.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * NLTK's {@code _enum_align_words}: three matching stages, each on the words the earlier stages
 * left unmatched.
 *
 * <ol>
 *   <li>exact: equal lower-cased words;
 *   <li>stem: equal Porter stems; from here on both sides hold the stems, matched or not;
 *   <li>synonym: a reference stem that is the hypothesis stem itself or one of the WordNet lemma
 *       names of {@code wordnet.synsets(hypothesis stem)}.
 * </ol>
 *
 * <p>Within a stage the hypothesis is walked from its last word to its first, and each word takes
 * the last still-unmatched reference word that qualifies. That greedy order is NLTK's (its nested
 * reverse loops); it is not the alignment with fewest crossings that METEOR's paper describes, and
 * the scores depend on it.
 */
final class Aligner {
  private Aligner() {}

  static MeteorAlignment align(
      List<String> hypothesis, List<String> reference, WordNetSynonyms synonyms) {
    Side hyp = Side.lowerCased(hypothesis);
    Side ref = Side.lowerCased(reference);
    List<MeteorAlignment.Match> matches = new ArrayList<>();

    match(hyp, ref, MeteorAlignment.Stage.EXACT, null, matches);
    hyp.stem();
    ref.stem();
    match(hyp, ref, MeteorAlignment.Stage.STEM, null, matches);
    match(hyp, ref, MeteorAlignment.Stage.SYNONYM, synonyms, matches);

    matches.sort(Comparator.comparingInt(MeteorAlignment.Match::hypothesis));
    return new MeteorAlignment(matches, hypothesis.size(), reference.size());
  }

  /** One stage; with {@code synonyms} null a reference word must equal the hypothesis word. */
  private static void match(
      Side hyp,
      Side ref,
      MeteorAlignment.Stage stage,
      WordNetSynonyms synonyms,
      List<MeteorAlignment.Match> out) {
    for (int i = hyp.size() - 1; i >= 0; i--) {
      if (hyp.matched[i]) {
        continue;
      }
      String word = hyp.words[i];
      Set<String> allowed = synonyms == null ? Set.of() : synonyms.of(word);
      for (int j = ref.size() - 1; j >= 0; j--) {
        if (!ref.matched[j] && (word.equals(ref.words[j]) || allowed.contains(ref.words[j]))) {
          hyp.matched[i] = true;
          ref.matched[j] = true;
          out.add(new MeteorAlignment.Match(i, j, stage));
          break;
        }
      }
    }
  }

  /** One sentence's words (lower-cased, later stemmed) and which are matched so far. */
  private static final class Side {
    final String[] words;
    final boolean[] matched;

    private Side(String[] words) {
      this.words = words;
      this.matched = new boolean[words.length];
    }

    static Side lowerCased(List<String> tokens) {
      String[] words = new String[tokens.size()];
      for (int i = 0; i < words.length; i++) {
        words[i] = PythonText.lower(tokens.get(i));
      }
      return new Side(words);
    }

    int size() {
      return words.length;
    }

    /** NLTK stems only the words the exact stage left; stemming matched ones changes nothing. */
    void stem() {
      for (int i = 0; i < words.length; i++) {
        if (!matched[i]) {
          words[i] = PorterStemmer.stem(words[i]);
        }
      }
    }
  }
}

package dev.perbench.metrics.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * NLTK's {@code WordNetCorpusReader._morphy(form, pos)}: the lemmas of one part of speech that an
 * inflected form may come from. An irregular form in the exception list gives its listed bases;
 * otherwise every suffix substitution of the part of speech is applied once. The form itself and
 * the candidates are kept, in that order and without repeats, when WordNet has them with this part
 * of speech. NLTK 3.8 then went on applying the rules to the candidates while none was found
 * ({@link NltkVersion#NLTK_3_8}).
 */
final class Morphy {
  private Morphy() {}

  static List<String> lemmas(WordNet wordNet, String form, WordNetPos pos, NltkVersion version) {
    List<String> bases = wordNet.exceptions(form, pos);
    if (bases != null) {
      return known(wordNet, pos, concat(form, bases));
    }
    List<String> candidates = substitute(List.of(form), pos);
    List<String> found = known(wordNet, pos, concat(form, candidates));
    if (!found.isEmpty() || !version.recursiveMorphy()) {
      return found;
    }
    while (!candidates.isEmpty()) {
      // Repeats are dropped between rounds: they would only yield what their first copy
      // yields, and keeping them makes the rounds grow exponentially.
      candidates = List.copyOf(new LinkedHashSet<>(substitute(candidates, pos)));
      found = known(wordNet, pos, candidates);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  /** Every substitution whose suffix matches, form by form, in rule order. */
  private static List<String> substitute(List<String> forms, WordNetPos pos) {
    List<String> out = new ArrayList<>();
    for (String form : forms) {
      for (WordNetPos.Substitution rule : pos.substitutions()) {
        if (form.endsWith(rule.suffix())) {
          out.add(rule.apply(form));
        }
      }
    }
    return out;
  }

  /** The forms WordNet lists with this part of speech, first occurrences only. */
  private static List<String> known(WordNet wordNet, WordNetPos pos, List<String> forms) {
    Set<String> seen = new LinkedHashSet<>();
    for (String form : forms) {
      if (wordNet.contains(form, pos)) {
        seen.add(form);
      }
    }
    return List.copyOf(seen);
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>(rest.size() + 1);
    out.add(first);
    out.addAll(rest);
    return out;
  }
}

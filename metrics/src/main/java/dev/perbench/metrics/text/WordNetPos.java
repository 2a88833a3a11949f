package dev.perbench.metrics.text;

import java.util.List;

/**
 * The four WordNet parts of speech, in NLTK's {@code POS_LIST} order, each with the file suffix of
 * its Princeton files and morphy's suffix substitutions ({@code
 * WordNetCorpusReader.MORPHOLOGICAL_SUBSTITUTIONS}). Adjective satellites are read from the
 * adjective files and never asked for on their own, as in {@code wordnet.synsets(word)}.
 */
enum WordNetPos {
  NOUN(
      'n',
      "noun",
      List.of(
          new Substitution("s", ""),
          new Substitution("ses", "s"),
          new Substitution("ves", "f"),
          new Substitution("xes", "x"),
          new Substitution("zes", "z"),
          new Substitution("ches", "ch"),
          new Substitution("shes", "sh"),
          new Substitution("men", "man"),
          new Substitution("ies", "y"))),
  VERB(
      'v',
      "verb",
      List.of(
          new Substitution("s", ""),
          new Substitution("ies", "y"),
          new Substitution("es", "e"),
          new Substitution("es", ""),
          new Substitution("ed", "e"),
          new Substitution("ed", ""),
          new Substitution("ing", "e"),
          new Substitution("ing", ""))),
  ADJECTIVE(
      'a',
      "adj",
      List.of(
          new Substitution("er", ""),
          new Substitution("est", ""),
          new Substitution("er", "e"),
          new Substitution("est", "e"))),
  ADVERB('r', "adv", List.of());

  /** Morphy's rule: a form ending in {@code suffix} may be a lemma ending in {@code ending}. */
  record Substitution(String suffix, String ending) {
    String apply(String form) {
      return form.substring(0, form.length() - suffix.length()) + ending;
    }
  }

  private final char symbol;
  private final String fileSuffix;
  private final List<Substitution> substitutions;

  WordNetPos(char symbol, String fileSuffix, List<Substitution> substitutions) {
    this.symbol = symbol;
    this.fileSuffix = fileSuffix;
    this.substitutions = substitutions;
  }

  /** The one-letter code of the index files ('n', 'v', 'a', 'r'). */
  char symbol() {
    return symbol;
  }

  /** The suffix of this part of speech's files: index.noun, data.noun, noun.exc. */
  String fileSuffix() {
    return fileSuffix;
  }

  List<Substitution> substitutions() {
    return substitutions;
  }

  static WordNetPos ofSymbol(char symbol) {
    for (WordNetPos pos : values()) {
      if (pos.symbol == symbol) {
        return pos;
      }
    }
    throw new IllegalArgumentException("not a WordNet index part of speech: '" + symbol + "'");
  }
}

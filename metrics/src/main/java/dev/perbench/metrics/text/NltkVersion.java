package dev.perbench.metrics.text;

/**
 * The NLTK releases whose METEOR this package reproduces. They differ in one place only: how
 * WordNet's morphy finds the lemma of an inflected word, which decides the synonym stage.
 * Everything else METEOR uses (tokens, lower-casing, the Porter stemmer on lower-case words, the
 * matching order, the formula) is the same in 3.8.1, 3.9.x and 3.10.x.
 */
public enum NltkVersion {
  /**
   * NLTK 3.9 (August 2024) and later, the default: morphy strips one suffix ("Only strip the last
   * suffix in Wordnet Morphy", nltk/nltk#3225), so "catss" has no lemma.
   */
  NLTK_3_9("3.9"),

  /**
   * NLTK 3.8.1 and earlier: when one pass of suffix rules finds no lemma, morphy applies the rules
   * again to what they produced, until a lemma turns up or nothing is left ("catss" is "cat",
   * "makings" is also the verb "make").
   */
  NLTK_3_8("3.8");

  private final String id;

  NltkVersion(String id) {
    this.id = id;
  }

  /** "3.9" or "3.8". */
  public String id() {
    return id;
  }

  /** Whether morphy keeps applying its rules when one pass finds nothing (NLTK 3.8). */
  boolean recursiveMorphy() {
    return this == NLTK_3_8;
  }
}

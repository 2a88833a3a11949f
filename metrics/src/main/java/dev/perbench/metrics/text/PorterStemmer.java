package dev.perbench.metrics.text;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;

/**
 * NLTK's {@code PorterStemmer()} in its default {@code NLTK_EXTENSIONS} mode: Porter (1980) with
 * Martin Porter's later changes and NLTK's own (a table of irregular forms, 'ies'/'ied' on
 * four-letter words, 'y' to 'i' only after a consonant, 'alli', 'fulli' and 'logi' in step 2, words
 * of one or two characters left alone).
 *
 * <p>Like Python, it counts and indexes Unicode code points, not UTF-16 chars. Rules are tried in
 * NLTK's order and the first rule whose suffix matches decides, even when its condition then fails.
 * One NLTK quirk is kept on purpose: step 1b's "double consonant" rule is written as the suffix
 * {@code "*d"}, so a stem that literally ends in "*d" loses the asterisk ("a*ded" stems to "ad").
 *
 * <p>The irregular-form table is looked up with the lower-cased word (NLTK 3.10); NLTK 3.8 and 3.9
 * looked up the word as given, which differs only for upper-case input, and METEOR lower-cases
 * every token before stemming.
 */
public final class PorterStemmer {
  /** NLTK's table of irregular forms (form to stem). */
  private static final Map<String, String> IRREGULAR =
      Map.ofEntries(
          Map.entry("sky", "sky"),
          Map.entry("skies", "sky"),
          Map.entry("dying", "die"),
          Map.entry("lying", "lie"),
          Map.entry("tying", "tie"),
          Map.entry("news", "news"),
          Map.entry("innings", "inning"),
          Map.entry("inning", "inning"),
          Map.entry("outings", "outing"),
          Map.entry("outing", "outing"),
          Map.entry("cannings", "canning"),
          Map.entry("canning", "canning"),
          Map.entry("howe", "howe"),
          Map.entry("proceed", "proceed"),
          Map.entry("exceed", "exceed"),
          Map.entry("succeed", "succeed"));

  private PorterStemmer() {}

  /** The stem of {@code word}, lower-cased first (NLTK's {@code stem(word)}). */
  public static String stem(String word) {
    String lower = PythonText.lower(word);
    String irregular = IRREGULAR.get(lower);
    if (irregular != null) {
      return irregular;
    }
    // NLTK measures the word as given, before lower-casing.
    if (word.codePointCount(0, word.length()) <= 2) {
      return lower;
    }
    int[] w = lower.codePoints().toArray();
    w = step1a(w);
    w = step1b(w);
    w = step1c(w);
    w = step2(w);
    w = step3(w);
    w = step4(w);
    w = step5a(w);
    w = step5b(w);
    return new String(w, 0, w.length);
  }

  // ---------------------------------------------------------------------------------------
  // The steps
  // ---------------------------------------------------------------------------------------

  private static int[] step1a(int[] w) {
    if (w.length == 4 && endsWith(w, "ies")) {
      return replace(w, "ies", "ie"); // NLTK: 'dies' -> 'die', not 'di'
    }
    return applyRules(
        w, new Rule("sses", "ss"), new Rule("ies", "i"), new Rule("ss", "ss"), new Rule("s", ""));
  }

  private static int[] step1b(int[] w) {
    if (endsWith(w, "ied")) {
      return replace(w, "ied", w.length == 4 ? "ie" : "i"); // NLTK: 'died' -> 'die'
    }
    if (endsWith(w, "eed")) {
      int[] stem = cut(w, 3);
      return measure(stem) > 0 ? append(stem, "ee") : w;
    }
    int[] stem = null;
    for (String suffix : new String[] {"ed", "ing"}) {
      if (endsWith(w, suffix) && containsVowel(cut(w, suffix.length()))) {
        stem = cut(w, suffix.length());
        break;
      }
    }
    if (stem == null) {
      return w;
    }
    for (String[] rule : new String[][] {{"at", "ate"}, {"bl", "ble"}, {"iz", "ize"}}) {
      if (endsWith(stem, rule[0])) {
        return replace(stem, rule[0], rule[1]);
      }
    }
    // NLTK's rule ("*d", last letter, last letter not l/s/z): first the double-consonant test,
    // then (the quirk) the literal suffix "*d". Either way the two last code points give way to
    // the last letter when the condition holds, and the rule list stops here.
    int last = stem[stem.length - 1];
    if (endsDoubleConsonant(stem) || endsWith(stem, "*d")) {
      return last != 'l' && last != 's' && last != 'z' ? append(cut(stem, 2), last) : stem;
    }
    return measure(stem) == 1 && endsCvc(stem) ? append(stem, "e") : stem;
  }

  private static int[] step1c(int[] w) {
    // NLTK: y -> i only after a consonant that is not the whole stem ('happy' -> 'happi',
    // 'enjoy' and 'by' unchanged).
    return applyRules(w, new Rule("y", "i", s -> s.length > 1 && consonants(s)[s.length - 1]));
  }

  private static int[] step2(int[] w) {
    // NLTK applies 'alli' -> 'al' first and, when it fires, runs step 2 again on the result.
    if (endsWith(w, "alli") && measure(cut(w, 4)) > 0) {
      return step2(replace(w, "alli", "al"));
    }
    Predicate<int[]> m0 = s -> measure(s) > 0;
    return applyRules(
        w,
        new Rule("ational", "ate", m0),
        new Rule("tional", "tion", m0),
        new Rule("enci", "ence", m0),
        new Rule("anci", "ance", m0),
        new Rule("izer", "ize", m0),
        new Rule("bli", "ble", m0),
        new Rule("alli", "al", m0),
        new Rule("entli", "ent", m0),
        new Rule("eli", "e", m0),
        new Rule("ousli", "ous", m0),
        new Rule("ization", "ize", m0),
        new Rule("ation", "ate", m0),
        new Rule("ator", "ate", m0),
        new Rule("alism", "al", m0),
        new Rule("iveness", "ive", m0),
        new Rule("fulness", "ful", m0),
        new Rule("ousness", "ous", m0),
        new Rule("aliti", "al", m0),
        new Rule("iviti", "ive", m0),
        new Rule("biliti", "ble", m0),
        new Rule("fulli", "ful", m0),
        // The 'l' of 'logi' counts with the stem, so 'geologi' and 'theologi' qualify.
        new Rule("logi", "log", s -> measure(cut(w, 3)) > 0));
  }

  private static int[] step3(int[] w) {
    Predicate<int[]> m0 = s -> measure(s) > 0;
    return applyRules(
        w,
        new Rule("icate", "ic", m0),
        new Rule("ative", "", m0),
        new Rule("alize", "al", m0),
        new Rule("iciti", "ic", m0),
        new Rule("ical", "ic", m0),
        new Rule("ful", "", m0),
        new Rule("ness", "", m0));
  }

  private static int[] step4(int[] w) {
    Predicate<int[]> m1 = s -> measure(s) > 1;
    return applyRules(
        w,
        new Rule("al", "", m1),
        new Rule("ance", "", m1),
        new Rule("ence", "", m1),
        new Rule("er", "", m1),
        new Rule("ic", "", m1),
        new Rule("able", "", m1),
        new Rule("ible", "", m1),
        new Rule("ant", "", m1),
        new Rule("ement", "", m1),
        new Rule("ment", "", m1),
        new Rule("ent", "", m1),
        new Rule(
            "ion", "", s -> measure(s) > 1 && (s[s.length - 1] == 's' || s[s.length - 1] == 't')),
        new Rule("ou", "", m1),
        new Rule("ism", "", m1),
        new Rule("ate", "", m1),
        new Rule("iti", "", m1),
        new Rule("ous", "", m1),
        new Rule("ive", "", m1),
        new Rule("ize", "", m1));
  }

  private static int[] step5a(int[] w) {
    // Both conditions of 'e' removal are tried (unlike a rule list, which stops at the first).
    if (endsWith(w, "e")) {
      int[] stem = cut(w, 1);
      int m = measure(stem);
      if (m > 1 || (m == 1 && !endsCvc(stem))) {
        return stem;
      }
    }
    return w;
  }

  private static int[] step5b(int[] w) {
    return applyRules(w, new Rule("ll", "l", s -> measure(cut(w, 1)) > 1));
  }

  // ---------------------------------------------------------------------------------------
  // Porter's conditions, on code points
  // ---------------------------------------------------------------------------------------

  /**
   * Consonant flags: a letter other than a, e, i, o, u is a consonant, except a 'y' that follows a
   * consonant (a 'y' at the start is a consonant).
   */
  private static boolean[] consonants(int[] w) {
    boolean[] c = new boolean[w.length];
    for (int i = 0; i < w.length; i++) {
      int ch = w[i];
      if (ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u') {
        c[i] = false;
      } else if (ch == 'y') {
        c[i] = i == 0 || !c[i - 1];
      } else {
        c[i] = true;
      }
    }
    return c;
  }

  /** Porter's m: the number of vowel-consonant transitions. */
  private static int measure(int[] w) {
    boolean[] c = consonants(w);
    int m = 0;
    for (int i = 0; i + 1 < c.length; i++) {
      if (!c[i] && c[i + 1]) {
        m++;
      }
    }
    return m;
  }

  private static boolean containsVowel(int[] w) {
    for (boolean consonant : consonants(w)) {
      if (!consonant) {
        return true;
      }
    }
    return false;
  }

  /** Condition *d: the word ends with two equal consonants. */
  private static boolean endsDoubleConsonant(int[] w) {
    int n = w.length;
    return n >= 2 && w[n - 1] == w[n - 2] && consonants(w)[n - 1];
  }

  /**
   * Condition *o: consonant-vowel-consonant at the end, the last not w, x or y; NLTK adds a
   * two-letter vowel-consonant word.
   */
  private static boolean endsCvc(int[] w) {
    int n = w.length;
    boolean[] c = consonants(w);
    if (n >= 3
        && c[n - 3]
        && !c[n - 2]
        && c[n - 1]
        && w[n - 1] != 'w'
        && w[n - 1] != 'x'
        && w[n - 1] != 'y') {
      return true;
    }
    return n == 2 && !c[0] && c[1];
  }

  // ---------------------------------------------------------------------------------------
  // Suffix rules
  // ---------------------------------------------------------------------------------------

  /** A suffix rule: replace {@code suffix} when the remaining stem meets the condition. */
  private record Rule(String suffix, String replacement, Predicate<int[]> condition) {
    Rule(String suffix, String replacement) {
      this(suffix, replacement, s -> true);
    }
  }

  /** NLTK's {@code _apply_rule_list}: the first rule whose suffix matches decides. */
  private static int[] applyRules(int[] w, Rule... rules) {
    for (Rule rule : rules) {
      if (endsWith(w, rule.suffix())) {
        int[] stem = cut(w, rule.suffix().length());
        return rule.condition().test(stem) ? append(stem, rule.replacement()) : w;
      }
    }
    return w;
  }

  private static boolean endsWith(int[] w, String asciiSuffix) {
    int n = asciiSuffix.length();
    if (w.length < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (w[w.length - n + i] != asciiSuffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int[] cut(int[] w, int n) {
    return Arrays.copyOf(w, w.length - n);
  }

  private static int[] replace(int[] w, String asciiSuffix, String replacement) {
    return append(cut(w, asciiSuffix.length()), replacement);
  }

  private static int[] append(int[] w, String ascii) {
    int[] out = Arrays.copyOf(w, w.length + ascii.length());
    for (int i = 0; i < ascii.length(); i++) {
      out[w.length + i] = ascii.charAt(i);
    }
    return out;
  }

  private static int[] append(int[] w, int codePoint) {
    int[] out = Arrays.copyOf(w, w.length + 1);
    out[w.length] = codePoint;
    return out;
  }
}

package dev.perbench.data.refer;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which refs a split name selects, exactly as the reference tools decide.
 *
 * <p>RefCOCO, RefCOCO+, RefCOCOg ({@code refer.py}'s {@code getRefIds}): {@code testA}, {@code
 * testB}, {@code testC} select every ref whose split contains that letter, so a {@code testAB} ref
 * is in both {@code testA} and {@code testB}; {@code testAB}, {@code testBC}, {@code testAC} select
 * exactly; {@code test} selects every split containing "test"; {@code train} and {@code val} select
 * exactly. Any other name is refused (the tool exits; an empty name would select all refs there,
 * and is refused here).
 *
 * <p>gRefCOCO ({@code grefer.py}): exact match, and the name must be one of the splits present in
 * the file.
 */
public final class SplitRule {
  /** The names the refer tool accepts. */
  public static final List<String> REFER_SPLITS =
      List.of("train", "val", "test", "testA", "testB", "testC", "testAB", "testBC", "testAC");

  private SplitRule() {}

  /**
   * The predicate on a ref's {@code split} value for the query {@code split}.
   *
   * @param present the splits found in the refs file, for the gRefCOCO check and messages
   * @throws IllegalArgumentException for a name the tool would refuse; the message lists the splits
   *     present
   */
  public static Predicate<String> of(
      String split, boolean generalized, Collection<String> present) {
    if (generalized) {
      if (!present.contains(split)) {
        throw new IllegalArgumentException(
            "no split '" + split + "'; splits present: " + String.join(", ", present));
      }
      return split::equals;
    }
    switch (split) {
      case "testA", "testB", "testC" -> {
        // The tool's rule is split[-1] in ref["split"]: a substring test on the ref's split.
        String letter = split.substring(split.length() - 1);
        return refSplit -> refSplit.contains(letter);
      }
      case "test" -> {
        return refSplit -> refSplit.contains("test");
      }
      case "train", "val", "testAB", "testBC", "testAC" -> {
        return split::equals;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown split '"
                  + split
                  + "'; the refer tool accepts "
                  + String.join(", ", REFER_SPLITS)
                  + "; splits present: "
                  + String.join(", ", present));
    }
  }
}

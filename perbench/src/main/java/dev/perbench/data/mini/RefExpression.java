package dev.perbench.data.mini;

import dev.perbench.data.mini.Spatial.Location;
import dev.perbench.data.mini.Spatial.Relation;
import dev.perbench.data.mini.Spatial.Truth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A RefCOCO-style referring expression of the mini benchmark, in one fixed grammar:
 *
 * <pre>
 * "the" [largest | smallest] description                        the red circle, the largest star
 * "the" description ("on the left" | "on the right" |           the red circle on the left
 *                    "at the top" | "at the bottom")
 * "the" description ("left of" | "right of" | "above" | "below") "the" description
 *                                                               the small red triangle left of
 *                                                               the blue circle
 * </pre>
 *
 * <p>The text is a function of the structure and {@link #parse} reads it back, so what an
 * expression means can be recomputed from the written data. {@link #resolve} is that meaning.
 *
 * @param superlative null, or the size extreme among the shapes the head describes (the head then
 *     has no size)
 * @param head what the target is
 * @param location null, or the target's side among the shapes the head describes
 * @param relation null, or where the target is relative to the landmark
 * @param landmark the landmark's description when {@code relation} is set, else null
 */
record RefExpression(
    Superlative superlative,
    Description head,
    Location location,
    Relation relation,
    Description landmark) {

  /** "largest" and "smallest", by size class. */
  enum Superlative {
    LARGEST,
    SMALLEST;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The kind of modifier an expression uses, for balancing the mix of expressions. */
  enum Form {
    PLAIN,
    SUPERLATIVE,
    LOCATION,
    RELATION
  }

  public RefExpression {
    int modifiers =
        (superlative != null ? 1 : 0) + (location != null ? 1 : 0) + (relation != null ? 1 : 0);
    if (modifiers > 1
        || (relation == null) != (landmark == null)
        || (superlative != null && head.size() != null)) {
      throw new IllegalArgumentException(
          "not an expression of the grammar: "
              + superlative
              + ", "
              + head
              + ", "
              + location
              + ", "
              + relation
              + ", "
              + landmark);
    }
  }

  static RefExpression plain(Description head) {
    return new RefExpression(null, head, null, null, null);
  }

  Form form() {
    return superlative != null
        ? Form.SUPERLATIVE
        : location != null ? Form.LOCATION : relation != null ? Form.RELATION : Form.PLAIN;
  }

  /** The sentence: lower case, words separated by single spaces, no punctuation. */
  public String text() {
    StringBuilder b = new StringBuilder("the ");
    if (superlative != null) {
      b.append(superlative.word()).append(' ');
    }
    b.append(head.text());
    if (location != null) {
      b.append(' ').append(location.phrase);
    }
    if (relation != null) {
      b.append(' ').append(relation.phrase).append(" the ").append(landmark.text());
    }
    return b.toString();
  }

  /**
   * Reads a sentence of the grammar.
   *
   * @throws IllegalArgumentException naming the first word that does not fit
   */
  public static RefExpression parse(String sentence) {
    String[] w = sentence.split(" ");
    if (!w[0].equals("the")) {
      throw new IllegalArgumentException("expected 'the' at the start of '" + sentence + "'");
    }
    int i = 1;
    Superlative superlative = null;
    if (i < w.length && (w[i].equals("largest") || w[i].equals("smallest"))) {
      superlative = Superlative.valueOf(w[i].toUpperCase(Locale.ROOT));
      i++;
    }
    int[] next = new int[1];
    Description head = Description.parse(w, i, superlative == null, next);
    i = next[0];
    String rest = String.join(" ", Arrays.asList(w).subList(i, w.length));
    if (rest.isEmpty()) {
      return new RefExpression(superlative, head, null, null, null);
    }
    for (Location l : Location.values()) {
      if (rest.equals(l.phrase)) {
        return new RefExpression(superlative, head, l, null, null);
      }
    }
    for (Relation r : Relation.values()) {
      if (rest.startsWith(r.phrase + " the ")) {
        int at = i + r.phrase.split(" ").length + 1;
        Description landmark = Description.parse(w, at, true, next);
        if (next[0] != w.length) {
          throw new IllegalArgumentException(
              "unexpected '" + w[next[0]] + "' in '" + sentence + "'");
        }
        return new RefExpression(superlative, head, null, r, landmark);
      }
    }
    throw new IllegalArgumentException("unexpected '" + rest + "' in '" + sentence + "'");
  }

  /**
   * What the expression means in a scene.
   *
   * @param clear shapes it is TRUE of
   * @param unclear shapes it could be taken to mean (a landmark that is not unique, a margin not
   *     met)
   */
  record Resolution(List<Shape> clear, List<Shape> unclear) {
    public Resolution {
      clear = List.copyOf(clear);
      unclear = List.copyOf(unclear);
    }
  }

  /** The meaning of the expression in {@code scene}. */
  public Resolution resolve(Scene scene) {
    List<Shape> group = head.matches(scene);
    List<Shape> landmarks = landmark == null ? List.of() : landmark.matches(scene);
    List<Shape> clear = new ArrayList<>();
    List<Shape> unclear = new ArrayList<>();
    for (Shape s : group) {
      Truth t = truth(s, group, landmarks);
      if (t == Truth.TRUE) {
        clear.add(s);
      } else if (t == Truth.UNCLEAR) {
        unclear.add(s);
      }
    }
    return new Resolution(clear, unclear);
  }

  /** True when the expression is TRUE of {@code target} and FALSE of every other shape. */
  public boolean identifies(Scene scene, Shape target) {
    Resolution r = resolve(scene);
    return r.clear().equals(List.of(target)) && r.unclear().isEmpty();
  }

  private Truth truth(Shape s, List<Shape> group, List<Shape> landmarks) {
    if (superlative != null) {
      if (group.size() < 2) {
        return Truth.UNCLEAR; // "the largest" of one shape is not something people say
      }
      int mine = s.size().ordinal();
      int extreme = mine;
      int atExtreme = 0;
      for (Shape o : group) {
        int theirs = o.size().ordinal();
        extreme =
            superlative == Superlative.LARGEST
                ? Math.max(extreme, theirs)
                : Math.min(extreme, theirs);
      }
      for (Shape o : group) {
        if (o.size().ordinal() == extreme) {
          atExtreme++;
        }
      }
      if (mine != extreme) {
        return Truth.FALSE;
      }
      return atExtreme == 1 ? Truth.TRUE : Truth.UNCLEAR;
    }
    if (location != null) {
      return location.of(s, group);
    }
    if (relation != null) {
      if (landmarks.contains(s)) {
        return Truth.FALSE;
      }
      if (landmarks.size() != 1) {
        return landmarks.isEmpty() ? Truth.FALSE : Truth.UNCLEAR;
      }
      return relation.holds(s.box(), landmarks.get(0).box());
    }
    return Truth.TRUE;
  }

  @Override
  public String toString() {
    return text();
  }
}

package dev.perbench.data.mini;

import dev.perbench.data.mini.Spatial.Quadrant;
import java.util.ArrayList;
import java.util.List;

/**
 * Four-option questions about a prompted shape: its colour, its kind, its quadrant, or which full
 * description fits it. Exactly one option is true of the shape; the options are shuffled, so every
 * letter is the answer about equally often.
 */
final class McqBuilder {
  static final int OPTIONS = 4;

  /** The question kinds, with their sentences. */
  enum Kind {
    COLOUR("What colour is the marked shape?"),
    SHAPE("What kind of shape is marked?"),
    POSITION("In which part of the image is the marked shape?"),
    DESCRIPTION("Which description fits the marked shape?");

    final String sentence;

    Kind(String sentence) {
      this.sentence = sentence;
    }
  }

  private McqBuilder() {}

  /**
   * Up to {@code max} questions, on different fully visible shapes while there are enough of them,
   * never the same (shape, kind) twice.
   */
  static List<McqItem> choose(Scene scene, Rng rng, int max) {
    List<Shape> shapes = new ArrayList<>(scene.fullyVisible());
    rng.shuffle(shapes);
    List<McqItem> out = new ArrayList<>();
    List<String> asked = new ArrayList<>();
    for (int round = 0; round < Kind.values().length && out.size() < max; round++) {
      for (Shape s : shapes) {
        if (out.size() == max) {
          break;
        }
        List<Kind> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) {
          if ((k != Kind.POSITION || Quadrant.of(s.box()) != null)
              && !asked.contains(s.z() + ":" + k)) {
            kinds.add(k);
          }
        }
        if (!kinds.isEmpty()) {
          Kind k = rng.pick(kinds);
          asked.add(s.z() + ":" + k);
          out.add(question(s, k, rng));
        }
      }
    }
    return out;
  }

  static McqItem question(Shape s, Kind kind, Rng rng) {
    String correct;
    List<String> wrong = new ArrayList<>();
    switch (kind) {
      case COLOUR -> {
        correct = s.colour().word();
        for (Colour c : Colour.values()) {
          if (c != s.colour()) {
            wrong.add(c.word());
          }
        }
      }
      case SHAPE -> {
        correct = s.kind().word();
        for (ShapeKind k : ShapeKind.values()) {
          if (k != s.kind()) {
            wrong.add(k.word());
          }
        }
      }
      case POSITION -> {
        Quadrant q = Quadrant.of(s.box());
        correct = q.words;
        for (Quadrant o : Quadrant.values()) {
          if (o != q) {
            wrong.add(o.words);
          }
        }
      }
      default -> {
        correct = s.words();
        // One distractor per attribute, each differing from the truth in that attribute only.
        wrong.add(
            other(SizeClass.values(), s.size(), rng).word()
                + " "
                + s.colour().word()
                + " "
                + s.kind().word());
        wrong.add(
            s.size().word()
                + " "
                + other(Colour.values(), s.colour(), rng).word()
                + " "
                + s.kind().word());
        wrong.add(
            s.size().word()
                + " "
                + s.colour().word()
                + " "
                + other(ShapeKind.values(), s.kind(), rng).word());
      }
    }
    rng.shuffle(wrong);
    List<String> options = new ArrayList<>(wrong.subList(0, OPTIONS - 1));
    options.add(rng.nextInt(OPTIONS), correct);
    StringBuilder q = new StringBuilder(kind.sentence).append('\n');
    String answer = null;
    for (int i = 0; i < OPTIONS; i++) {
      String line = (char) ('A' + i) + ". " + options.get(i);
      q.append(line).append('\n');
      if (options.get(i).equals(correct)) {
        answer = line;
      }
    }
    return new McqItem(kind, s, q.toString(), options, answer);
  }

  private static <T> T other(T[] values, T not, Rng rng) {
    List<T> rest = new ArrayList<>(List.of(values));
    rest.remove(not);
    return rng.pick(rest);
  }
}

package dev.perbench.data.mini;

import dev.perbench.data.mini.VresItem.Tagged;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Builds V-T RES questions that mix region prompts and text: "Segment the shape with the same
 * colour as &lt;region1&gt;." answered by "&lt;target1&gt;".
 *
 * <p>Tags are {@code <region1>}, {@code <region2>} for prompts and {@code <target1>}, {@code
 * <target2>} for targets. With at most two of each, no tag is a substring of another, so the
 * authors' plain substring test cannot confuse them. A question is used only when the shapes it
 * describes are exactly its targets (among all shapes, occluded ones included) and every prompt and
 * target is fully visible. Multi-target answers list the targets left to right.
 */
final class VresQuestionBuilder {
  static final String REGION = "<region%d>";
  static final String TARGET = "<target%d>";

  /** Chance that a target tag is written before (or between) the prompt tags. */
  private static final double INTERLEAVE_CHANCE = 0.2;

  /** The question patterns; {@code %s} are region tags, {@code %c} and {@code %k} words. */
  enum Template {
    SAME_COLOUR("Segment the shape with the same colour as %s."),
    SAME_KIND("Segment the shape of the same kind as %s."),
    COLOUR_SAME_KIND("Segment the %c shape of the same kind as %s."),
    KIND_SAME_COLOUR("Segment the %k with the same colour as %s."),
    COLOUR_OF_AND_KIND_OF("Segment the shape with the colour of %s and the kind of %s."),
    ALL_SAME_COLOUR("Segment all shapes with the same colour as %s."),
    ALL_SAME_KIND("Segment all shapes of the same kind as %s.");

    final String pattern;

    Template(String pattern) {
      this.pattern = pattern;
    }

    String question(Colour c, ShapeKind k, String... regions) {
      String q = pattern;
      if (c != null) {
        q = q.replace("%c", c.word());
      }
      if (k != null) {
        q = q.replace("%k", k.word());
      }
      for (String r : regions) {
        q = q.replaceFirst("%s", r);
      }
      return q;
    }
  }

  /** A question before its tag layout is chosen. */
  private record Draft(
      Template template, String question, List<Shape> prompts, List<Shape> targets) {}

  private VresQuestionBuilder() {}

  /** Up to {@code max} records for the scene, of as many different templates as possible. */
  static List<VresItem> choose(Scene scene, Rng rng, int max) {
    Map<Template, List<Draft>> byTemplate = new EnumMap<>(Template.class);
    for (Draft d : drafts(scene)) {
      byTemplate.computeIfAbsent(d.template(), t -> new ArrayList<>()).add(d);
    }
    List<Template> order = new ArrayList<>(byTemplate.keySet());
    rng.shuffle(order);
    List<VresItem> out = new ArrayList<>();
    while (out.size() < max && !order.isEmpty()) {
      for (Template t : List.copyOf(order)) {
        if (out.size() == max) {
          break;
        }
        List<Draft> pool = byTemplate.get(t);
        out.add(layout(pool.remove(rng.nextInt(pool.size())), rng));
        if (pool.isEmpty()) {
          order.remove(t);
        }
      }
    }
    return out;
  }

  /** Every valid question of the scene, in a fixed order. */
  private static List<Draft> drafts(Scene scene) {
    List<Draft> out = new ArrayList<>();
    List<Shape> visible = scene.fullyVisible();
    BiPredicate<Shape, Shape> sameColour = (a, b) -> a.colour() == b.colour();
    BiPredicate<Shape, Shape> sameKind = (a, b) -> a.kind() == b.kind();
    for (Shape p : visible) {
      single(out, scene, Template.SAME_COLOUR, p, s -> sameColour.test(s, p), null, null);
      single(out, scene, Template.SAME_KIND, p, s -> sameKind.test(s, p), null, null);
      for (Colour c : Colour.values()) {
        single(
            out,
            scene,
            Template.COLOUR_SAME_KIND,
            p,
            s -> sameKind.test(s, p) && s.colour() == c,
            c,
            null);
      }
      for (ShapeKind k : ShapeKind.values()) {
        single(
            out,
            scene,
            Template.KIND_SAME_COLOUR,
            p,
            s -> sameColour.test(s, p) && s.kind() == k,
            null,
            k);
      }
      pair(out, scene, Template.ALL_SAME_COLOUR, p, s -> sameColour.test(s, p));
      pair(out, scene, Template.ALL_SAME_KIND, p, s -> sameKind.test(s, p));
    }
    for (Shape p1 : visible) {
      for (Shape p2 : visible) {
        if (p1.colour() != p2.colour() && p1.kind() != p2.kind()) {
          List<Shape> matches =
              matches(
                  scene, List.of(p1, p2), s -> s.colour() == p1.colour() && s.kind() == p2.kind());
          if (matches.size() == 1 && scene.fullyVisible(matches.get(0))) {
            out.add(
                new Draft(
                    Template.COLOUR_OF_AND_KIND_OF,
                    Template.COLOUR_OF_AND_KIND_OF.question(null, null, region(1), region(2)),
                    List.of(p1, p2),
                    matches));
          }
        }
      }
    }
    return out;
  }

  private static void single(
      List<Draft> out,
      Scene scene,
      Template t,
      Shape prompt,
      Predicate<Shape> wanted,
      Colour c,
      ShapeKind k) {
    List<Shape> matches = matches(scene, List.of(prompt), wanted);
    if (matches.size() == 1 && scene.fullyVisible(matches.get(0))) {
      out.add(new Draft(t, t.question(c, k, region(1)), List.of(prompt), matches));
    }
  }

  /** "all shapes ..." questions are asked only when they have exactly two answers. */
  private static void pair(
      List<Draft> out, Scene scene, Template t, Shape prompt, Predicate<Shape> wanted) {
    List<Shape> matches = matches(scene, List.of(prompt), wanted);
    if (matches.size() == 2 && matches.stream().allMatch(scene::fullyVisible)) {
      out.add(new Draft(t, t.question(null, null, region(1)), List.of(prompt), matches));
    }
  }

  /** The shapes other than the prompts that satisfy {@code wanted}, left to right. */
  private static List<Shape> matches(Scene scene, List<Shape> prompts, Predicate<Shape> wanted) {
    List<Shape> out = new ArrayList<>();
    for (Shape s : scene.shapes()) {
      if (!prompts.contains(s) && wanted.test(s)) {
        out.add(s);
      }
    }
    out.sort(
        Comparator.comparingDouble((Shape s) -> s.box().centreX())
            .thenComparingDouble(s -> s.box().centreY())
            .thenComparingInt(Shape::z));
    return out;
  }

  /**
   * Names the tags and orders {@code segmentations}: prompts first, or (sometimes) the first target
   * before the last prompt, which leaves a gap in the prompt slots as the authors' numbering does
   * for such records.
   */
  private static VresItem layout(Draft d, Rng rng) {
    List<Tagged> prompts = new ArrayList<>();
    for (int i = 0; i < d.prompts().size(); i++) {
      prompts.add(new Tagged(region(i + 1), d.prompts().get(i)));
    }
    List<Tagged> targets = new ArrayList<>();
    List<String> answer = new ArrayList<>();
    for (int i = 0; i < d.targets().size(); i++) {
      targets.add(new Tagged(target(i + 1), d.targets().get(i)));
      answer.add(target(i + 1));
    }
    List<Tagged> order = new ArrayList<>(prompts);
    if (rng.chance(INTERLEAVE_CHANCE)) {
      order.add(prompts.size() - 1, targets.get(0));
      order.addAll(targets.subList(1, targets.size()));
    } else {
      order.addAll(targets);
    }
    return new VresItem(
        d.template(), d.question(), String.join(" and ", answer), d.prompts(), d.targets(), order);
  }

  static String region(int n) {
    return String.format(Locale.ROOT, REGION, n);
  }

  static String target(int n) {
    return String.format(Locale.ROOT, TARGET, n);
  }
}

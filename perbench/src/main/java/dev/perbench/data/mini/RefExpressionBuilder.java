package dev.perbench.data.mini;

import dev.perbench.data.mini.RefExpression.Form;
import dev.perbench.data.mini.RefExpression.Superlative;
import dev.perbench.data.mini.Spatial.Location;
import dev.perbench.data.mini.Spatial.Relation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the referring expressions that identify a target (every candidate of the grammar is checked
 * with {@link RefExpression#identifies}) and picks one or two of them.
 *
 * <p>Plain descriptions are the most common pick; a superlative, location or relation is used only
 * where it is needed, i.e. when the head alone also describes another shape, so such expressions
 * always carry information a model has to use.
 */
final class RefExpressionBuilder {
  /** Relative weights of the forms when several are possible. */
  private static final Map<Form, Integer> WEIGHTS =
      new EnumMap<>(Map.of(Form.PLAIN, 6, Form.SUPERLATIVE, 1, Form.LOCATION, 1, Form.RELATION, 2));

  private static final double SECOND_SENTENCE_CHANCE = 0.5;

  private RefExpressionBuilder() {}

  /** Every expression of the grammar that identifies {@code target}, grouped by form. */
  static Map<Form, List<RefExpression>> candidates(Scene scene, Shape target) {
    Map<Form, List<RefExpression>> out = new EnumMap<>(Form.class);
    for (Description head : Description.allOf(target)) {
      RefExpression plain = RefExpression.plain(head);
      if (plain.identifies(scene, target)) {
        add(out, plain);
        continue; // the head suffices; modifiers would add nothing
      }
      List<RefExpression> modified = new ArrayList<>();
      if (head.size() == null) {
        for (Superlative s : Superlative.values()) {
          modified.add(new RefExpression(s, head, null, null, null));
        }
      }
      for (Location l : Location.values()) {
        modified.add(new RefExpression(null, head, l, null, null));
      }
      for (Shape other : scene.shapes()) {
        if (other == target) {
          continue;
        }
        for (Description landmark : Description.allOf(other)) {
          if (landmark.matches(scene).size() == 1) {
            for (Relation r : Relation.values()) {
              modified.add(new RefExpression(null, head, null, r, landmark));
            }
          }
        }
      }
      for (RefExpression e : modified) {
        if (e.identifies(scene, target)) {
          add(out, e);
        }
      }
    }
    return out;
  }

  /**
   * One or two expressions for {@code target} (two of different texts, of different forms when
   * possible), or an empty list when nothing in the grammar identifies it.
   */
  static List<RefExpression> choose(Scene scene, Shape target, Rng rng) {
    Map<Form, List<RefExpression>> candidates = candidates(scene, target);
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<RefExpression> chosen = new ArrayList<>();
    Form first = pickForm(candidates, null, rng);
    chosen.add(rng.pick(candidates.get(first)));
    if (rng.chance(SECOND_SENTENCE_CHANCE)) {
      Form second = pickForm(candidates, first, rng);
      List<RefExpression> pool = new ArrayList<>(candidates.get(second));
      pool.removeIf(e -> e.text().equals(chosen.get(0).text()));
      if (!pool.isEmpty()) {
        chosen.add(rng.pick(pool));
      }
    }
    return chosen;
  }

  /** A weighted random form among those available, avoiding {@code avoid} if another exists. */
  private static Form pickForm(Map<Form, List<RefExpression>> candidates, Form avoid, Rng rng) {
    List<Form> forms = new ArrayList<>();
    for (Form f : candidates.keySet()) {
      if (f != avoid || candidates.size() == 1) {
        for (int w = 0; w < WEIGHTS.get(f); w++) {
          forms.add(f);
        }
      }
    }
    return rng.pick(forms);
  }

  private static void add(Map<Form, List<RefExpression>> out, RefExpression e) {
    out.computeIfAbsent(e.form(), f -> new ArrayList<>()).add(e);
  }
}

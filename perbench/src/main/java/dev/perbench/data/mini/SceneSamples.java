package dev.perbench.data.mini;

import java.util.List;

/**
 * A scene with the samples made from it for each task.
 *
 * @param refs referring expressions, one ref per target shape
 * @param vres V-T RES records
 * @param mcqs multiple-choice questions
 * @param captions described shapes with their reference descriptions
 */
record SceneSamples(
    Scene scene, List<Ref> refs, List<VresItem> vres, List<McqItem> mcqs, List<Caption> captions) {

  /** One target shape and the one or two expressions that identify it. */
  record Ref(Shape target, List<RefExpression> sentences) {
    Ref {
      sentences = List.copyOf(sentences);
    }
  }

  /** A described shape. */
  record Caption(Shape shape, String text) {}

  SceneSamples {
    refs = List.copyOf(refs);
    vres = List.copyOf(vres);
    mcqs = List.copyOf(mcqs);
    captions = List.copyOf(captions);
  }
}

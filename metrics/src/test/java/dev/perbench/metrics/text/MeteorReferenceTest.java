package dev.perbench.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of meteor.json, both argument orders, both NLTK releases. The Java scores must equal
 * the "*_exact_pow" values bit for bit (NLTK's alignment and formula with a correctly rounded
 * power) and NLTK's printed scores to 1e-12 (they differ only where the C library's pow misrounds,
 * which no committed case hits; see FragmentationPenalty).
 */
class MeteorReferenceTest {
  private static final double NLTK_TOLERANCE = 1e-12;
  private static final JsonNode METEOR = Reference.load("meteor.json");

  @TestFactory
  @DisplayName("scores, alignments and both conventions equal NLTK's for every case in meteor.json")
  Stream<DynamicTest> cases() {
    return StreamSupport.stream(METEOR.get("cases").spliterator(), false)
        .map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> check(c)));
  }

  private static void check(JsonNode c) {
    String hypothesis = c.get("hypothesis").asText();
    List<String> references = Reference.strings(c.get("references"));
    List<String> hyp = PythonText.split(hypothesis);
    List<List<String>> refs = new ArrayList<>();
    references.forEach(r -> refs.add(PythonText.split(r)));

    for (NltkVersion version : NltkVersion.values()) {
      MeteorScorer scorer = MeteorScorer.of(version);
      String suffix = version == NltkVersion.NLTK_3_8 ? "_3_8" : "";
      for (int k = 0; k < refs.size(); k++) {
        JsonNode expected = c.get("per_reference").get(k);
        List<String> ref = refs.get(k);
        String what = version.id() + " reference " + k;
        double nltk = scorer.single(ref, hyp);
        assertEquals(expected.get("nltk_exact_pow" + suffix).doubleValue(), nltk, 0.0, what);
        assertEquals(expected.get("nltk" + suffix).doubleValue(), nltk, NLTK_TOLERANCE, what);
        double swapped = scorer.single(hyp, ref);
        assertEquals(
            expected.get("swapped_exact_pow" + suffix).doubleValue(),
            swapped,
            0.0,
            what + " swapped");
        assertEquals(
            expected.get("swapped" + suffix).doubleValue(),
            swapped,
            NLTK_TOLERANCE,
            what + " swapped");
        if (suffix.isEmpty()) {
          assertEquals(pairs(expected.get("nltk_matches")), pairs(scorer.align(ref, hyp)), what);
          assertEquals(
              pairs(expected.get("swapped_matches")),
              pairs(scorer.align(hyp, ref)),
              what + " swapped");
          assertEquals(
              expected.get("nltk").doubleValue(),
              MeteorConvention.NLTK.score(scorer, hypothesis, references.get(k)),
              0.0,
              what);
          assertEquals(
              expected.get("swapped").doubleValue(),
              MeteorConvention.PIXEL_SAIL_SWAPPED.score(scorer, hypothesis, references.get(k)),
              0.0,
              what + " swapped");
        }
      }
      assertEquals(
          c.get("meteor" + suffix).doubleValue(),
          scorer.score(refs, hyp),
          NLTK_TOLERANCE,
          version.id() + " meteor_score");
    }
    assertEquals(c.get("meteor").doubleValue(), Meteor.score(references, hypothesis), 0.0);
  }

  private static List<List<Integer>> pairs(JsonNode matches) {
    List<List<Integer>> out = new ArrayList<>();
    matches.forEach(p -> out.add(List.of(p.get(0).intValue(), p.get(1).intValue())));
    return out;
  }

  private static List<List<Integer>> pairs(MeteorAlignment alignment) {
    List<List<Integer>> out = new ArrayList<>();
    alignment.matches().forEach(m -> out.add(List.of(m.hypothesis(), m.reference())));
    return out;
  }
}

package dev.perbench.metrics.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.metrics.mask.Mask;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every profile against {@code reference/seg_profiles.json}, written by {@code
 * src/test/python/gen_reference.py} from transcriptions of the authors' scoring loops.
 */
class SegmentationReferenceTest {
  private static final double EXACT = 1e-12;

  /** The LISA-family 1e-5 in each per-sample denominator moves gIoU by less than this. */
  private static final double LISA_EPSILON_BOUND = 1e-5;

  @TestFactory
  @DisplayName("every profile reproduces the Python transcription of the authors' scripts")
  Stream<DynamicTest> profilesMatchReference() throws IOException {
    JsonNode root = load("seg_profiles.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      for (SegProfile profile : SegProfile.values()) {
        JsonNode expected = c.get("expected").get(profile.id());
        tests.add(
            DynamicTest.dynamicTest(
                profile.id() + ": " + c.get("name").asText(),
                () -> check(profile, c.get("pairs"), expected)));
      }
    }
    assertTrue(tests.size() >= 60 * SegProfile.values().length, "expected at least 60 cases");
    return tests.stream();
  }

  private static void check(SegProfile profile, JsonNode pairs, JsonNode expected) {
    SegmentationAccumulator byMasks = new SegmentationAccumulator(profile);
    SegmentationAccumulator byCounts = new SegmentationAccumulator(profile);
    for (JsonNode pair : pairs) {
      Mask gt = mask(pair.get("gt"));
      Mask pred = mask(pair.get("pred"));
      SampleResult viaMasks = byMasks.add(gt, pred);
      // The counts path, with areas and intersection taken from decoded pixels.
      byte[] g = gt == null ? null : gt.toBitmap();
      byte[] p = pred == null ? null : pred.toBitmap();
      long intersection = 0;
      if (g != null && p != null) {
        for (int i = 0; i < g.length; i++) {
          intersection += g[i] & p[i];
        }
      }
      SampleResult viaCounts =
          byCounts.add(
              gt == null ? 0 : gt.area(),
              pred == null ? 0 : pred.area(),
              intersection,
              pred == null);
      assertEquals(viaCounts, viaMasks);
    }
    assertEquals(byCounts.result(), byMasks.result());
    SegmentationResult r = byMasks.result();
    assertEquals(profile, r.profile());
    assertEquals(expected.get("n").asLong(), r.n());
    assertEquals(expected.get("ciou").asDouble(), r.ciou(), EXACT, "ciou");
    assertEquals(expected.get("giou").asDouble(), r.giou(), EXACT, "giou");
    for (double t : SegmentationResult.THRESHOLDS) {
      assertEquals(
          expected.get("precision").get(Double.toString(t)).asDouble(),
          r.precisionAt(t),
          EXACT,
          "precision@" + t);
    }
    assertNullableEquals(expected.get("n_acc"), r.nAcc(), "n_acc");
    assertNullableEquals(expected.get("t_acc"), r.tAcc(), "t_acc");
    assertEquals(expected.get("sum_intersection").asLong(), r.intersectionSum());
    assertEquals(expected.get("sum_union").asLong(), r.unionSum());
    assertEquals(expected.get("precision_samples").asLong(), r.precisionSamples());
    assertEquals(expected.get("missing_predictions").asLong(), r.missingPredictions());
    assertEquals(expected.get("no_target_samples").asLong(), r.noTargetSamples());
    JsonNode literal = expected.get("authors_literal");
    if (literal != null) {
      // The scripts' epsilons, documented on SegProfile.STANDARD, stay within the bound.
      assertEquals(literal.get("ciou").asDouble(), r.ciou(), LISA_EPSILON_BOUND, "literal ciou");
      assertEquals(literal.get("giou").asDouble(), r.giou(), LISA_EPSILON_BOUND, "literal giou");
    }
  }

  private static void assertNullableEquals(JsonNode expected, Double actual, String what) {
    if (expected.isNull()) {
      assertNull(actual, what);
    } else {
      assertEquals(expected.asDouble(), actual, EXACT, what);
    }
  }

  private static Mask mask(JsonNode rle) {
    if (rle.isNull()) {
      return null;
    }
    JsonNode counts = rle.get("counts");
    int[] c = new int[counts.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.get(i).asInt();
    }
    return Mask.fromCounts(rle.get("size").get(0).asInt(), rle.get("size").get(1).asInt(), c);
  }

  static JsonNode load(String name) throws IOException {
    try (InputStream in =
        SegmentationReferenceTest.class.getResourceAsStream("/reference/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource reference/" + name);
      }
      return new ObjectMapper().readTree(in);
    }
  }
}

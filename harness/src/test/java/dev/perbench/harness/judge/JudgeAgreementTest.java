package dev.perbench.harness.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.perbench.harness.score.BootstrapSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Agreement between judges is computed on the samples both rated, with the figures of the
 * statistics that reference vectors check (WeightedKappa, RankCorrelation): here, values worked out
 * by hand.
 */
class JudgeAgreementTest {
  static final BootstrapSettings CI = BootstrapSettings.percent95(200, 7);

  static List<Judgement> judge(String name, double... ratings) {
    List<Judgement> out = new ArrayList<>();
    for (int i = 0; i < ratings.length; i++) {
      boolean ok = !Double.isNaN(ratings[i]);
      out.add(
          new Judgement(
              "s" + i,
              name,
              "rubric-ref",
              "0".repeat(64),
              ok ? Judgement.OK : Judgement.UNPARSED,
              ok ? new SampleVerdict(0, 1, ratings[i], null) : null,
              List.of()));
    }
    return out;
  }

  @Test
  void identicalJudgesAgreeFullyAndReversedOnesRankOppositely() {
    Map<String, List<Judgement>> byJudge = new LinkedHashMap<>();
    byJudge.put("a", judge("a", 2, 4, 6, 8, Double.NaN));
    byJudge.put("b", judge("b", 2, 4, 6, 8, 9));
    byJudge.put("c", judge("c", 8, 6, 4, 2, 1));
    JudgeAgreement.Report r = JudgeAgreement.of(byJudge, Map.of(), Map.of(), CI);
    assertEquals(3, r.judges().size());
    JudgeAgreement.Pair ab = r.judges().get(0);
    assertEquals(List.of("a", "b", 4), List.of(ab.a(), ab.b(), ab.n()), "s4 unparsed by a");
    assertEquals(1.0, ab.kappa().estimate());
    assertEquals(1.0, ab.spearman().estimate());
    JudgeAgreement.Pair bc = r.judges().get(2);
    assertEquals(5, bc.n());
    // scipy's own rounding gives -0.9999999999999999 here (RankCorrelation follows it bit for bit)
    assertEquals(-1.0, bc.spearman().estimate(), 1e-15);
    // quadratic-weighted kappa by hand for b = (2,4,6,8,9), c = (8,6,4,2,1): 1 - observed/expected
    // disagreement, observed = mean (b-c)^2 over the samples = (36+4+4+36+64)/5, expected = the
    // mean (x-y)^2 over all 25 pairings of a b value with a c value (the marginals' product)
    double observed = 144.0 / 5;
    double expected = 0;
    int[] b = {2, 4, 6, 8, 9};
    int[] c = {8, 6, 4, 2, 1};
    for (int x : b) {
      for (int y : c) {
        expected += (x - y) * (x - y);
      }
    }
    expected /= 25;
    assertEquals(1 - observed / expected, bc.kappa().estimate(), 1e-12);
    assertEquals(List.of(), r.againstMeteor());
    assertEquals(List.of(), r.againstHuman());
  }

  @Test
  void againstMeteorIsRhoOnlyAndAgainstHumansBoth() {
    Map<String, List<Judgement>> byJudge = Map.of("a", judge("a", 6.5, 3, 9, 1));
    JudgeAgreement.Report r =
        JudgeAgreement.of(
            byJudge,
            Map.of("s0", 0.30, "s1", 0.10, "s2", 0.50, "s3", 0.20),
            Map.of("s0", 7, "s1", 3, "s2", 9, "s3", 1, "s9", 5),
            CI);
    JudgeAgreement.Pair m = r.againstMeteor().get(0);
    assertNull(m.kappa(), "METEOR is not a 1-10 rating");
    // ranks of a: 3, 2, 4, 1; of METEOR: 3, 1, 4, 2: d^2 = 0 + 1 + 0 + 1 = 2; rho = 1 - 6*2/(4*15)
    assertEquals(1 - 6.0 * 2 / (4 * 15), m.spearman().estimate(), 1e-15);
    JudgeAgreement.Pair h = r.againstHuman().get(0);
    assertEquals(4, h.n(), "s9 has no judgement");
    assertEquals(1.0, h.spearman().estimate());
    assertEquals(1.0, h.kappa().estimate(), "6.5 rounds half up to 7, as the human said");
  }

  @Test
  void aConstantColumnIsUndefinedNotAFigure() {
    Map<String, List<Judgement>> byJudge = new LinkedHashMap<>();
    byJudge.put("a", judge("a", 5, 5, 5));
    byJudge.put("b", judge("b", 5, 5, 5));
    JudgeAgreement.Pair p = JudgeAgreement.of(byJudge, Map.of(), Map.of(), CI).judges().get(0);
    assertNull(p.spearman().estimate());
    assertNull(p.kappa().estimate());
    assertNull(p.kappa().ci());
    assertEquals(200, p.kappa().undefined());
  }
}

package dev.perbench.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.model.Task;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.SampleScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pairing by sample id, the metrics per task, hand-counted values and wins; the bootstrap itself is
 * checked against numpy in the metrics module (PairedBootstrapTest).
 */
class PairedComparisonsTest {
  static final BootstrapSettings CI = BootstrapSettings.percent95(1000, 7);

  static SampleScore mcq(String id, int correct) {
    return new SampleScore(id, Task.MCQ, SampleScore.OK, correct, 1, 0, 0, 0, null);
  }

  static SampleScore res(String id, double inter, double union) {
    double iou = union == 0 ? 0 : inter / union;
    return new SampleScore(id, Task.RES, SampleScore.OK, iou, 1, iou, inter, union, null);
  }

  @Test
  void onlySharedSamplesArePairedAndCountedByHand() {
    // A: m1..m4 right, wrong, right, right; B: m2..m5 right, wrong, right, right
    List<SampleScore> a = List.of(mcq("m1", 1), mcq("m2", 0), mcq("m3", 1), mcq("m4", 1));
    List<SampleScore> b = List.of(mcq("m5", 1), mcq("m4", 1), mcq("m3", 0), mcq("m2", 1));
    List<MetricComparison> c = PairedComparisons.compare(a, b, CI);
    assertEquals(1, c.size());
    MetricComparison m = c.get(0);
    assertEquals("mcq", m.task());
    assertEquals("accuracy", m.metric());
    assertEquals(3, m.shared()); // m2, m3, m4
    assertEquals(2.0 / 3, m.a(), 1e-15);
    assertEquals(2.0 / 3, m.b(), 1e-15);
    assertEquals(0.0, m.difference(), 1e-15);
    assertEquals(List.of(1, 1, 1), List.of(m.aWins(), m.bWins(), m.ties()));
    assertTrue(m.lower() <= 0 && m.upper() >= 0);
    assertFalse(m.significant());
  }

  @Test
  void segmentationGetsBothCiouAndGiouAndAClearWinIsSignificant() {
    List<SampleScore> a = new ArrayList<>();
    List<SampleScore> b = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      a.add(res("s" + i, 80, 100)); // IoU 0.8 everywhere
      b.add(res("s" + i, 40 + i % 3, 100)); // IoU 0.40 to 0.42
    }
    List<MetricComparison> c = PairedComparisons.compare(a, b, CI);
    assertEquals(List.of("ciou", "giou"), c.stream().map(MetricComparison::metric).toList());
    for (MetricComparison m : c) {
      assertEquals(50, m.shared());
      assertEquals(0.8, m.a(), 1e-12);
      // B's intersections sum to 17 * 40 + 17 * 41 + 16 * 42 = 2049 over 5000
      assertEquals(2049.0 / 5000, m.b(), 1e-12);
      assertEquals(0.8 - 2049.0 / 5000, m.difference(), 1e-12);
      assertEquals(List.of(50, 0, 0), List.of(m.aWins(), m.bWins(), m.ties()));
      assertEquals(0.0, m.pValue()); // no resample has B ahead
      assertTrue(m.significant());
    }
  }

  @Test
  void identicalRunsDifferByNothing() {
    List<SampleScore> a = List.of(res("x", 1, 4), res("y", 3, 3), mcq("q", 1));
    List<MetricComparison> c = PairedComparisons.compare(a, a, CI);
    assertEquals(3, c.size());
    for (MetricComparison m : c) {
      assertEquals(0.0, m.difference());
      assertEquals(0.0, m.lower());
      assertEquals(0.0, m.upper());
      assertEquals(1.0, m.pValue());
      assertEquals(m.shared(), m.ties());
    }
  }
}

package dev.perbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.refer.ReferRefs;
import dev.perbench.data.refer.ReferSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's generator and load, at a small size (nothing is timed here). */
class ReferLoadBenchmarkTest {
  @Test
  @DisplayName("a small synthetic dataset loads every sentence of every split")
  void smallRun(@TempDir Path dir) throws Exception {
    ReferLoadBenchmark.Result r = ReferLoadBenchmark.run(dir, 500, 1422, 300, 3);
    assertEquals(500, r.refs());
    assertEquals(800, r.annotations());
    assertEquals(200, r.images());
    assertEquals(1422, r.samples());
    assertEquals(
        List.of("train", "val", "testA", "testB"), List.copyOf(r.samplesPerSplit().keySet()));
    assertTrue(r.samplesPerSplit().get("train") > r.samplesPerSplit().get("val"));
    assertTrue(r.refsFileBytes() > 0 && r.instancesFileBytes() > 0);
    assertEquals(3, r.loadSeconds().size());
    assertTrue(r.minSeconds() > 0 && r.minSeconds() <= r.medianSeconds());
    assertTrue(r.medianSeconds() <= r.maxSeconds() && r.warmupSeconds() > 0);
    assertTrue(r.peakUsedBytes() >= r.peakLiveBytes() && r.peakUsedBytes() > 0);
    assertTrue(r.heapAfterLoadBytes() > r.heapBeforeLoadBytes());
  }

  @Test
  @DisplayName("the median is the middle run, or the mean of the middle two")
  void median() {
    assertEquals(2.0, result(List.of(3.0, 1.0, 2.0)).medianSeconds());
    assertEquals(2.5, result(List.of(4.0, 1.0, 2.0, 3.0)).medianSeconds());
    assertEquals(1.0, result(List.of(4.0, 1.0, 2.0, 3.0)).minSeconds());
    assertEquals(4.0, result(List.of(4.0, 1.0, 2.0, 3.0)).maxSeconds());
  }

  private static ReferLoadBenchmark.Result result(List<Double> seconds) {
    return new ReferLoadBenchmark.Result(
        1, 1, 1, 1, 1, 1, 0, 0, seconds, Map.of("val", 1), 0, 0, 0, 0, 0);
  }

  @Test
  @DisplayName("the generated pickle holds Python 2 byte strings and every field of a real ref")
  void realisticRefs(@TempDir Path dir) throws Exception {
    SyntheticRefer.write(dir, 20, 50, 0, 1);
    ReferRefs refs = ReferRefs.read(ReferSource.refer("refcoco", dir, "unc", dir));
    assertEquals(20, refs.size());
    assertEquals(50, refs.splits().stream().mapToInt(refs::countSentences).sum());
  }
}

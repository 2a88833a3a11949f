package dev.perbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** That the measurement runs and every sample succeeds; its figures are not asserted. */
class HttpThroughputTest {
  @Test
  void aSmallRunCompletesEverySampleAndReportsItsFigures(@TempDir Path dir) throws Exception {
    HttpThroughput.Result r = HttpThroughput.measure(400, 4, dir);
    assertEquals(0, r.failed());
    assertNull(r.firstError());
    assertEquals(400, r.samples());
    assertEquals(40, r.warmupSamples());
    assertTrue(r.imageBytes() > 500 && r.imageBytes() < 2000, String.valueOf(r.imageBytes()));
    assertTrue(r.samplesPerSecond() > 0 && r.peakHeapBytes() > 0 && r.retried() >= 0);
  }
}

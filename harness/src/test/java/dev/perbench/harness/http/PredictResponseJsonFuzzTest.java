package dev.perbench.harness.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.harness.model.Prediction;
import java.nio.file.Path;

/**
 * Fuzzes {@link PredictResponseJson#read} (a model server's answer to {@code POST /predict}): any
 * body either reads as a prediction for the asked sample whose masks have the image's size, or is
 * refused with an {@link IllegalArgumentException} that has a message.
 */
class PredictResponseJsonFuzzTest {
  private static final Sample SAMPLE =
      TestSamples.res(new ImageRef("tiny.png", Path.of("tiny.png"), 4, 6), "res:0").sample();

  @FuzzTest(maxDuration = "3s")
  void read(byte[] body) {
    Prediction p;
    try {
      p = PredictResponseJson.read(body, SAMPLE);
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage(), "IllegalArgumentException without a message");
      return;
    }
    assertEquals(SAMPLE.id(), p.sampleId());
    if (p.masks() != null) {
      p.masks()
          .forEach(
              m -> {
                assertEquals(TestSamples.H, m.height());
                assertEquals(TestSamples.W, m.width());
              });
    }
  }
}

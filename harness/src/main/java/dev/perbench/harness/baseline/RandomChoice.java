package dev.perbench.harness.baseline;

import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.stats.SplitMix64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers a multiple-choice question with a seeded random option letter (chance level), and empty
 * masks and captions elsewhere. The choice depends only on the seed and the sample id, so it is the
 * same in any order, shard or resumed run.
 */
final class RandomChoice implements Model {
  private final long seed;

  RandomChoice(long seed) {
    this.seed = seed;
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(
        "baseline:random-choice",
        "1",
        List.of(Task.values()),
        Map.of("kind", "baseline", "seed", Long.toString(seed)));
  }

  @Override
  public List<Prediction> predict(List<ModelInput> batch) {
    List<Prediction> out = new ArrayList<>(batch.size());
    for (ModelInput in : batch) {
      var s = in.sample();
      String letter = "A";
      if (s.target() instanceof Target.Choice c && !c.options().isEmpty()) {
        List<String> letters = c.options().keySet().stream().sorted().toList();
        letter = letters.get(new SplitMix64(seed ^ idHash(s.id())).nextIndex(letters.size()));
      }
      out.add(Baselines.answer(s, Mask.empty(s.image().height(), s.image().width()), letter, ""));
    }
    return out;
  }

  /** FNV-1a of the id's UTF-8 bytes, a documented hash any language can reproduce. */
  private static long idHash(String id) {
    long h = 0xCBF29CE484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001B3L;
    }
    return h;
  }
}

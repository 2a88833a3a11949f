package dev.perbench.harness.testing;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelException;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Small real {@link Model}s for tests of the runner. */
public final class TestModels {
  private TestModels() {}

  /** Passes every batch to another model and remembers which samples it was asked for. */
  public static final class Recording implements Model {
    private final Model inner;
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    public Recording(Model inner) {
      this.inner = inner;
    }

    /** The ids of every sample asked for so far. */
    public Set<String> asked() {
      return Set.copyOf(asked);
    }

    @Override
    public ModelInfo info() throws ModelException, InterruptedException {
      return inner.info();
    }

    @Override
    public List<Prediction> predict(List<ModelInput> batch)
        throws ModelException, InterruptedException {
      batch.forEach(in -> asked.add(in.sample().id()));
      return inner.predict(batch);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  /** Fails the first batch it is given as a stopping run does: with an InterruptedException. */
  public static final class Interrupting implements Model {
    @Override
    public ModelInfo info() {
      return TestModels.info("interrupting");
    }

    @Override
    public List<Prediction> predict(List<ModelInput> batch) throws InterruptedException {
      throw new InterruptedException("stop");
    }
  }

  /** The model info of a test model called {@code name}. */
  public static ModelInfo info(String name) {
    return new ModelInfo(name, "0", List.of(Task.values()), Map.of("test", "yes"));
  }

  /** The ground truth of a res or vres sample as a prediction. */
  public static Prediction truth(Sample s) {
    return Prediction.masks(s.id(), ((Target.Masks) s.target()).masks());
  }

  /** Inputs' predictions, each the truth. */
  public static List<Prediction> truths(List<ModelInput> batch) {
    List<Prediction> out = new ArrayList<>();
    batch.forEach(in -> out.add(truth(in.sample())));
    return out;
  }
}

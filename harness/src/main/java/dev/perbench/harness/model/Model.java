package dev.perbench.harness.model;

import java.util.List;

/**
 * A model under evaluation. Implementations must be safe to call from several threads at once (the
 * runner keeps up to {@code --concurrency} batches in flight) and return exactly one prediction per
 * input, in order. A sample the model fails on should come back as {@link Prediction#failed}; an
 * exception fails the whole batch, and the runner records every sample of it as failed with the
 * exception's message.
 */
public interface Model extends AutoCloseable {
  /**
   * Name, version and supported tasks; called once before the run.
   *
   * @throws ModelException when the model cannot say (its server is down, its file is broken)
   * @throws InterruptedException when the run is stopping
   */
  ModelInfo info() throws ModelException, InterruptedException;

  /**
   * Predicts one batch.
   *
   * @throws ModelException when the whole batch failed
   * @throws InterruptedException when the run is stopping
   */
  List<Prediction> predict(List<ModelInput> batch) throws ModelException, InterruptedException;

  /** The batch size the runner should use when the user does not give one. */
  default int preferredBatchSize() {
    return 1;
  }

  /** Releases what the model holds (connections, native memory); never fails. */
  @Override
  default void close() {}
}

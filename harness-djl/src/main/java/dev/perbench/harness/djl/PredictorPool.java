package dev.perbench.harness.djl;

import ai.djl.inference.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * DJL predictors for concurrent callers. A DJL {@code Predictor} is not thread-safe but the model
 * it comes from is, so each call borrows an idle predictor (or makes one) and gives it back; the
 * pool grows to the number of calls that were ever in flight at once (the runner's {@code
 * --concurrency}) and no caller ever waits for another.
 */
final class PredictorPool<I, O> implements AutoCloseable {
  private final Supplier<Predictor<I, O>> factory;
  private final ConcurrentLinkedQueue<Predictor<I, O>> idle = new ConcurrentLinkedQueue<>();
  private final List<Predictor<I, O>> all = new ArrayList<>();

  PredictorPool(Supplier<Predictor<I, O>> factory) {
    this.factory = factory;
  }

  Predictor<I, O> borrow() {
    Predictor<I, O> p = idle.poll();
    if (p != null) {
      return p;
    }
    p = factory.get();
    synchronized (all) {
      all.add(p);
    }
    return p;
  }

  void release(Predictor<I, O> p) {
    idle.add(p);
  }

  @Override
  public void close() {
    synchronized (all) {
      all.forEach(Predictor::close);
      all.clear();
    }
    idle.clear();
  }
}

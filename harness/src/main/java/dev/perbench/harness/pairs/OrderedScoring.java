package dev.perbench.harness.pairs;

import dev.perbench.harness.io.Workers;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A bounded, ordered pipeline: the calling thread reads batches and hands them to {@code threads}
 * workers ({@link PairScorer}), then takes the results back strictly in file order, so whatever the
 * sink does (sums, duplicate ids, the first error) happens in the same order as in a single thread,
 * and the sums are the same to the last bit. At most {@code 2 * threads + 2} batches are in flight,
 * which bounds memory whatever the file's size.
 */
final class OrderedScoring {
  private OrderedScoring() {}

  /**
   * Scores every batch of {@code source} and gives the results to {@code sink} in order. With one
   * thread everything runs on the calling thread.
   */
  static void run(LineBatches source, int threads, Consumer<ScoredPair[]> sink) {
    if (threads <= 1) {
      for (LineBatch b = source.next(); b != null; b = source.next()) {
        sink.accept(PairScorer.score(b));
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, Workers.daemons("perbench-score"));
    ArrayDeque<Future<ScoredPair[]>> inFlight = new ArrayDeque<>();
    int window = 2 * threads + 2;
    try {
      while (true) {
        LineBatch batch;
        try {
          batch = source.next();
        } catch (RuntimeException e) {
          // A read error comes after the lines already read: report their problems first.
          drain(inFlight, sink);
          throw e;
        }
        if (batch == null) {
          break;
        }
        inFlight.add(pool.submit(() -> PairScorer.score(batch)));
        if (inFlight.size() >= window) {
          sink.accept(Workers.join(inFlight.poll(), "scoring"));
        }
      }
      drain(inFlight, sink);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void drain(
      ArrayDeque<Future<ScoredPair[]>> inFlight, Consumer<ScoredPair[]> sink) {
    while (!inFlight.isEmpty()) {
      sink.accept(Workers.join(inFlight.poll(), "scoring"));
    }
  }
}

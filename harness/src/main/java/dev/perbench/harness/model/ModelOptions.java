package dev.perbench.harness.model;

import java.time.Duration;

/**
 * Settings an adapter may use.
 *
 * @param device {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param batchSize requested batch size, or 0 for the model's preference
 * @param concurrency requests (batches) in flight at most
 * @param timeout per request
 * @param retries further attempts after a 5xx answer or a connection error
 * @param sharedFs send image paths instead of image bytes (model server on the same files)
 * @param seed for seeded baselines
 */
public record ModelOptions(
    String device,
    int batchSize,
    int concurrency,
    Duration timeout,
    int retries,
    boolean sharedFs,
    long seed) {
  public static ModelOptions defaults() {
    return new ModelOptions("cpu", 0, 4, Duration.ofSeconds(120), 3, false, 0);
  }
}

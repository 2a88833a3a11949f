/**
 * What the shipped harness does not need but its measurements and tests do: the {@code perbench
 * bench} measurements (masks against a dense baseline, data loading, the runner, scoring, the
 * leaderboard website under load, the error rates of {@code perbench check} by simulation in {@link
 * dev.perbench.bench.CheckSimulation}), the synthetic data they run on (COCO-like mask pairs, a
 * RefCOCO-sized refer dataset, a generated leaderboard), and loopback model servers ({@link
 * dev.perbench.bench.EchoModelServer}) with a throughput probe. Only the {@code bench} commands and
 * tests depend on this module.
 */
package dev.perbench.bench;

/** The {@code perbench bench} micro-benchmarks and their dense-bitmap baselines. */
package dev.perbench.app.bench;

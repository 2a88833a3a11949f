/**
 * What a model is to the harness: {@link dev.perbench.harness.model.Model} takes a batch of {@link
 * dev.perbench.harness.model.ModelInput}s and returns one {@link
 * dev.perbench.harness.model.Prediction} per input. Adapters (a prediction file, an HTTP model
 * server, an in-process TorchScript model, the built-in baselines) implement it.
 */
package dev.perbench.harness.model;

/**
 * The {@code djl:PATH} adapter: an in-process TorchScript model run by DJL's PyTorch engine.
 *
 * <p>The roles follow DJL's split. {@link dev.perbench.harness.djl.DjlModel} owns the loaded
 * weights and a pool of DJL {@code Predictor}s (inference sessions, one per concurrent caller);
 * {@link dev.perbench.harness.djl.DjlTranslator} is the pre- and post-processing around the one
 * forward call, and the tensor contract it enforces is written up in {@code docs/djl-models.md}:
 * {@link dev.perbench.harness.djl.InputEncoder} turns a sample into the four input tensors, {@link
 * dev.perbench.harness.djl.OutputContract} checks the three output tensors' shapes and {@link
 * dev.perbench.harness.djl.OutputDecoder} turns one sample's outputs into a prediction. What a
 * model declares about itself (input size, mask stride, vocabulary, caption template) is its JSON
 * sidecar, {@link dev.perbench.harness.djl.DjlSidecar}.
 */
package dev.perbench.harness.djl;

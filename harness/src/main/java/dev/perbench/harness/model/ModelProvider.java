package dev.perbench.harness.model;

import dev.perbench.data.LoadedSplit;

/**
 * Opens the models of one {@code --model} spec form ({@code file:}, {@code http://}, {@code djl:},
 * {@code baseline:}). Providers are found with {@link java.util.ServiceLoader}, as DJL finds its
 * engines: an adapter module lists its provider in {@code
 * META-INF/services/dev.perbench.harness.model.ModelProvider}, so this package knows no adapter and
 * a build without an adapter (the website has no DJL) simply lacks that form.
 */
public interface ModelProvider {
  /** The spec form for help and messages, e.g. {@code djl:PATH}. */
  String form();

  /** Where the form goes in lists (help, messages): lower first. */
  int order();

  /** Whether this provider opens {@code spec}. */
  boolean accepts(String spec);

  /**
   * Opens the model {@code spec} names.
   *
   * @param benchmark the benchmark the model will run on (a prediction file is checked against its
   *     samples)
   * @throws ModelSpecException when the spec, its file or the options cannot be used
   * @throws ModelUnavailableException when what the spec names is there but fails
   */
  Model open(String spec, ModelOptions options, LoadedSplit benchmark) throws ModelException;
}

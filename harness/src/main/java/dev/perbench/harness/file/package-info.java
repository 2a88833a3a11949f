/** The {@code file:PATH} adapter: a prediction file run through the runner as a model. */
package dev.perbench.harness.file;

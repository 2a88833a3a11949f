package dev.perbench.harness.model;

/**
 * A model cannot be opened or cannot answer. Two kinds, because the user acts differently on each:
 * {@link ModelSpecException} (the model as named cannot be used: fix the spec, the file or the
 * options) and {@link ModelUnavailableException} (its server or engine failed: try again or fix the
 * server). Thrown by {@link Model#predict} it fails one batch, whose samples the runner records as
 * failed with this message.
 */
public abstract class ModelException extends Exception {
  private static final long serialVersionUID = 1L;

  protected ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}

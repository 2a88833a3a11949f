package dev.perbench.harness.model;

/**
 * The model's server or engine failed: it cannot be reached, did not answer in time, or answered
 * something that is not the protocol. The message says which server and what happened.
 */
public class ModelUnavailableException extends ModelException {
  private static final long serialVersionUID = 1L;

  public ModelUnavailableException(String message) {
    super(message, null);
  }

  public ModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

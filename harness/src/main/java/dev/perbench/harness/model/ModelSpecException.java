package dev.perbench.harness.model;

/**
 * The model as the user named it cannot be used: an unknown spec, a missing or malformed model file
 * or sidecar, an unknown baseline, a device it cannot run on, outputs that break its contract. The
 * message says which spec or file and what was expected.
 */
public class ModelSpecException extends ModelException {
  private static final long serialVersionUID = 1L;

  public ModelSpecException(String message) {
    super(message, null);
  }

  public ModelSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}

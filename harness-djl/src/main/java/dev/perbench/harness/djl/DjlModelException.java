package dev.perbench.harness.djl;

import dev.perbench.harness.model.ModelSpecException;

/**
 * A {@code djl:} model cannot be used: its file or sidecar is missing or malformed, the engine
 * cannot load it, the device is not available, or its outputs break the tensor contract. The
 * message says which file and what was expected.
 */
public class DjlModelException extends ModelSpecException {
  private static final long serialVersionUID = 1L;

  public DjlModelException(String message) {
    super(message);
  }

  public DjlModelException(String message, Throwable cause) {
    super(message, cause);
  }
}

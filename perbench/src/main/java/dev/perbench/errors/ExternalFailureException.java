package dev.perbench.errors;

/**
 * The outside world failed, not the user's input and not the harness: a model server that is down
 * or answers garbage, a full disk, a file that cannot be written. The command line reports the
 * message (exit code 1) without a stack trace. Anything that is neither this nor an {@link
 * InputException} is a bug, reported with its stack trace.
 */
public class ExternalFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExternalFailureException(String message) {
    super(message);
  }

  public ExternalFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.perbench.app;

/**
 * Bad input from the user (a file, a line, an option value): reported as one message on stderr with
 * exit code 2, never as a stack trace. The message names where the problem is and, where it helps,
 * what to do next.
 */
public final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}

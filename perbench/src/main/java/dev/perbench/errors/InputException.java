package dev.perbench.errors;

/**
 * Bad input from the user: a file, a line, a field or an option value that cannot be used. The
 * command line reports it as one message (exit code 2), never with a stack trace; the website
 * answers 400 with the message. The message names where the problem is (file, line, field, option)
 * and, where it helps, what to do next.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}

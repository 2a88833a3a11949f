package dev.perbench.harness.judge;

/** A judge's reply that does not follow the format its template asked for; the message says how. */
public final class UnparsedReplyException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnparsedReplyException(String message) {
    super(message);
  }
}

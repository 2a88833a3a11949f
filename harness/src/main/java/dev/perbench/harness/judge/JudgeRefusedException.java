package dev.perbench.harness.judge;

/**
 * Judging that cannot start or go on, for a reason the user fixes: the call budget is too small, or
 * the endpoint refuses every call (a wrong key, URL or model name). The message says what to do.
 */
public final class JudgeRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public JudgeRefusedException(String message) {
    super(message);
  }
}

package dev.perbench.web.submit;

import dev.perbench.errors.InputException;

/**
 * A submission refused by a limit: the message names the limit and, for the per-period ones, when
 * it resets. HTTP 413 for sizes, 429 for counts.
 */
public final class LimitExceededException extends InputException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;

  public LimitExceededException(String message, int httpStatus) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}

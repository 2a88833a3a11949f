package dev.perbench.harness.judge;

/**
 * A judge call that failed for good: every retry used up, or an answer that retrying cannot mend
 * (400, 401, 404: a request the endpoint refuses, a wrong key, URL or model). The judgement counts
 * as {@code failed}, never as a score.
 */
public final class JudgeCallException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the HTTP status of an answer that is not retried (4xx), or 0 when the retries
   *     were used up (timeouts, connection errors, 5xx, 429, malformed answers)
   */
  public JudgeCallException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The refusing answer's HTTP status, or 0 when the call failed after its retries. */
  public int status() {
    return status;
  }

  /**
   * Whether every call to this endpoint will fail the same way: a wrong key (401, 403) or a wrong
   * URL or model name (404). Judging stops at once instead of failing every sample.
   */
  public boolean misconfigured() {
    return status == 401 || status == 403 || status == 404;
  }
}

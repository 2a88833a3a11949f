package dev.perbench.web.submit;

import java.util.Locale;

/**
 * Where a submission is: {@code submitted} (queued) → {@code validating} → {@code scoring} → {@code
 * finished} or {@code failed}; {@code cancelled} by its owner while queued.
 */
public enum SubmissionStatus {
  SUBMITTED,
  VALIDATING,
  SCORING,
  FINISHED,
  FAILED,
  CANCELLED;

  /** The status as the database, the API and the pages spell it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the submission is still in the queue or being worked on. */
  public boolean active() {
    return this == SUBMITTED || this == VALIDATING || this == SCORING;
  }

  public static SubmissionStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}

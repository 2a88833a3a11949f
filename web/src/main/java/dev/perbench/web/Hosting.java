package dev.perbench.web;

import dev.perbench.web.submit.SubmissionLimits;
import java.nio.file.Path;

/**
 * How the site takes submissions.
 *
 * @param uploads the folder uploaded prediction files are stored in, or null when the site takes no
 *     submissions (a read-only mirror: the submission routes answer 503)
 * @param limits what one upload and one user may send
 * @param signup whether people may make their own participant accounts (else by invitation)
 */
public record Hosting(Path uploads, SubmissionLimits limits, boolean signup) {
  /** A site that takes no submissions and no sign-ups. */
  public static Hosting readOnly() {
    return new Hosting(null, SubmissionLimits.DEFAULTS, false);
  }

  /** Whether the site takes submissions. */
  public boolean open() {
    return uploads != null;
  }
}

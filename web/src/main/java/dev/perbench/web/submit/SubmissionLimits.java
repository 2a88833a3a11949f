package dev.perbench.web.submit;

/**
 * What one upload and one user may send (EvalAI's max_submissions_per_day and
 * max_concurrent_submissions_allowed model). Failed and cancelled submissions do not count.
 *
 * @param maxUploadBytes the largest file as sent (compressed or not)
 * @param maxDecompressedBytes the largest file once decompressed
 * @param maxRatio the most a gzip-compressed file may grow when decompressed
 * @param maxLineBytes the longest line of the prediction file
 * @param perDay submissions per user per benchmark per UTC day
 * @param perMonth submissions per user per benchmark per UTC calendar month
 * @param concurrent a user's submissions queued or being scored at once
 */
public record SubmissionLimits(
    long maxUploadBytes,
    long maxDecompressedBytes,
    int maxRatio,
    int maxLineBytes,
    int perDay,
    int perMonth,
    int concurrent) {
  /** 1 GiB sent, 8 GiB decompressed and at most 50 times the sent size, 64 MiB lines; 5 a day. */
  public static final SubmissionLimits DEFAULTS =
      new SubmissionLimits(1L << 30, 8L << 30, 50, 64 << 20, 5, 50, 2);

  public SubmissionLimits {
    if (maxUploadBytes < 1
        || maxDecompressedBytes < 1
        || maxRatio < 1
        || maxLineBytes < 1
        || perDay < 1
        || perMonth < perDay
        || concurrent < 1) {
      throw new IllegalArgumentException("limits must be positive and perMonth >= perDay");
    }
  }
}

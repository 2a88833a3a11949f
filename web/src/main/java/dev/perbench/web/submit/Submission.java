package dev.perbench.web.submit;

import java.time.Instant;

/**
 * A submission as stored: what was uploaded, where it is in the queue, when each status was
 * reached, and its outcome.
 *
 * @param storedFile the uploaded predictions as stored on the server (decompressed JSON lines)
 * @param fileName the uploaded file's name as the client gave it (shown, never used as a path)
 * @param error why it failed, for its owner (validation problems with their line numbers)
 * @param log what the worker did, for its owner
 * @param entryId the entry its result was stored under once finished, else null
 * @param attempts how many times a worker claimed it (more than one after a crash)
 */
public record Submission(
    String id,
    long userId,
    String benchmark,
    String profile,
    String cardJson,
    String fileName,
    String storedFile,
    String fileSha256,
    long uploadedBytes,
    SubmissionStatus status,
    Instant submittedAt,
    Instant validatingAt,
    Instant scoringAt,
    Instant finishedAt,
    Instant failedAt,
    Instant cancelledAt,
    String error,
    String log,
    String entryId,
    int attempts) {}

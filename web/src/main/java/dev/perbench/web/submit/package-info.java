/**
 * Hosted submissions: the stored prediction files, the durable scoring queue with its statuses
 * ({@link dev.perbench.web.submit.SubmissionQueue}), the per-user limits, and the workers that
 * validate and score queued submissions with the same code as {@code perbench score}.
 */
package dev.perbench.web.submit;

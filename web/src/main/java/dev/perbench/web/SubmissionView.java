package dev.perbench.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.web.submit.Submission;
import dev.perbench.web.submit.SubmissionQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A submission as its owner sees it through the API: where it is, when it got there, and its
 * outcome.
 *
 * @param position its place in the queue (1 = next) while queued, else null
 * @param uploadedBytes the prediction file's size as sent
 * @param fileSha256 the SHA-256 of the prediction file as stored (decompressed)
 * @param error why it failed (validation problems with their line numbers), else null
 * @param log what the worker did, else null
 * @param entryId the (private) entry its result was stored under, once finished
 * @param metrics that result's metrics.json, once finished
 */
public record SubmissionView(
    String id,
    String benchmark,
    String profile,
    String status,
    Integer position,
    String fileName,
    long uploadedBytes,
    String fileSha256,
    Times times,
    int attempts,
    String error,
    String log,
    String entryId,
    JsonNode metrics) {

  /** When the submission reached each status; null for those it has not reached. */
  public record Times(
      String submitted,
      String validating,
      String scoring,
      String finished,
      String failed,
      String cancelled) {}

  /** The view of {@code s}, with its queue position and result read from {@code queue}. */
  public static SubmissionView of(Submission s, SubmissionQueue queue) {
    int position = queue.position(s);
    JsonNode metrics = queue.metricsJson(s).map(SubmissionView::tree).orElse(null);
    return new SubmissionView(
        s.id(),
        s.benchmark(),
        s.profile(),
        s.status().id(),
        position == 0 ? null : position,
        s.fileName(),
        s.uploadedBytes(),
        s.fileSha256(),
        new Times(
            text(s.submittedAt()),
            text(s.validatingAt()),
            text(s.scoringAt()),
            text(s.finishedAt()),
            text(s.failedAt()),
            text(s.cancelledAt())),
        s.attempts(),
        s.error(),
        s.log(),
        s.entryId(),
        metrics);
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static JsonNode tree(String json) {
    try {
      return StrictJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored metrics.json is not JSON", e);
    }
  }
}

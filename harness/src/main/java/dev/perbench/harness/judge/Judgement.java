package dev.perbench.harness.judge;

import java.util.List;

/**
 * What one judge made of one sample: a line of {@code judgements.jsonl}.
 *
 * @param status {@link #OK}, {@link #UNPARSED} (a reply that did not follow the format, even when
 *     asked again) or {@link #FAILED} (a call that failed after its retries); only {@code ok}
 *     samples are scored
 * @param verdict the sample's verdict when {@code ok}, else null
 * @param chats each chat of the protocol, in order
 */
public record Judgement(
    String sampleId,
    String judge,
    String protocol,
    String templateSha256,
    String status,
    SampleVerdict verdict,
    List<Chat> chats) {
  public static final String OK = "ok";
  public static final String UNPARSED = "unparsed";
  public static final String FAILED = "failed";

  public Judgement {
    chats = List.copyOf(chats);
  }

  /**
   * One chat of a judgement.
   *
   * @param promptSha256 SHA-256 of the rendered messages (the cache key's part that is the prompt)
   * @param reply the judge's last reply, raw; null when the call failed
   * @param model the model the endpoint reported for that reply
   * @param cached whether the reply came from the cache (no call made)
   * @param reasked whether the first reply could not be read and the judge was asked once more
   * @param ratings the ratings read from the reply, or null
   * @param error why there are no ratings (the call's failure, or the reply's format), or null
   */
  public record Chat(
      String promptSha256,
      String reply,
      String model,
      boolean cached,
      boolean reasked,
      double[] ratings,
      String error) {}
}

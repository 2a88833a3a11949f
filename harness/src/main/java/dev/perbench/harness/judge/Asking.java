package dev.perbench.harness.judge;

import java.util.List;

/**
 * What a {@link ChatJudge} asks about one kind of item: the chats of an item, how a reply is read,
 * what the judge is reminded of when it could not be read, and the item's verdict.
 *
 * @param <I> the item judged
 */
interface Asking<I> {
  /** The protocol's name, as judgements.jsonl records it. */
  String name();

  JudgeTemplate template();

  String sampleId(I item);

  /** The chats to send for one item, in order. */
  List<List<ChatMessage>> chats(I item);

  /**
   * The ratings in one chat's reply.
   *
   * @throws UnparsedReplyException when the reply does not follow the template's format
   */
  double[] parse(I item, String reply) throws UnparsedReplyException;

  /** What the judge is told when its reply could not be read, before it is asked once more. */
  String reminder(I item);

  /** An item's verdict from the ratings of each of its chats. */
  SampleVerdict verdict(I item, List<double[]> ratings);

  /** A caption protocol as an {@code Asking}. */
  static Asking<CaptionItem> of(JudgeProtocol p) {
    return new Asking<>() {
      @Override
      public String name() {
        return p.name();
      }

      @Override
      public JudgeTemplate template() {
        return p.template();
      }

      @Override
      public String sampleId(CaptionItem item) {
        return item.sampleId();
      }

      @Override
      public List<List<ChatMessage>> chats(CaptionItem item) {
        return p.chats(item);
      }

      @Override
      public double[] parse(CaptionItem item, String reply) throws UnparsedReplyException {
        return p.parse(reply);
      }

      @Override
      public String reminder(CaptionItem item) {
        return p.reminder();
      }

      @Override
      public SampleVerdict verdict(CaptionItem item, List<double[]> ratings) {
        return p.verdict(ratings);
      }
    };
  }
}

package dev.perbench.harness.judge;

import java.util.List;

/**
 * How a judge scores a description: the chats to send for a sample, how a reply is read, and how a
 * sample's replies make its verdict. Each protocol has one versioned template ({@link
 * JudgeTemplate}).
 */
public interface JudgeProtocol {
  /** The protocol's name, as {@code --judge-protocol} takes it. */
  String name();

  JudgeTemplate template();

  /** The chats to send for one sample (several when the protocol asks in more than one order). */
  List<List<ChatMessage>> chats(CaptionItem item);

  /**
   * The ratings in one chat's reply.
   *
   * @throws UnparsedReplyException when the reply does not follow the template's format
   */
  double[] parse(String reply) throws UnparsedReplyException;

  /** What the judge is told when its reply could not be read, before it is asked once more. */
  String reminder();

  /** A sample's verdict from the ratings of each of its chats, in {@link #chats} order. */
  SampleVerdict verdict(List<double[]> ratings);

  /** The protocols by name. */
  static JudgeProtocol named(String name) {
    switch (name) {
      case PairwiseRef.NAME:
        return new PairwiseRef();
      case RubricRef.NAME:
        return new RubricRef();
      default:
        throw new IllegalArgumentException(
            "judge protocol '"
                + name
                + "' is unknown; the protocols are "
                + PairwiseRef.NAME
                + " and "
                + RubricRef.NAME);
    }
  }
}

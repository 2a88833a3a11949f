package dev.perbench.harness.judge;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ferret-Bench and Osprey's pairwise protocol: the judge sees the reference description and the
 * model's, rates each from 1 to 10 on the first line of its reply, and explains after. Position
 * bias is the best documented failure of LLM judges, so every sample is asked in both orders
 * (reference first, then model first); the sample's numerator is the model's two ratings, its
 * denominator the reference's two (so the score is Ferret's "relative score", model over reference
 * in percent, summed over both orders), and it is {@code inconsistent} when the two orders disagree
 * on which answer is better.
 */
public final class PairwiseRef implements JudgeProtocol {
  public static final String NAME = "pairwise-ref";

  /**
   * The first line: two ratings, separated by a space or a comma, integers or decimals (judges do
   * write "7.5"); nothing else on the line.
   */
  private static final Pattern SCORES =
      Pattern.compile("^\\s*(\\d{1,2}(?:\\.\\d+)?)\\s*(?:,\\s*|\\s+)(\\d{1,2}(?:\\.\\d+)?)\\s*$");

  private final JudgeTemplate template = JudgeTemplate.load(NAME, 1);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JudgeTemplate template() {
    return template;
  }

  @Override
  public List<List<ChatMessage>> chats(CaptionItem item) {
    return List.of(
        template.render(values(item, item.reference(), item.answer())),
        template.render(values(item, item.answer(), item.reference())));
  }

  private static Map<String, String> values(CaptionItem item, String first, String second) {
    return Map.of(
        "context",
        item.context(),
        "question",
        item.question(),
        "assistant_1",
        first,
        "assistant_2",
        second);
  }

  @Override
  public double[] parse(String reply) throws UnparsedReplyException {
    String first = reply.strip().lines().findFirst().orElse("");
    Matcher m = SCORES.matcher(first);
    if (!m.matches()) {
      throw new UnparsedReplyException(
          "the first line is not two scores separated by a space: '" + shorten(first) + "'");
    }
    double a = Double.parseDouble(m.group(1));
    double b = Double.parseDouble(m.group(2));
    if (a < 1 || a > 10 || b < 1 || b > 10) {
      throw new UnparsedReplyException("a score outside 1 to 10: '" + shorten(first) + "'");
    }
    return new double[] {a, b};
  }

  @Override
  public String reminder() {
    return "Your reply could not be read. Reply again: on the first line write only the two"
        + " scores from 1 to 10, Assistant 1's and then Assistant 2's, separated by a space"
        + " (e.g. \"7 5\"), then explain on the following lines.";
  }

  @Override
  public SampleVerdict verdict(List<double[]> ratings) {
    // chat 0: [reference, model]; chat 1: [model, reference]
    double ref0 = ratings.get(0)[0];
    double model0 = ratings.get(0)[1];
    double model1 = ratings.get(1)[0];
    double ref1 = ratings.get(1)[1];
    boolean inconsistent = Math.signum(model0 - ref0) != Math.signum(model1 - ref1);
    return new SampleVerdict(model0 + model1, ref0 + ref1, (model0 + model1) / 2, inconsistent);
  }

  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}

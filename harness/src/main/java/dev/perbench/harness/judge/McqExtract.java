package dev.perbench.harness.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --judge-mcq}: a judge reads a free-form multiple-choice answer that the strict extractor
 * could not parse and says which option it chose (VLMEvalKit's approach, without its random
 * fallback). One chat per answer, template {@code mcq-extract.v1}.
 *
 * <p>The reply is read strictly: stripped of surrounding whitespace, it must be exactly one of the
 * sample's option letters (upper case) or {@code NONE}, optionally followed by one full stop
 * ({@code "B."}, {@code "NONE."}). Anything else, a letter that is not one of the sample's options
 * included, is unreadable. A chat's ratings are one number: the letter's place in the alphabet
 * ({@code A} = 1), or 0 for {@code NONE}.
 */
public final class McqExtract implements Asking<McqItem> {
  public static final String NAME = "mcq-extract";

  /** What the judge replies when the answer chooses no option, or several. */
  public static final String NONE = "NONE";

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
  public String sampleId(McqItem item) {
    return item.sampleId();
  }

  @Override
  public List<List<ChatMessage>> chats(McqItem item) {
    StringBuilder options = new StringBuilder();
    for (Map.Entry<String, String> o : item.options().entrySet()) {
      if (options.length() > 0) {
        options.append('\n');
      }
      options.append(o.getKey()).append(". ").append(o.getValue());
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("question", item.question().strip());
    values.put("options", options.toString());
    values.put("answer", item.answer());
    values.put("letters", letters(item));
    return List.of(template.render(values));
  }

  @Override
  public double[] parse(McqItem item, String reply) throws UnparsedReplyException {
    String s = reply.strip();
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.equals(NONE)) {
      return new double[] {0};
    }
    if (s.length() == 1 && item.options().containsKey(s)) {
      return new double[] {s.charAt(0) - 'A' + 1};
    }
    throw new UnparsedReplyException(
        "the reply is not one of the option letters " + item.options().keySet() + " or NONE");
  }

  @Override
  public String reminder(McqItem item) {
    return "Your reply could not be read. Reply with exactly one of the option letters "
        + letters(item)
        + ", or with NONE, and nothing else.";
  }

  /**
   * 1 of 1 when the option the judge read is the correct one, 0 of 1 otherwise (another option, or
   * NONE); the choice is the letter, or null for NONE.
   */
  @Override
  public SampleVerdict verdict(McqItem item, List<double[]> ratings) {
    String letter = letter(ratings.get(0));
    boolean correct = letter != null && letter.equals(item.correctLetter());
    return new SampleVerdict(correct ? 1 : 0, 1, 0, null, letter);
  }

  /** The letter of a chat's ratings, or null for NONE. */
  static String letter(double[] ratings) {
    int k = (int) ratings[0];
    return k == 0 ? null : String.valueOf((char) ('A' + k - 1));
  }

  private static String letters(McqItem item) {
    List<String> keys = new ArrayList<>(item.options().keySet());
    if (keys.size() == 1) {
      return keys.get(0);
    }
    return String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
  }
}

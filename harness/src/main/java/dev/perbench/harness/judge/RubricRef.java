package dev.perbench.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pointwise rubric against the reference: the judge replies with a JSON object of three 1-10
 * ratings (correctness, completeness, hallucination, where 10 means none) and a one-sentence
 * reason. The sample's score is the mean of the three mapped to 0-1 ({@code (mean - 1) / 9}), so
 * the protocol's score is 0 to 100.
 *
 * <p>The reply is read strictly: one JSON object with exactly those four fields, the ratings
 * integers from 1 to 10. The one leniency, documented: the object may be wrapped in a Markdown code
 * fence (```json ... ```), which chat models add unasked.
 */
public final class RubricRef implements JudgeProtocol {
  public static final String NAME = "rubric-ref";

  private static final List<String> SCALES =
      List.of("correctness", "completeness", "hallucination");
  private static final Set<String> FIELDS =
      Set.of("correctness", "completeness", "hallucination", "reason");
  private static final ObjectMapper JSON = new ObjectMapper();

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
        template.render(
            Map.of(
                "context", item.context(),
                "question", item.question(),
                "reference", item.reference(),
                "answer", item.answer())));
  }

  @Override
  public double[] parse(String reply) throws UnparsedReplyException {
    String text = unfence(reply.strip());
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new UnparsedReplyException("not a JSON object: '" + PairwiseRef.shorten(text) + "'");
    }
    if (root == null || !root.isObject()) {
      throw new UnparsedReplyException("not a JSON object: '" + PairwiseRef.shorten(text) + "'");
    }
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    if (!names.equals(new TreeSet<>(FIELDS))) {
      throw new UnparsedReplyException(
          "the fields must be exactly " + new TreeSet<>(FIELDS) + ", not " + names);
    }
    double[] out = new double[SCALES.size()];
    for (int i = 0; i < SCALES.size(); i++) {
      JsonNode v = root.get(SCALES.get(i));
      if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 10) {
        throw new UnparsedReplyException(SCALES.get(i) + " is not an integer from 1 to 10: " + v);
      }
      out[i] = v.asInt();
    }
    if (!root.get("reason").isTextual()) {
      throw new UnparsedReplyException("reason is not a string");
    }
    return out;
  }

  /** The inside of one ``` or ```json fence around the whole reply; else the reply. */
  private static String unfence(String s) {
    if (s.startsWith("```") && s.endsWith("```") && s.length() >= 6) {
      String inner = s.substring(3, s.length() - 3);
      if (inner.startsWith("json")) {
        inner = inner.substring(4);
      }
      return inner.strip();
    }
    return s;
  }

  @Override
  public String reminder() {
    return "Your reply could not be read. Reply again with a single JSON object and nothing else:"
        + " {\"correctness\": <integer 1-10>, \"completeness\": <integer 1-10>,"
        + " \"hallucination\": <integer 1-10>, \"reason\": \"<one sentence>\"}";
  }

  @Override
  public SampleVerdict verdict(List<double[]> ratings) {
    double[] r = ratings.get(0);
    double mean = (r[0] + r[1] + r[2]) / 3;
    return new SampleVerdict((mean - 1) / 9, 1, mean, null);
  }
}

package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perbench.harness.json.FieldException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Detailed object description (caption): mean METEOR and its interval, and the scores of the LLM
 * judges that judged the descriptions, when any did.
 *
 * @param judges each judge's score by the judge's name ({@code JudgeSpec.name()}), in name order;
 *     null (absent from the file) when no judge ran, never empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"convention", "n", "missing", "failed", "meteor", "ci", "judges"})
public record CaptionTaskResult(
    @JsonProperty(value = "convention", required = true) String convention,
    Long n,
    Long missing,
    Long failed,
    Double meteor,
    Ci ci,
    Map<String, JudgeScore> judges)
    implements TaskResult {
  /** A judge's name: what {@code JudgeSpec.name()} makes of a model name. */
  public static final Pattern JUDGE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  /**
   * Types and ranges; which fields must be present depends on the file (see {@link Evaluation}).
   */
  public CaptionTaskResult {
    Fractions.convention(convention);
    Fractions.counts(n, missing, failed);
    Fractions.fraction("meteor", meteor);
    judges = judgeMap("judges", judges, true);
  }

  /** Without judges. */
  public CaptionTaskResult(
      String convention, Long n, Long missing, Long failed, Double meteor, Ci ci) {
    this(convention, n, missing, failed, meteor, ci, null);
  }

  /** The same result with {@code judges} (null: none) in place of its judges. */
  public CaptionTaskResult withJudges(Map<String, JudgeScore> judges) {
    return new CaptionTaskResult(convention, n, missing, failed, meteor, ci, judges);
  }

  /**
   * A map by judge name as metrics.json holds it: null, or at least one entry, each name a judge
   * name, each value present when {@code valuesRequired}; copied in name order, so the file's order
   * does not depend on the order the judges were given in.
   */
  static <V> Map<String, V> judgeMap(String field, Map<String, V> map, boolean valuesRequired) {
    if (map == null) {
      return null;
    }
    if (map.isEmpty()) {
      throw new FieldException(field, "must name at least one judge, or be left out");
    }
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (e.getKey() == null || !JUDGE_NAME.matcher(e.getKey()).matches()) {
        throw new FieldException(
            field,
            "\""
                + e.getKey()
                + "\" is not a judge name (1 to 200 letters, digits, '.', '_' or '-')");
      }
      if (valuesRequired && e.getValue() == null) {
        throw new FieldException(field + "." + e.getKey(), "must be an object, not null");
      }
    }
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** The interval, absent when there were no samples. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ci(Interval meteor) {}

  @Override
  public List<MetricValue> values() {
    return meteor == null
        ? List.of()
        : List.of(new MetricValue("meteor", meteor, false, ci == null ? null : ci.meteor()));
  }
}

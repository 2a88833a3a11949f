package dev.perbench.harness.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perbench.harness.json.Check;
import dev.perbench.harness.json.FieldException;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gate: the file a user commits to say which metrics of a run may not regress against a baseline,
 * and by how much. YAML, TOML or JSON (read by {@link GateFiles}); schema {@code
 * docs/gate.schema.json}; format described in {@code docs/ci.md}.
 *
 * @param benchmark the benchmark the gate is for; a run of another one is refused (null: any)
 * @param profile the scoring profile the gate is for (null: any)
 * @param bootstrap resamples and seed of the paired bootstrap (null: 10,000 resamples, seed 0)
 * @param rules the rules, each a test case of the report, in this order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"benchmark", "profile", "bootstrap", "rules"})
public record GateFile(
    String benchmark,
    String profile,
    Resampling bootstrap,
    @JsonProperty(value = "rules", required = true) List<Rule> rules) {

  /** The resamples of a gate without a {@code bootstrap} section. */
  public static final int DEFAULT_RESAMPLES = 10_000;

  public GateFile {
    if (benchmark != null) {
      Check.nonEmpty("benchmark", benchmark);
    }
    if (profile != null) {
      Check.oneOf(
          "profile", profile, Arrays.stream(EvalProfile.values()).map(EvalProfile::id).toList());
    }
    Check.present("rules", rules);
    if (rules.isEmpty()) {
      throw new FieldException("rules", "no rule; a gate needs at least one");
    }
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) == null) {
        throw new FieldException("rules[" + i + "]", "must be a rule, not null");
      }
    }
    rules = List.copyOf(rules);
  }

  /** The bootstrap settings of rule {@code r}: its confidence, the gate's resamples and seed. */
  public BootstrapSettings settings(Rule r) {
    Resampling b = bootstrap == null ? new Resampling(null, null) : bootstrap;
    return new BootstrapSettings(r.level(), b.resamplesOrDefault(), b.seedOrDefault());
  }

  /**
   * How the paired bootstrap resamples.
   *
   * @param resamples rounds (null: {@link #DEFAULT_RESAMPLES})
   * @param seed the generator's seed (null: 0)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resampling(Integer resamples, Long seed) {
    public Resampling {
      if (seed != null && (seed < 0 || seed > MAX_SEED)) {
        throw new FieldException("seed", "must be 0 to " + MAX_SEED + " (2^53 - 1), not " + seed);
      }
      if (resamples != null && (resamples < 100 || resamples > BootstrapSettings.MAX_RESAMPLES)) {
        throw new FieldException(
            "resamples",
            "must be 100 to "
                + BootstrapSettings.MAX_RESAMPLES
                + ", not "
                + resamples
                + " (10,000 gives stable bounds)");
      }
    }

    /**
     * The largest seed: 2^53 - 1, exact in every reader (jackson-dataformat-toml 2.20 misreads
     * integers of 19 digits, e.g. 1000000000000000000 as 0, which would change the seed silently).
     */
    public static final long MAX_SEED = (1L << 53) - 1;

    int resamplesOrDefault() {
      return resamples == null ? DEFAULT_RESAMPLES : resamples;
    }

    long seedOrDefault() {
      return seed == null ? 0 : seed;
    }
  }

  /**
   * One rule: exactly one of {@code max_drop}, {@code max_drop_relative} and {@code min}.
   *
   * @param metric {@code TASK.METRIC} or {@code overall} ({@link MetricName})
   * @param maxDrop the tolerated drop in points (percentage points: 0.5 is 0.005 of a fraction);
   *     the rule fails when the run is significantly below the baseline by more than this
   * @param maxDropRelative the tolerated drop relative to the baseline's value, {@code "2%"}
   * @param min a floor on the run's value, in the unit of metrics.json (a fraction such as 0.70;
   *     percent for {@code overall})
   * @param on for {@code min}: {@code estimate} (the default: the point estimate) or {@code lower}
   *     (the lower end of the run's own interval at {@code confidence})
   * @param confidence the interval's level (null: 0.95)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"metric", "max_drop", "max_drop_relative", "min", "on", "confidence"})
  public record Rule(
      @JsonProperty(value = "metric", required = true) String metric,
      @JsonProperty("max_drop") Double maxDrop,
      @JsonProperty("max_drop_relative") String maxDropRelative,
      Double min,
      String on,
      Double confidence) {
    public static final String ESTIMATE = "estimate";
    public static final String LOWER = "lower";
    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%");

    public Rule {
      Check.present("metric", metric);
      MetricName name = MetricName.parse("metric", metric);
      int criteria = (maxDrop != null ? 1 : 0) + (maxDropRelative != null ? 1 : 0);
      criteria += min != null ? 1 : 0;
      if (criteria != 1) {
        throw new FieldException(
            "",
            "a rule needs exactly one of max_drop, max_drop_relative and min (this one has "
                + criteria
                + "); write two rules for two checks of one metric");
      }
      if (maxDrop != null && !(maxDrop >= 0 && maxDrop <= 100)) {
        throw new FieldException("max_drop", maxDrop + " is not in [0, 100] (points)");
      }
      if (maxDropRelative != null) {
        Matcher m = PERCENT.matcher(maxDropRelative);
        if (!m.matches() || Double.parseDouble(m.group(1)) > 100) {
          throw new FieldException(
              "max_drop_relative",
              "\"" + maxDropRelative + "\" is not a percentage from 0% to 100% such as \"2%\"");
        }
      }
      if ((maxDrop != null || maxDropRelative != null) && name.sampleMetric().isEmpty()) {
        throw new FieldException(
            "metric",
            metric
                + " cannot be gated on a drop: only metrics with a per-sample form can"
                + " (res.ciou, res.giou, vres.ciou, vres.giou, mcq.accuracy, caption.meteor);"
                + " give it a floor (min) instead");
      }
      if (min != null) {
        double top = name.percent() ? 100 : 1;
        if (!(min >= 0 && min <= top)) {
          throw new FieldException(
              "min",
              min
                  + " is not in [0, "
                  + (int) top
                  + "]"
                  + (name.percent()
                      ? " (overall is in percent)"
                      : " (a fraction, as metrics.json has it: 0.70 for 70%)"));
        }
        if (on != null) {
          Check.oneOf("on", on, List.of(ESTIMATE, LOWER));
        }
      } else if (on != null) {
        throw new FieldException("on", "only a floor (min) has it");
      }
      if (confidence != null && !(confidence >= 0.5 && confidence < 1)) {
        throw new FieldException(
            "confidence", confidence + " is not in [0.5, 1) (0.95 is customary)");
      }
    }

    /** The metric, parsed. */
    public MetricName name() {
      return MetricName.parse("metric", metric);
    }

    /** The interval's level. */
    public double level() {
      return confidence == null ? 0.95 : confidence;
    }

    /** Whether a floor is on the interval's lower end rather than the estimate. */
    public boolean onLower() {
      return LOWER.equals(on);
    }

    /** The relative tolerance as a fraction (2% is 0.02), or null. */
    public Double relativeFraction() {
      if (maxDropRelative == null) {
        return null;
      }
      return Double.parseDouble(maxDropRelative.substring(0, maxDropRelative.length() - 1)) / 100;
    }

    /** How the rule reads in reports: {@code max_drop 0.5}, {@code min 0.7 (lower)}. */
    public String criterion() {
      if (maxDrop != null) {
        return "max_drop " + Numbers.plain(maxDrop);
      }
      if (maxDropRelative != null) {
        return "max_drop_relative " + maxDropRelative;
      }
      return "min " + Numbers.plain(min) + (onLower() ? " (lower)" : "");
    }
  }
}

package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perbench.data.model.Task;
import dev.perbench.harness.json.Check;
import dev.perbench.harness.json.FieldException;
import dev.perbench.metrics.score.PerBenchScore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scores of a set of predictions on one benchmark: the content of {@code metrics.json} (written
 * and read by {@link dev.perbench.harness.run.MetricsFiles}; schema {@code
 * docs/metrics.schema.json}).
 *
 * <p>Harness results have every field. Results copied from a paper ({@code "profile": "reported"},
 * in {@code submissions/}) have only the benchmark, the profile, the tasks and, optionally, {@code
 * overall}.
 *
 * @param metricsVersion the version of the harness's metric code that produced the numbers ({@link
 *     #METRICS_VERSION} when written now); null for reported results
 * @param profile a {@link EvalProfile} id, or {@code reported}
 * @param n samples scored
 * @param warnings by warning code, the samples whose prediction carried that warning (a model
 *     server's {@code meta.warnings}, e.g. {@code empty_visual_prompt}: a prompt region that
 *     vanished when the model shrank it); null (absent) when none did
 * @param overall the PerBench overall score in percent, when caption, mcq and vres were all scored;
 *     null otherwise
 * @param overallJudge by judge name, the PerBench overall score with that judge's description score
 *     (percent) in place of METEOR, when a judge ran and {@code overall} is defined, else null
 *     (absent); a judge that rated no sample has null. Above 100 only with a judge score above 100
 *     (a pairwise protocol's relative score)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "metrics_version",
  "benchmark",
  "profile",
  "n",
  "missing",
  "failed",
  "warnings",
  "tasks",
  "overall",
  "overall_judge",
  "ci"
})
public record Evaluation(
    @JsonProperty("metrics_version") Integer metricsVersion,
    @JsonProperty(value = "benchmark", required = true) String benchmark,
    @JsonProperty(value = "profile", required = true) String profile,
    Long n,
    Long missing,
    Long failed,
    Map<String, Long> warnings,
    @JsonProperty(value = "tasks", required = true) TaskResults tasks,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double overall,
    @JsonProperty("overall_judge") Map<String, Double> overallJudge,
    BootstrapSettings ci) {

  /**
   * The version of the metric code. Raise it with any change that can alter a number in {@code
   * metrics.json} (a metric, a profile's convention, the bootstrap), so that results of different
   * metric code can be told apart and re-scored. 2: under {@code pixel-sail}, res scores the first
   * mask only and a {@code no_target} answer by its mask (1 merged the masks and scored such an
   * answer as empty, as the other profiles still do).
   */
  public static final int METRICS_VERSION = 2;

  /** The profile of numbers copied from a paper. */
  public static final String REPORTED = "reported";

  private static final List<String> PROFILES =
      Arrays.stream(EvalProfile.values()).map(EvalProfile::id).toList();

  /**
   * The rules of {@code docs/metrics.schema.json} that one file shows (comparisons with the
   * benchmark and between fields are {@link dev.perbench.harness.submissions.MetricsCheck}'s).
   */
  public Evaluation {
    Check.nonEmpty("benchmark", benchmark);
    Check.present("profile", profile);
    if (!REPORTED.equals(profile)) {
      Check.oneOf("profile", profile, PROFILES);
    }
    Check.present("tasks", tasks);
    if (tasks.isEmpty()) {
      throw new FieldException("tasks", "no task (res, vres, mcq or caption)");
    }
    if (overall != null && !(overall >= 0 && overall <= 100)) {
      throw new FieldException(
          "overall", overall + " is not in [0, 100] (the PerBench overall score is in percent)");
    }
    overallJudge = CaptionTaskResult.judgeMap("overall_judge", overallJudge, false);
    if (overallJudge != null) {
      for (Map.Entry<String, Double> e : overallJudge.entrySet()) {
        if (e.getValue() != null && !(e.getValue() >= 0)) {
          throw new FieldException(
              "overall_judge." + e.getKey(), e.getValue() + " is not a number >= 0 (percent)");
        }
      }
    }
    Fractions.counts(n, missing, failed);
    if (warnings != null) {
      if (warnings.isEmpty()) {
        throw new FieldException("warnings", "empty; leave it out when no sample was warned");
      }
      for (Map.Entry<String, Long> w : warnings.entrySet()) {
        if (!w.getKey().matches("[a-z][a-z0-9_]*")) {
          throw new FieldException(
              "warnings", "\"" + w.getKey() + "\" is not a warning code (a-z, 0-9, _)");
        }
        if (w.getValue() == null || w.getValue() < 1 || (n != null && w.getValue() > n)) {
          throw new FieldException(
              "warnings." + w.getKey(), w.getValue() + " is not a count from 1 to n");
        }
      }
      warnings = java.util.Collections.unmodifiableMap(new TreeMap<>(warnings));
    }
    if (REPORTED.equals(profile)) {
      String why = "in numbers copied from a paper (they have no harness metric code or counts)";
      Check.absent("overall_judge", overallJudge, "in numbers copied from a paper (no judge ran)");
      if (tasks.caption() != null) {
        Check.absent(
            "tasks.caption.judges",
            tasks.caption().judges(),
            "in numbers copied from a paper (no judge ran)");
      }
      if (tasks.mcq() != null) {
        Check.absent(
            "tasks.mcq.judges",
            tasks.mcq().judges(),
            "in numbers copied from a paper (no judge ran)");
      }
      Check.absent("metrics_version", metricsVersion, why);
      Check.absent("warnings", warnings, why);
      Check.absent("n", n, why);
      Check.absent("missing", missing, why);
      Check.absent("failed", failed, why);
      Check.absent("ci", ci, why);
      tasks.byTask().forEach(Evaluation::someValue);
    } else {
      if (metricsVersion == null) {
        throw new FieldException(
            "metrics_version",
            "missing (required in harness results; numbers copied from a paper have \"profile\":"
                + " \"reported\")");
      }
      Check.atLeast("metrics_version", metricsVersion, 1, false);
      Check.present("n", n);
      Check.present("missing", missing);
      Check.present("failed", failed);
      Check.present("ci", ci);
      tasks.byTask().forEach(Evaluation::complete);
    }
  }

  /** Without judges (as every result is before judging). */
  public Evaluation(
      Integer metricsVersion,
      String benchmark,
      String profile,
      Long n,
      Long missing,
      Long failed,
      TaskResults tasks,
      Double overall,
      BootstrapSettings ci) {
    this(metricsVersion, benchmark, profile, n, missing, failed, null, tasks, overall, null, ci);
  }

  /**
   * The same result with {@code judges} (by judge name; null for none) as the caption task's
   * judges, and {@code overall_judge} computed from them: for each judge, {@link
   * PerBenchScore#overallWithJudge} of its score (percent) and the overall score's other
   * components, when {@code overall} is defined. Every other figure is unchanged.
   *
   * @throws IllegalArgumentException when there is no caption task to hold judges
   */
  public Evaluation withJudges(Map<String, JudgeScore> judges) {
    CaptionTaskResult caption = tasks.caption();
    if (caption == null) {
      if (judges == null) {
        return this;
      }
      throw new IllegalArgumentException("no caption task: there are no descriptions to judge");
    }
    Map<String, Double> withJudge = null;
    if (judges != null
        && overall != null
        && tasks.mcq() != null
        && tasks.mcq().accuracy() != null
        && tasks.vres() != null
        && tasks.vres().ciou() != null
        && tasks.vres().giou() != null) {
      withJudge = new TreeMap<>();
      for (Map.Entry<String, JudgeScore> j : judges.entrySet()) {
        Double score = j.getValue().score();
        withJudge.put(
            j.getKey(),
            score == null
                ? null
                : PerBenchScore.overallWithJudge(
                    score,
                    tasks.mcq().accuracy(),
                    100 * tasks.vres().ciou(),
                    100 * tasks.vres().giou()));
      }
    }
    return new Evaluation(
        metricsVersion,
        benchmark,
        profile,
        n,
        missing,
        failed,
        warnings,
        new TaskResults(caption.withJudges(judges), tasks.mcq(), tasks.vres(), tasks.res()),
        overall,
        withJudge,
        ci);
  }

  /**
   * The same result with {@code judges} (by judge name; null for none) as the mcq task's judges
   * ({@code --judge-mcq}). Every other figure, the mcq accuracy and {@code overall} included, is
   * unchanged.
   *
   * @throws IllegalArgumentException when there is no mcq task to hold judges
   */
  public Evaluation withChoiceJudges(Map<String, ChoiceJudgeScore> judges) {
    ChoiceTaskResult mcq = tasks.mcq();
    if (mcq == null) {
      if (judges == null) {
        return this;
      }
      throw new IllegalArgumentException("no mcq task: there are no answers to read");
    }
    return new Evaluation(
        metricsVersion,
        benchmark,
        profile,
        n,
        missing,
        failed,
        warnings,
        new TaskResults(tasks.caption(), mcq.withJudges(judges), tasks.vres(), tasks.res()),
        overall,
        overallJudge,
        ci);
  }

  /** A reported task gives at least one value. */
  private static void someValue(Task task, TaskResult r) {
    if (r.values().stream().noneMatch(v -> !v.count())) {
      throw new FieldException("tasks." + task.id(), "no metric value");
    }
  }

  /** A harness task has every value the harness writes for it. */
  private static void complete(Task task, TaskResult r) {
    String at = "tasks." + task.id() + ".";
    Check.present(at + "n", r.n());
    Check.present(at + "missing", r.missing());
    Check.present(at + "failed", r.failed());
    if (r instanceof SegmentationTaskResult s) {
      Check.present(at + "ciou", s.ciou());
      Check.present(at + "giou", s.giou());
      Check.present(at + "precision@0.5", s.precision50());
      Check.present(at + "precision@0.6", s.precision60());
      Check.present(at + "precision@0.7", s.precision70());
      Check.present(at + "precision@0.8", s.precision80());
      Check.present(at + "precision@0.9", s.precision90());
      Check.present(at + "masks", s.masks());
      Check.present(at + "ci", s.ci());
    } else if (r instanceof ChoiceTaskResult c) {
      Check.present(at + "accuracy", c.accuracy());
      Check.present(at + "correct", c.correct());
      Check.present(at + "unparsed", c.unparsed());
      Check.present(at + "ci", c.ci());
    } else if (r instanceof CaptionTaskResult c) {
      Check.present(at + "meteor", c.meteor());
      Check.present(at + "ci", c.ci());
    }
  }

  /** Whether these are numbers copied from a paper. */
  @JsonIgnore
  public boolean reported() {
    return REPORTED.equals(profile);
  }

  /** The harness profile (not for reported results). */
  @JsonIgnore
  public EvalProfile evalProfile() {
    return EvalProfile.fromId(profile);
  }
}

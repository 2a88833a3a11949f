package dev.perbench.harness.submissions;

import dev.perbench.data.model.Task;
import dev.perbench.harness.score.CaptionTaskResult;
import dev.perbench.harness.score.ChoiceJudgeScore;
import dev.perbench.harness.score.ChoiceTaskResult;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.JudgeScore;
import dev.perbench.harness.score.MetricValue;
import dev.perbench.harness.score.SegmentationTaskResult;
import dev.perbench.harness.score.TaskResult;
import dev.perbench.metrics.score.PerBenchScore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What a leaderboard entry's {@code metrics.json} must satisfy beyond its format: the format itself
 * (field names, types, ranges, the harness and reported flavours) is checked when the file is read
 * ({@link dev.perbench.harness.run.MetricsFiles#read}); here are the comparisons a schema cannot
 * make: the benchmark the folder names, the tasks that benchmark has, counts within {@code n},
 * intervals that hold their value, and {@code overall} consistent with its components.
 *
 * <p>Harness-produced results ({@code reproduced}, {@code baseline}, {@code submitted} entries)
 * carry a harness profile; reported results ({@code reported} entries, numbers copied from a paper)
 * carry {@code "profile": "reported"}.
 */
public final class MetricsCheck {
  /** The profile of numbers copied from a paper. */
  public static final String REPORTED_PROFILE = Evaluation.REPORTED;

  /** How far a reported {@code overall} may be from the one its rounded components give. */
  public static final double REPORTED_OVERALL_TOLERANCE = 0.25;

  /** How far a harness {@code overall} may be from its components (floating point only). */
  public static final double HARNESS_OVERALL_TOLERANCE = 1e-6;

  /**
   * The largest fraction of a benchmark's samples that may have failed (an error instead of a
   * prediction, scored as missing) in a harness result on the leaderboard: 1%. A result within it
   * is accepted and its failure count shown; one above it is refused.
   */
  public static final double MAX_FAILED_FRACTION = 0.01;

  private MetricsCheck() {}

  /**
   * Why {@code failed} of {@code n} samples is too many for a leaderboard entry, or null when it is
   * within {@link #MAX_FAILED_FRACTION}.
   */
  public static String tooManyFailed(long failed, long n) {
    if (failed <= MAX_FAILED_FRACTION * n) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "%,d of %,d samples failed (%.1f%%); a leaderboard entry allows at most %.0f%% (resume the"
            + " run after fixing the model, or re-run it)",
        failed,
        n,
        100.0 * failed / n,
        100 * MAX_FAILED_FRACTION);
  }

  /**
   * Checks {@code m}.
   *
   * @param benchmark the benchmark id the results folder names
   * @param tasks the tasks that benchmark has
   * @param reported whether the entry is {@code reported} (numbers from a paper)
   * @param problems receives each problem as {@code "field.path": why}
   */
  public static void check(
      Evaluation m,
      String benchmark,
      List<Task> tasks,
      boolean reported,
      Consumer<String> problems) {
    if (!m.benchmark().equals(benchmark)) {
      problems.accept(
          "\"benchmark\": \"" + m.benchmark() + "\" but the folder is for \"" + benchmark + "\"");
    }
    if (reported && !m.reported()) {
      problems.accept(
          "\"profile\": \""
              + m.profile()
              + "\" but a reported entry's results have the profile \"reported\"");
    } else if (!reported && m.reported()) {
      problems.accept(
          "\"profile\": \"reported\" is only for entries of kind reported; harness results name"
              + " their profile");
    }
    within("", m.n(), m.missing(), m.failed(), problems);
    for (Map.Entry<Task, TaskResult> e : m.tasks().byTask().entrySet()) {
      String path = "tasks." + e.getKey().id();
      if (!tasks.contains(e.getKey())) {
        problems.accept(
            "\""
                + path
                + "\": "
                + benchmark
                + " has no "
                + e.getKey().id()
                + " task (its tasks: "
                + tasks.stream().map(Task::id).collect(Collectors.joining(", "))
                + ")");
        continue;
      }
      TaskResult r = e.getValue();
      within(path + ".", r.n(), r.missing(), r.failed(), problems);
      for (MetricValue v : r.values()) {
        if (v.interval() != null
            && (v.value().doubleValue() < v.interval().lower() - 1e-9
                || v.value().doubleValue() > v.interval().upper() + 1e-9)) {
          problems.accept(
              "\""
                  + path
                  + ".ci."
                  + v.name()
                  + "\": ["
                  + v.interval().lower()
                  + ", "
                  + v.interval().upper()
                  + "] does not contain the value "
                  + v.value());
        }
      }
    }
    overall(m, tasks, reported, problems);
    judges(m, problems);
    choiceJudges(m, problems);
  }

  /**
   * The judges' readings of the mcq answers ({@code --judge-mcq}): each was asked about exactly the
   * answers the strict extractor could not parse ({@code asked == tasks.mcq.unparsed}), accounts
   * for each ({@code extracted + none + unparsed + failed == asked}), read the correct letter from
   * at most those it read ({@code correct_extracted <= extracted}), and its accuracy is (correct +
   * correct_extracted) / n, within an interval that holds it.
   */
  private static void choiceJudges(Evaluation m, Consumer<String> problems) {
    ChoiceTaskResult mcq = m.tasks().mcq();
    if (mcq == null || mcq.judges() == null) {
      return;
    }
    for (Map.Entry<String, ChoiceJudgeScore> e : mcq.judges().entrySet()) {
      String path = "tasks.mcq.judges." + e.getKey();
      ChoiceJudgeScore j = e.getValue();
      if (mcq.unparsed() != null && j.asked() != mcq.unparsed()) {
        problems.accept(
            String.format(
                Locale.ROOT,
                "\"%s.asked\": %d, but tasks.mcq.unparsed is %d (a judge is asked about each"
                    + " unparsed answer once)",
                path,
                j.asked(),
                mcq.unparsed()));
      }
      long accounted = j.extracted() + j.none() + j.unparsed() + j.failed();
      if (accounted != j.asked()) {
        problems.accept(
            String.format(
                Locale.ROOT,
                "\"%s.asked\": %d, but extracted + none + unparsed + failed = %d",
                path,
                j.asked(),
                accounted));
      }
      if (j.correctExtracted() > j.extracted()) {
        problems.accept(
            String.format(
                Locale.ROOT,
                "\"%s.correct_extracted\": %d is more than extracted = %d",
                path,
                j.correctExtracted(),
                j.extracted()));
      }
      if (mcq.n() != null && mcq.correct() != null && mcq.n() > 0) {
        double expected = (double) (mcq.correct() + j.correctExtracted()) / mcq.n();
        if (Math.abs(expected - j.accuracy()) > 1e-9) {
          problems.accept(
              String.format(
                  Locale.ROOT,
                  "\"%s.accuracy\": %s, but (tasks.mcq.correct + correct_extracted) / tasks.mcq.n"
                      + " = %s",
                  path,
                  j.accuracy(),
                  expected));
        }
      }
      if (j.ci() != null
          && (j.accuracy() < j.ci().lower() - 1e-9 || j.accuracy() > j.ci().upper() + 1e-9)) {
        problems.accept(
            "\""
                + path
                + ".ci\": ["
                + j.ci().lower()
                + ", "
                + j.ci().upper()
                + "] does not contain the accuracy "
                + j.accuracy());
      }
    }
  }

  /**
   * The LLM judges of the descriptions: each judged every caption sample with a description once
   * (rated, unparsed or failed), has a score exactly when it rated a sample, and an interval that
   * holds it; {@code overall_judge} names the same judges, is there exactly when {@code overall}
   * is, and agrees with its components.
   */
  private static void judges(Evaluation m, Consumer<String> problems) {
    CaptionTaskResult caption = m.tasks().caption();
    Map<String, JudgeScore> judges = caption == null ? null : caption.judges();
    if (judges != null) {
      for (Map.Entry<String, JudgeScore> e : judges.entrySet()) {
        judge("tasks.caption.judges." + e.getKey(), e.getValue(), caption, problems);
      }
    }
    Map<String, Double> overallJudge = m.overallJudge();
    if (overallJudge == null) {
      if (judges != null && m.overall() != null) {
        problems.accept(
            "\"overall_judge\": missing; a judge ran (tasks.caption.judges) and overall is a"
                + " number, so each judge's overall is due");
      }
      return;
    }
    if (judges == null) {
      problems.accept("\"overall_judge\": present, but no judge ran (no tasks.caption.judges)");
      return;
    }
    if (m.overall() == null) {
      problems.accept(
          "\"overall_judge\": present, but overall is null (the benchmark lacks caption, mcq or"
              + " vres)");
      return;
    }
    if (!overallJudge.keySet().equals(judges.keySet())) {
      problems.accept(
          "\"overall_judge\": names the judges "
              + overallJudge.keySet()
              + " but tasks.caption.judges has "
              + judges.keySet());
      return;
    }
    ChoiceTaskResult mcq = m.tasks().mcq();
    SegmentationTaskResult vres = m.tasks().vres();
    if (mcq == null
        || mcq.accuracy() == null
        || vres == null
        || vres.ciou() == null
        || vres.giou() == null) {
      return; // overall has lost a component: said already
    }
    for (Map.Entry<String, Double> e : overallJudge.entrySet()) {
      Double score = judges.get(e.getKey()).score();
      String path = "\"overall_judge." + e.getKey() + "\": ";
      if (score == null || e.getValue() == null) {
        if (score != null || e.getValue() != null) {
          problems.accept(
              path
                  + e.getValue()
                  + ", but the judge's score is "
                  + score
                  + " (null exactly when the judge rated no sample)");
        }
        continue;
      }
      double expected =
          PerBenchScore.overallWithJudge(
              score, mcq.accuracy(), 100 * vres.ciou(), 100 * vres.giou());
      if (Math.abs(expected - e.getValue()) > HARNESS_OVERALL_TOLERANCE) {
        problems.accept(
            String.format(
                Locale.ROOT,
                "%s%s but its components give %.4f ((judge score + 100*accuracy + 100*(ciou +"
                    + " giou)/2) / 3; tolerance %s)",
                path,
                e.getValue(),
                expected,
                HARNESS_OVERALL_TOLERANCE));
      }
    }
  }

  private static void judge(
      String path, JudgeScore j, CaptionTaskResult caption, Consumer<String> problems) {
    if (caption.n() != null && caption.missing() != null && caption.failed() != null) {
      long described = caption.n() - caption.missing() - caption.failed();
      long judged = j.n() + j.unparsed() + j.failed();
      if (judged != described) {
        problems.accept(
            String.format(
                Locale.ROOT,
                "\"%s.n\": n + unparsed + failed = %d, but %d caption samples have a description"
                    + " (tasks.caption.n - missing - failed); a judge judges each once",
                path,
                judged,
                described));
      }
    }
    if ((j.score() == null) != (j.n() == 0)) {
      problems.accept(
          "\""
              + path
              + ".score\": "
              + j.score()
              + " with n = "
              + j.n()
              + " (a score exactly when the judge rated a sample)");
    }
    if ((j.ci() == null) != (j.score() == null)) {
      problems.accept(
          "\"" + path + ".ci\": " + j.ci() + " with score " + j.score() + " (both or neither)");
    } else if (j.ci() != null
        && (j.score() < j.ci().get(0) - 1e-9 || j.score() > j.ci().get(1) + 1e-9)) {
      problems.accept(
          "\"" + path + ".ci\": " + j.ci() + " does not contain the score " + j.score());
    }
  }

  private static void within(String path, Long n, Long missing, Long failed, Consumer<String> p) {
    if (n == null) {
      return;
    }
    if (missing != null && missing > n) {
      p.accept("\"" + path + "missing\": " + missing + " is more than n = " + n);
    }
    if (failed != null && failed > n) {
      p.accept("\"" + path + "failed\": " + failed + " is more than n = " + n);
    }
  }

  private static void overall(
      Evaluation m, List<Task> tasks, boolean reported, Consumer<String> problems) {
    if (m.overall() == null) {
      return;
    }
    if (!tasks.containsAll(List.of(Task.CAPTION, Task.MCQ, Task.VRES))) {
      problems.accept(
          "\"overall\": the PerBench overall score needs the caption, mcq and vres tasks, which"
              + " this benchmark does not have; write null or leave it out");
      return;
    }
    CaptionTaskResult caption = m.tasks().caption();
    ChoiceTaskResult mcq = m.tasks().mcq();
    SegmentationTaskResult vres = m.tasks().vres();
    if (caption == null
        || caption.meteor() == null
        || mcq == null
        || mcq.accuracy() == null
        || vres == null
        || vres.ciou() == null
        || vres.giou() == null) {
      if (!reported) {
        problems.accept(
            "\"overall\": a number, but caption.meteor, mcq.accuracy, vres.ciou or vres.giou is"
                + " missing");
      }
      return;
    }
    double expected =
        PerBenchScore.overall(
            100 * caption.meteor(), mcq.accuracy(), 100 * vres.ciou(), 100 * vres.giou());
    double tolerance = reported ? REPORTED_OVERALL_TOLERANCE : HARNESS_OVERALL_TOLERANCE;
    if (Math.abs(expected - m.overall()) > tolerance) {
      problems.accept(
          String.format(
              Locale.ROOT,
              "\"overall\": %s but its components give %.4f"
                  + " ((100*meteor + 100*accuracy + 100*(ciou + giou)/2) / 3; tolerance %s)",
              m.overall(),
              expected,
              tolerance));
    }
  }
}

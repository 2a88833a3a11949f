package dev.perbench.harness.run;

import dev.perbench.data.model.Task;
import dev.perbench.harness.io.AtomicFiles;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.score.CaptionTaskResult;
import dev.perbench.harness.score.ChoiceJudgeScore;
import dev.perbench.harness.score.ChoiceTaskResult;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.JudgeScore;
import dev.perbench.harness.score.MetricValue;
import dev.perbench.harness.score.TaskResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes and reads {@code metrics.json} (an {@link Evaluation}, schema {@code
 * docs/metrics.schema.json}) and writes {@code metrics.csv}. The only class that does.
 *
 * <p>IoU-type values, accuracy and METEOR are fractions in [0, 1]; {@code overall} is the PerBench
 * overall score in percent (as the paper prints it), and so are judge scores and {@code
 * overall_judge}.
 */
public final class MetricsFiles {
  private MetricsFiles() {}

  /** {@code metrics.json} of {@code e}. */
  public static String jsonText(Evaluation e) {
    return StrictJson.pretty(e);
  }

  /**
   * Reads a {@code metrics.json} strictly (unknown, missing or mistyped fields are errors).
   *
   * @throws dev.perbench.errors.InputException naming the file and the field
   */
  public static Evaluation read(Path file) {
    return StrictJson.read(file, Evaluation.class);
  }

  /**
   * One row per (task, metric): benchmark, profile, task, metric, value, ci_lower, ci_upper. A
   * judge's score is a row of the caption task, metric {@code judge:<name>}, in percent as
   * metrics.json has it (empty when it rated no sample); each {@code overall_judge} is a row {@code
   * overall_judge:<name>} after {@code overall}. A judge's reading of the mcq answers ({@code
   * --judge-mcq}) is a row of the mcq task after its own rows, metric {@code judge:<name>}, the
   * accuracy a fraction as the mcq accuracy.
   */
  public static String csvText(Evaluation e) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv =
        new CSVPrinter(
            out,
            CSVFormat.DEFAULT
                .builder()
                .setHeader(
                    "benchmark", "profile", "task", "metric", "value", "ci_lower", "ci_upper")
                .get())) {
      for (Map.Entry<Task, TaskResult> t : e.tasks().byTask().entrySet()) {
        for (MetricValue v : t.getValue().values()) {
          csv.printRecord(
              e.benchmark(),
              e.profile(),
              t.getKey().id(),
              v.name(),
              v.value().toString(),
              v.interval() == null ? "" : Double.toString(v.interval().lower()),
              v.interval() == null ? "" : Double.toString(v.interval().upper()));
        }
        if (t.getValue() instanceof CaptionTaskResult c && c.judges() != null) {
          // after the task's own rows, so the rows of a file without judges stay as they were
          for (Map.Entry<String, JudgeScore> j : c.judges().entrySet()) {
            JudgeScore s = j.getValue();
            csv.printRecord(
                e.benchmark(),
                e.profile(),
                t.getKey().id(),
                "judge:" + j.getKey(),
                s.score() == null ? "" : s.score().toString(),
                s.ci() == null ? "" : s.ci().get(0).toString(),
                s.ci() == null ? "" : s.ci().get(1).toString());
          }
        }
        if (t.getValue() instanceof ChoiceTaskResult c && c.judges() != null) {
          // after the task's own rows, so the rows of a file without judges stay as they were
          for (Map.Entry<String, ChoiceJudgeScore> j : c.judges().entrySet()) {
            ChoiceJudgeScore s = j.getValue();
            csv.printRecord(
                e.benchmark(),
                e.profile(),
                t.getKey().id(),
                "judge:" + j.getKey(),
                Double.toString(s.accuracy()),
                s.ci() == null ? "" : Double.toString(s.ci().lower()),
                s.ci() == null ? "" : Double.toString(s.ci().upper()));
          }
        }
      }
      if (e.overall() != null) {
        csv.printRecord(e.benchmark(), e.profile(), "", "overall", e.overall().toString(), "", "");
      }
      if (e.overallJudge() != null) {
        for (Map.Entry<String, Double> o : e.overallJudge().entrySet()) {
          csv.printRecord(
              e.benchmark(),
              e.profile(),
              "",
              "overall_judge:" + o.getKey(),
              o.getValue() == null ? "" : o.getValue().toString(),
              "",
              "");
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  /** Writes both files into {@code dir}, each atomically. */
  public static void write(RunDirectory dir, Evaluation e) {
    AtomicFiles.write(dir.metricsJson(), jsonText(e));
    AtomicFiles.write(dir.metricsCsv(), csvText(e));
  }
}

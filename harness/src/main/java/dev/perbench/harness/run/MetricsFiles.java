package dev.perbench.harness.run;

import dev.perbench.data.model.Task;
import dev.perbench.harness.io.AtomicFiles;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.score.Evaluation;
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
 * overall score in percent (as the paper prints it).
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

  /** One row per (task, metric): benchmark, profile, task, metric, value, ci_lower, ci_upper. */
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
      }
      if (e.overall() != null) {
        csv.printRecord(e.benchmark(), e.profile(), "", "overall", e.overall().toString(), "", "");
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

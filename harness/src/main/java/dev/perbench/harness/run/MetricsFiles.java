package dev.perbench.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.data.model.Task;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.TaskMetrics;
import dev.perbench.metrics.stats.ConfidenceInterval;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code metrics.json} and {@code metrics.csv}. The JSON schema is stable:
 *
 * <pre>
 * {"benchmark": id, "profile": str, "n": int, "missing": int, "failed": int,
 *  "tasks": {"res": {"convention": str, "n": int, "missing": int, "failed": int,
 *                    "ciou": f, "giou": f, "precision@0.5": f, ..., "masks": int,
 *                    "ci": {"ciou": [lower, upper], "giou": [lower, upper]}},
 *            "mcq": {..., "accuracy": f, "correct": int, "unparsed": int,
 *                    "ci": {"accuracy": [l, u]}},
 *            "caption": {..., "meteor": f, "ci": {"meteor": [l, u]}}, "vres": {...}},
 *  "overall": f or null, "ci": {"level": 0.95, "resamples": int, "seed": int}}
 * </pre>
 *
 * IoU-type values, accuracy and METEOR are fractions in [0, 1]; {@code overall} is the PerBench
 * overall score in percent (as the paper prints it).
 */
public final class MetricsFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetricsFiles() {}

  public static ObjectNode json(Evaluation e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("benchmark", e.benchmark());
    o.put("profile", e.profile().id());
    o.put("n", e.samples());
    o.put("missing", e.missing());
    o.put("failed", e.failed());
    ObjectNode tasks = o.putObject("tasks");
    for (Map.Entry<Task, TaskMetrics> t : e.tasks().entrySet()) {
      TaskMetrics m = t.getValue();
      ObjectNode task = tasks.putObject(t.getKey().id());
      task.put("convention", m.convention());
      task.put("n", m.samples());
      task.put("missing", m.missing());
      task.put("failed", m.failed());
      m.values()
          .forEach(
              (k, v) -> {
                if (isCount(k)) {
                  task.put(k, v.longValue());
                } else {
                  task.put(k, v);
                }
              });
      ObjectNode ci = task.putObject("ci");
      m.intervals().forEach((k, v) -> ci.putArray(k).add(v.lower()).add(v.upper()));
    }
    if (e.overall() == null) {
      o.putNull("overall");
    } else {
      o.put("overall", e.overall());
    }
    ObjectNode ci = o.putObject("ci");
    ci.put("level", e.ciLevel());
    ci.put("resamples", e.ciResamples());
    ci.put("seed", e.ciSeed());
    return o;
  }

  public static String jsonText(Evaluation e) {
    try {
      return JSON.writeValueAsString(json(e)) + "\n";
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
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
      for (Map.Entry<Task, TaskMetrics> t : e.tasks().entrySet()) {
        for (Map.Entry<String, Double> v : t.getValue().values().entrySet()) {
          ConfidenceInterval ci = t.getValue().intervals().get(v.getKey());
          csv.printRecord(
              e.benchmark(),
              e.profile().id(),
              t.getKey().id(),
              v.getKey(),
              isCount(v.getKey())
                  ? Long.toString(v.getValue().longValue())
                  : v.getValue().toString(),
              ci == null ? "" : Double.toString(ci.lower()),
              ci == null ? "" : Double.toString(ci.upper()));
        }
      }
      if (e.overall() != null) {
        csv.printRecord(
            e.benchmark(), e.profile().id(), "", "overall", e.overall().toString(), "", "");
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  private static boolean isCount(String metric) {
    return metric.equals("masks") || metric.equals("correct") || metric.equals("unparsed");
  }
}

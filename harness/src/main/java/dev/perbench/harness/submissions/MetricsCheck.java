package dev.perbench.harness.submissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.model.Task;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.metrics.score.PerBenchScore;
import dev.perbench.metrics.seg.SegmentationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Checks a {@code metrics.json} of an entry against the harness schema (see {@code
 * dev.perbench.harness.run.MetricsFiles}): field names and types, values in range, tasks of the
 * benchmark, and {@code overall} consistent with its components.
 *
 * <p>Two flavours. Harness-produced results ({@code reproduced}, {@code baseline}, {@code
 * submitted} entries) carry a harness profile and every field the harness writes. Reported results
 * ({@code reported} entries, numbers copied from a paper) carry {@code "profile": "reported"} and
 * only the values the source gives: counts, {@code ci} and the other metrics may be absent (or
 * null), each task still names its {@code convention}.
 */
public final class MetricsCheck {
  /** The profile of numbers copied from a paper. */
  public static final String REPORTED_PROFILE = "reported";

  /** How far a reported {@code overall} may be from the one its rounded components give. */
  public static final double REPORTED_OVERALL_TOLERANCE = 0.25;

  /** How far a harness {@code overall} may be from its components (floating point only). */
  public static final double HARNESS_OVERALL_TOLERANCE = 1e-6;

  private static final List<String> TOP =
      List.of(
          "metrics_version",
          "benchmark",
          "profile",
          "n",
          "missing",
          "failed",
          "tasks",
          "overall",
          "ci");
  private static final List<String> COUNTS = List.of("n", "missing", "failed");
  private static final List<String> PRECISION =
      SegmentationResult.THRESHOLDS.stream().map(t -> "precision@" + t).toList();

  private MetricsCheck() {}

  /** The fraction-valued metrics a task may have (all in [0, 1]). */
  public static List<String> fractions(Task task) {
    return switch (task) {
      case RES, VRES -> {
        List<String> l = new ArrayList<>(List.of("ciou", "giou"));
        l.addAll(PRECISION);
        l.addAll(List.of("n_acc", "t_acc"));
        yield List.copyOf(l);
      }
      case MCQ -> List.of("accuracy");
      case CAPTION -> List.of("meteor");
    };
  }

  /** The count-valued metrics a task may have (non-negative integers). */
  public static List<String> counts(Task task) {
    return switch (task) {
      case RES, VRES -> List.of("masks");
      case MCQ -> List.of("correct", "unparsed");
      case CAPTION -> List.of();
    };
  }

  /** The metrics a harness-produced task always has. */
  static List<String> harnessRequired(Task task) {
    return switch (task) {
      case RES, VRES -> {
        List<String> l = new ArrayList<>(List.of("ciou", "giou"));
        l.addAll(PRECISION);
        l.add("masks");
        yield List.copyOf(l);
      }
      case MCQ -> List.of("accuracy", "correct", "unparsed");
      case CAPTION -> List.of("meteor");
    };
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
      JsonNode m, String benchmark, List<Task> tasks, boolean reported, Consumer<String> problems) {
    if (m == null || !m.isObject()) {
      problems.accept("must be a JSON object");
      return;
    }
    unknownFields(m, "", TOP, problems);
    JsonNode version = m.get("metrics_version");
    if (reported) {
      if (version != null && !version.isNull()) {
        problems.accept(
            "\"metrics_version\": numbers copied from a paper have no harness metric version;"
                + " leave it out");
      }
    } else if (version == null || !version.isIntegralNumber() || version.asLong() < 1) {
      problems.accept(
          "\"metrics_version\": missing or not an integer >= 1 (the version of the harness's"
              + " metric code; this harness writes "
              + Evaluation.METRICS_VERSION
              + ")");
    }
    JsonNode b = m.get("benchmark");
    if (b == null || !b.isTextual()) {
      problems.accept("\"benchmark\": missing or not a string (expected \"" + benchmark + "\")");
    } else if (!b.asText().equals(benchmark)) {
      problems.accept(
          "\"benchmark\": \"" + b.asText() + "\" but the folder is for \"" + benchmark + "\"");
    }
    JsonNode p = m.get("profile");
    String profiles =
        Arrays.stream(EvalProfile.values()).map(EvalProfile::id).collect(Collectors.joining(", "));
    if (p == null || !p.isTextual()) {
      problems.accept("\"profile\": missing or not a string");
    } else if (reported && !p.asText().equals(REPORTED_PROFILE)) {
      problems.accept(
          "\"profile\": \""
              + p.asText()
              + "\" but a reported entry's results have the profile \"reported\"");
    } else if (!reported && p.asText().equals(REPORTED_PROFILE)) {
      problems.accept(
          "\"profile\": \"reported\" is only for entries of kind reported; harness results name"
              + " their profile ("
              + profiles
              + ")");
    } else if (!reported
        && Arrays.stream(EvalProfile.values()).noneMatch(e -> e.id().equals(p.asText()))) {
      problems.accept(
          "\"profile\": \"" + p.asText() + "\" is not a harness profile (" + profiles + ")");
    }
    Long n = null;
    for (String c : COUNTS) {
      Long v = count(m, c, c, !reported, problems);
      if (c.equals("n")) {
        n = v;
      } else if (v != null && n != null && v > n) {
        problems.accept("\"" + c + "\": " + v + " is more than n = " + n);
      }
    }
    JsonNode t = m.get("tasks");
    if (t == null || !t.isObject() || t.isEmpty()) {
      problems.accept("\"tasks\": missing, not an object or empty");
    } else {
      for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
        String id = it.next();
        Task task;
        try {
          task = Task.fromId(id);
        } catch (IllegalArgumentException e) {
          problems.accept("\"tasks." + id + "\": " + e.getMessage());
          continue;
        }
        if (!tasks.contains(task)) {
          problems.accept(
              "\"tasks."
                  + id
                  + "\": "
                  + benchmark
                  + " has no "
                  + id
                  + " task (its tasks: "
                  + tasks.stream().map(Task::id).collect(Collectors.joining(", "))
                  + ")");
          continue;
        }
        task(t.get(id), "tasks." + id, task, reported, problems);
      }
    }
    overall(m, tasks, reported, problems);
    JsonNode ci = m.get("ci");
    if (ci == null || ci.isNull()) {
      if (!reported) {
        problems.accept(
            "\"ci\": missing (harness results record the bootstrap's level, resamples and seed)");
      }
    } else if (!ci.isObject()) {
      problems.accept("\"ci\": must be an object");
    } else {
      unknownFields(ci, "ci.", List.of("level", "resamples", "seed"), problems);
      JsonNode level = ci.get("level");
      if (level == null || !level.isNumber() || !(level.asDouble() > 0 && level.asDouble() < 1)) {
        problems.accept("\"ci.level\": must be a number in (0, 1)");
      }
      count(ci, "resamples", "ci.resamples", true, problems);
      JsonNode seed = ci.get("seed");
      if (seed == null || !seed.isIntegralNumber()) {
        problems.accept("\"ci.seed\": must be an integer");
      }
    }
  }

  private static void task(
      JsonNode node, String path, Task task, boolean reported, Consumer<String> problems) {
    if (node == null || !node.isObject()) {
      problems.accept("\"" + path + "\": must be an object");
      return;
    }
    List<String> fractions = fractions(task);
    List<String> counts = counts(task);
    List<String> allowed = new ArrayList<>(List.of("convention"));
    allowed.addAll(COUNTS);
    allowed.addAll(fractions);
    allowed.addAll(counts);
    allowed.add("ci");
    unknownFields(node, path + ".", allowed, problems);
    JsonNode conv = node.get("convention");
    if (conv == null || !conv.isTextual() || conv.asText().isBlank()) {
      problems.accept(
          "\""
              + path
              + ".convention\": missing; name the metric convention"
              + (reported ? " as the source states it (e.g. \"cIoU, Table 1\")" : ""));
    }
    Long n = null;
    for (String c : COUNTS) {
      Long v = count(node, c, path + "." + c, !reported, problems);
      if (c.equals("n")) {
        n = v;
      } else if (v != null && n != null && v > n) {
        problems.accept("\"" + path + "." + c + "\": " + v + " is more than n = " + n);
      }
    }
    int values = 0;
    for (String f : fractions) {
      if (fraction(node, f, path + "." + f, problems) != null) {
        values++;
      }
    }
    for (String c : counts) {
      count(node, c, path + "." + c, false, problems);
    }
    if (!reported) {
      for (String r : harnessRequired(task)) {
        if (!node.has(r)) {
          problems.accept(
              "\""
                  + path
                  + "."
                  + r
                  + "\": missing (the harness always writes it for "
                  + task.id()
                  + ")");
        }
      }
    } else if (values == 0) {
      problems.accept(
          "\""
              + path
              + "\": no metric value ("
              + task.id()
              + " has "
              + String.join(", ", fractions)
              + ")");
    }
    JsonNode ci = node.get("ci");
    if (ci == null || ci.isNull()) {
      if (!reported) {
        problems.accept("\"" + path + ".ci\": missing");
      }
      return;
    }
    if (!ci.isObject()) {
      problems.accept("\"" + path + ".ci\": must be an object");
      return;
    }
    for (Iterator<String> it = ci.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      String where = "\"" + path + ".ci." + k + "\": ";
      if (!fractions.contains(k)) {
        problems.accept(
            where + "not a metric of " + task.id() + " (" + String.join(", ", fractions) + ")");
        continue;
      }
      JsonNode iv = ci.get(k);
      if (!iv.isArray() || iv.size() != 2 || !iv.get(0).isNumber() || !iv.get(1).isNumber()) {
        problems.accept(where + "must be [lower, upper]");
        continue;
      }
      double lo = iv.get(0).asDouble();
      double hi = iv.get(1).asDouble();
      if (!(lo >= 0 && hi <= 1 && lo <= hi)) {
        problems.accept(where + "[" + lo + ", " + hi + "] is not an interval within [0, 1]");
      } else if (node.has(k)
          && node.get(k).isNumber()
          && (node.get(k).asDouble() < lo - 1e-9 || node.get(k).asDouble() > hi + 1e-9)) {
        problems.accept(
            where
                + "["
                + lo
                + ", "
                + hi
                + "] does not contain the value "
                + node.get(k).asDouble());
      }
    }
  }

  private static void overall(
      JsonNode m, List<Task> tasks, boolean reported, Consumer<String> problems) {
    JsonNode o = m.get("overall");
    if (o == null) {
      if (!reported) {
        problems.accept("\"overall\": missing (the harness writes a number or null)");
      }
      return;
    }
    if (o.isNull()) {
      return;
    }
    if (!o.isNumber() || !Double.isFinite(o.asDouble()) || o.asDouble() < 0 || o.asDouble() > 100) {
      problems.accept(
          "\"overall\": "
              + o
              + " is not a number in [0, 100] (the PerBench overall score is in percent)");
      return;
    }
    if (!tasks.containsAll(List.of(Task.CAPTION, Task.MCQ, Task.VRES))) {
      problems.accept(
          "\"overall\": the PerBench overall score needs the caption, mcq and vres tasks, which"
              + " this benchmark does not have; write null or leave it out");
      return;
    }
    Double meteor = value(m, "caption", "meteor");
    Double acc = value(m, "mcq", "accuracy");
    Double ciou = value(m, "vres", "ciou");
    Double giou = value(m, "vres", "giou");
    if (meteor == null || acc == null || ciou == null || giou == null) {
      if (!reported) {
        problems.accept(
            "\"overall\": a number, but caption.meteor, mcq.accuracy, vres.ciou or vres.giou is"
                + " missing");
      }
      return;
    }
    double expected = PerBenchScore.overall(100 * meteor, acc, 100 * ciou, 100 * giou);
    double tolerance = reported ? REPORTED_OVERALL_TOLERANCE : HARNESS_OVERALL_TOLERANCE;
    if (Math.abs(expected - o.asDouble()) > tolerance) {
      problems.accept(
          String.format(
              Locale.ROOT,
              "\"overall\": %s but its components give %.4f"
                  + " ((100*meteor + 100*accuracy + 100*(ciou + giou)/2) / 3; tolerance %s)",
              o,
              expected,
              tolerance));
    }
  }

  private static Double value(JsonNode m, String task, String metric) {
    JsonNode v = m.path("tasks").path(task).get(metric);
    return v != null && v.isNumber() && v.asDouble() >= 0 && v.asDouble() <= 1
        ? v.asDouble()
        : null;
  }

  private static Double fraction(
      JsonNode node, String field, String path, Consumer<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      problems.accept("\"" + path + "\": " + v + " is not a number");
      return null;
    }
    double d = v.asDouble();
    if (d < 0 || d > 1) {
      problems.accept(
          "\""
              + path
              + "\": "
              + v
              + " is outside [0, 1]"
              + (d > 1 && d <= 100
                  ? String.format(
                      Locale.ROOT, " (values are fractions: write %s for %s%%)", fmt(d / 100), v)
                  : ""));
      return null;
    }
    return d;
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", ".0");
  }

  private static Long count(
      JsonNode node, String field, String path, boolean required, Consumer<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problems.accept("\"" + path + "\": missing (a non-negative integer)");
      }
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      problems.accept("\"" + path + "\": " + v + " is not a non-negative integer");
      return null;
    }
    return v.asLong();
  }

  private static void unknownFields(
      JsonNode node, String prefix, List<String> allowed, Consumer<String> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        problems.accept(
            "\"" + prefix + f + "\": unknown field (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }
}

package dev.perbench.harness.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.AtomicFiles;
import dev.perbench.harness.io.JsonLines;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.PredictionSource;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.harness.score.Scoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The agreement report of a judged folder: the ratings read back from its {@code judgements.jsonl},
 * each caption sample's METEOR scored again from its predictions, human ratings when given; written
 * to {@code agreement.json} and printed as a table.
 */
public final class JudgeAgreements {
  /** The report's file, next to metrics.json. */
  public static final String FILE = "agreement.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JudgeAgreements() {}

  /**
   * Each judge's ratings of the descriptions it rated ({@code "status": "ok"}), by judge name and
   * sample id, from a {@code judgements.jsonl} (lines of protocol {@code mcq-extract} are letters,
   * not ratings, and are skipped).
   *
   * @throws InputException naming the file, line and field of a line that cannot be read
   */
  public static Map<String, Map<String, Double>> ratings(Path file) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    JsonLines.read(
        file,
        line -> {
          if (line.blank()) {
            return;
          }
          String where = file + " line " + line.number() + ": ";
          JsonNode n = object(line, where);
          String judge = text(n, "judge", where);
          String sample = text(n, "sample_id", where);
          String status = text(n, "status", where);
          if (!status.equals(Judgement.OK)
              || McqExtract.NAME.equals(n.path("protocol").asText(null))) {
            return; // not rated; or a letter read from an mcq answer (--judge-mcq), not a rating
          }
          JsonNode rating = n.path("verdict").get("rating");
          if (rating == null || !rating.isNumber()) {
            throw new InputException(where + "\"verdict\".\"rating\": missing or not a number");
          }
          out.computeIfAbsent(JudgeSpec.parse(judge).name(), k -> new TreeMap<>())
              .put(sample, rating.asDouble());
        });
    return out;
  }

  /** A line's JSON object, or an error naming the file and line. */
  private static JsonNode object(JsonLines.Line line, String where) {
    JsonNode n;
    try {
      n = line.text() == null ? null : JSON.readTree(line.text());
    } catch (IOException e) {
      throw new InputException(where + "not valid JSON");
    }
    if (n == null || !n.isObject()) {
      throw new InputException(where + "not a JSON object");
    }
    return n;
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new InputException(where + "\"" + field + "\": missing or not a string");
    }
    return v.asText();
  }

  /** Each described caption sample's METEOR under {@code profile}, by sample id. */
  public static Map<String, Double> meteor(
      String benchmark, List<Sample> samples, PredictionSource predictions, EvalProfile profile) {
    Map<String, Double> out = new HashMap<>();
    List<Sample> captions = samples.stream().filter(s -> s.task() == Task.CAPTION).toList();
    Scoring.score(
        benchmark,
        captions,
        predictions,
        profile,
        BootstrapSettings.percent95(1, 0),
        s -> {
          if (s.status().equals(SampleScore.OK)) {
            out.put(s.sampleId(), s.score());
          }
        });
    return out;
  }

  /**
   * Human ratings: a JSON Lines file of {@code {"sample_id": ..., "rating": 1-10}}, each a caption
   * sample of the benchmark, once.
   *
   * @throws InputException naming the file, line and field of a bad line
   */
  public static Map<String, Integer> human(Path file, Set<String> captionIds) {
    Map<String, Integer> out = new TreeMap<>();
    JsonLines.read(
        file,
        line -> {
          if (line.blank()) {
            return;
          }
          String where = file + " line " + line.number() + ": ";
          JsonNode n = object(line, where);
          if (n.size() != 2) {
            throw new InputException(where + "must be an object with exactly sample_id and rating");
          }
          String id = text(n, "sample_id", where);
          JsonNode r = n.get("rating");
          if (r == null || !r.isIntegralNumber() || r.asInt() < 1 || r.asInt() > 10) {
            throw new InputException(where + "\"rating\": must be an integer from 1 to 10");
          }
          if (!captionIds.contains(id)) {
            throw new InputException(
                where + "\"sample_id\": " + id + " is not a caption sample of the benchmark");
          }
          if (out.put(id, r.asInt()) != null) {
            throw new InputException(where + "\"sample_id\": " + id + " is rated twice");
          }
        });
    return out;
  }

  /**
   * The report of a judged run or score folder (its metrics.json and judgements.jsonl, the
   * predictions it was scored from), with human ratings when {@code human} is not null; written to
   * {@code agreement.json} in the folder.
   *
   * @throws InputException when the folder has no judgements, or a file cannot be read
   */
  public static JudgeAgreement.Report forFolder(
      RunDirectory dir, Path predictions, Function<String, LoadedSplit> data, Path human) {
    if (!Files.isRegularFile(dir.metricsJson())) {
      throw new InputException(
          dir.root() + " has no metrics.json; give the folder of a judged run or score");
    }
    Path judgements = dir.root().resolve(JudgementsFile.NAME);
    if (!Files.isRegularFile(judgements)) {
      throw new InputException(
          dir.root()
              + " has no "
              + JudgementsFile.NAME
              + ": judge it first (perbench judge --run "
              + dir.root()
              + " --judge SPEC)");
    }
    Evaluation e = MetricsFiles.read(dir.metricsJson());
    if (!Files.isRegularFile(predictions)) {
      throw new InputException(
          predictions
              + ": no such file; a score folder holds no predictions: give the file it was"
              + " scored from with --predictions FILE");
    }
    LoadedSplit split = data.apply(e.benchmark());
    Map<String, Double> meteor;
    try (PredictionIndex index = PredictionIndex.open(predictions, split.samplesById())) {
      meteor = meteor(e.benchmark(), split.samples(), index, EvalProfile.fromId(e.profile()));
    }
    Map<String, Integer> humans = Map.of();
    if (human != null) {
      Set<String> captions = new HashSet<>();
      for (Sample s : split.samples()) {
        if (s.task() == Task.CAPTION) {
          captions.add(s.id());
        }
      }
      humans = human(human, captions);
    }
    JudgeAgreement.Report report =
        JudgeAgreement.ofRatings(ratings(judgements), meteor, humans, e.ci());
    write(dir.root(), report);
    return report;
  }

  /** Writes the report as {@code agreement.json} in {@code folder}, atomically. */
  public static Path write(Path folder, JudgeAgreement.Report report) {
    Path file = folder.resolve(FILE);
    try {
      AtomicFiles.write(file, JSON.writeValueAsString(report) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }

  /** The report as a table for people. */
  public static String table(JudgeAgreement.Report r) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-28s %-28s %6s  %-26s %-26s%n",
            "a",
            "b",
            "n",
            "kappa (quadratic) [95% CI]",
            "Spearman rho [95% CI]"));
    for (List<JudgeAgreement.Pair> group :
        List.of(r.judges(), r.againstMeteor(), r.againstHuman())) {
      for (JudgeAgreement.Pair p : group) {
        b.append(
            String.format(
                Locale.ROOT,
                "%-28s %-28s %6d  %-26s %-26s%n",
                p.a(),
                p.b(),
                p.n(),
                figure(p.kappa()),
                figure(p.spearman())));
      }
    }
    return b.toString();
  }

  private static String figure(JudgeAgreement.Figure f) {
    if (f == null) {
      return "-";
    }
    if (f.estimate() == null) {
      return "undefined";
    }
    String ci =
        f.ci() == null
            ? ""
            : String.format(Locale.ROOT, " [%.3f, %.3f]", f.ci().get(0), f.ci().get(1));
    return String.format(Locale.ROOT, "%.3f%s", f.estimate(), ci);
  }
}

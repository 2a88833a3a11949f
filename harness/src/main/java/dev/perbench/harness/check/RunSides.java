package dev.perbench.harness.check;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.run.Runs;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.SampleMetric;
import dev.perbench.harness.score.SampleScore;
import dev.perbench.harness.score.Scoring;
import dev.perbench.harness.score.TaskResult;
import dev.perbench.harness.submissions.SubmissionValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads the two sides of a check from what the user names: a run folder (from {@code run}, {@code
 * score --out} or {@code merge}), a prediction file with its benchmark, an entry of {@code
 * submissions/}, or a bare {@code metrics.json}. A side with a prediction file is scored again
 * under its own profile to get its per-sample scores, and must then reproduce its {@code
 * metrics.json} exactly: otherwise the two files do not belong together and the check refuses.
 */
public final class RunSides {
  private static final Pattern ENTRY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private RunSides() {}

  /**
   * A run folder.
   *
   * @param data loads a benchmark by id (to score the predictions again)
   * @throws InputException when it is not a finished run, or its files disagree
   */
  public static RunSide runFolder(Path dir, Function<String, LoadedSplit> data) {
    return folder(dir, dir.toString(), "run folder", data, null);
  }

  /** A prediction file scored now on {@code split} under {@code profile}. */
  public static RunSide predictions(
      Path file, LoadedSplit split, EvalProfile profile, BootstrapSettings ci) {
    List<SampleScore> samples = new ArrayList<>();
    Evaluation e;
    try (PredictionIndex index = PredictionIndex.open(file, split.samplesById())) {
      e = Scoring.score(split.benchmarkId(), split.samples(), index, profile, ci, samples::add);
    }
    return new RunSide(file.toString(), "prediction file", e, null, samples);
  }

  /** A bare metrics.json: no per-sample scores, so only unpaired comparisons. */
  public static RunSide metricsFile(Path file) {
    return new RunSide(file.toString(), "metrics.json", MetricsFiles.read(file), null, null);
  }

  /**
   * The baseline the user named: a folder (a run), a file (a metrics.json), or else an entry id of
   * {@code submissions}, whose result for {@code benchmark} is used.
   */
  public static RunSide baseline(
      String named, Path submissions, Evaluation run, Function<String, LoadedSplit> data) {
    String benchmark = run.benchmark();
    Path p = Path.of(named);
    if (Files.isDirectory(p)) {
      if (!Files.exists(p.resolve("metrics.json")) && Files.isDirectory(p.resolve("results"))) {
        throw new InputException(
            "--baseline "
                + named
                + ": an entry of the submissions folder, not a run folder; name the entry by its"
                + " id (--baseline "
                + p.getFileName()
                + ") or give its result folder ("
                + p.resolve("results").resolve(SubmissionValidator.folderName(benchmark))
                + ")");
      }
      return folder(p, p.toString(), "run folder", data, run);
    }
    if (Files.isRegularFile(p)) {
      RunSide side = metricsFile(p);
      Comparability.require(run, side.metrics(), side.source());
      return side;
    }
    if (!ENTRY_ID.matcher(named).matches() || !Files.isDirectory(submissions.resolve(named))) {
      throw new InputException(
          "--baseline "
              + named
              + ": no such folder or file, and no entry of that name in "
              + submissions
              + " (give a run folder, a metrics.json or an entry id such as"
              + " pixel-mini-reproduced)");
    }
    Path results = submissions.resolve(named).resolve("results");
    Path folder = results.resolve(SubmissionValidator.folderName(benchmark));
    if (!Files.isDirectory(folder)) {
      throw new InputException(
          "--baseline "
              + named
              + ": the entry has no result for "
              + benchmark
              + " (it has: "
              + listing(results)
              + ")");
    }
    return folder(folder, "entry " + named, "entry", data, run);
  }

  /**
   * A folder with a metrics.json; {@code comparedWith}, when given, is the run a baseline is for:
   * what cannot be compared with it is refused before the predictions are scored again.
   */
  private static RunSide folder(
      Path dir,
      String source,
      String kind,
      Function<String, LoadedSplit> data,
      Evaluation comparedWith) {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + ": no such folder");
    }
    RunDirectory run = new RunDirectory(dir);
    if (!Files.exists(run.metricsJson())) {
      throw new InputException(
          dir
              + ": no metrics.json, so not a finished run (perbench run writes it when the run"
              + " ends: run the same command again to finish it)");
    }
    Evaluation metrics = MetricsFiles.read(run.metricsJson());
    if (comparedWith != null) {
      Comparability.require(comparedWith, metrics, source);
    }
    RunManifest manifest = null;
    if (Files.exists(run.manifest())) {
      manifest = RunManifest.read(run.manifest());
      if (!manifest.finished()) {
        throw new InputException(
            run.manifest() + ": the run is still running or was interrupted; finish it first");
      }
    }
    if (!Files.exists(run.predictions()) || metrics.reported()) {
      return new RunSide(source, kind, metrics, manifest, null);
    }
    LoadedSplit split = data.apply(metrics.benchmark());
    List<Sample> scored =
        manifest == null ? split.samples() : Runs.scoredSamples(manifest, split.samples());
    List<SampleScore> samples = new ArrayList<>();
    Evaluation again;
    try (PredictionIndex index = PredictionIndex.open(run.predictions(), split.samplesById())) {
      again =
          Scoring.score(
              metrics.benchmark(),
              scored,
              index,
              metrics.evalProfile(),
              metrics.ci(),
              samples::add);
    }
    requireSame(dir, metrics, again);
    return new RunSide(source, kind, metrics, manifest, samples);
  }

  /** The per-sample metrics scored again must be metrics.json's, to the last bit. */
  private static void requireSame(Path dir, Evaluation file, Evaluation again) {
    Map<dev.perbench.data.model.Task, TaskResult> want = file.tasks().byTask();
    Map<dev.perbench.data.model.Task, TaskResult> got = again.tasks().byTask();
    if (!want.keySet().equals(got.keySet()) || !file.n().equals(again.n())) {
      throw mismatch(
          dir,
          "tasks "
              + want.keySet()
              + " with n "
              + file.n()
              + " in metrics.json, "
              + got.keySet()
              + " with n "
              + again.n()
              + " from the predictions");
    }
    RunSide a = new RunSide("", "", file, null, null);
    RunSide b = new RunSide("", "", again, null, null);
    for (var t : want.keySet()) {
      for (SampleMetric m : SampleMetric.of(t)) {
        MetricName name = new MetricName(t, m.id());
        Double x = a.value(name);
        Double y = b.value(name);
        if (x == null || !x.equals(y)) {
          throw mismatch(
              dir, name + " is " + x + " in metrics.json, " + y + " from the predictions");
        }
      }
    }
  }

  private static InputException mismatch(Path dir, String what) {
    return new InputException(
        dir
            + ": metrics.json does not match predictions.jsonl scored again ("
            + what
            + "). Was one of them edited, or scored with other benchmark data? Score the"
            + " predictions again with perbench score --out, or remove predictions.jsonl to"
            + " compare without per-sample scores");
  }

  private static String listing(Path results) {
    if (!Files.isDirectory(results)) {
      return "no results folder";
    }
    try (Stream<Path> s = Files.list(results)) {
      String names =
          s.filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .sorted()
              .collect(Collectors.joining(", "));
      return names.isEmpty() ? "none" : names;
    } catch (java.io.IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}

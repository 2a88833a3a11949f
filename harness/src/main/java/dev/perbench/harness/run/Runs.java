package dev.perbench.harness.run;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Task;
import dev.perbench.errors.ExternalFailureException;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.AtomicFiles;
import dev.perbench.harness.io.FileTrees;
import dev.perbench.harness.io.PredictionFileException;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.io.PredictionWriter;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelException;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Scoring;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs, as the command line and the website both call them: running a model over a benchmark into a
 * run folder (resuming what is there), and merging the folders of a sharded run. The rules of "the
 * same run" (for resuming) and of "shards of one run" (for merging) live here.
 */
public final class Runs {
  private Runs() {}

  /** A finished run. */
  public record Outcome(
      Evaluation evaluation,
      RunManifest manifest,
      RunDirectory directory,
      long predicted,
      long failed,
      double seconds) {}

  /**
   * Runs {@code model} over the benchmark into {@code dir}: selects samples (shard, limit), skips
   * those already in the run's prediction file, predicts the rest, then scores the whole file and
   * writes {@code metrics.json}, {@code metrics.csv} and {@code manifest.json}.
   *
   * @param home the harness checkout, for the git commit in the manifest
   * @param progressOut where progress lines go (rate, ETA)
   * @throws InputException when {@code dir} holds another run
   * @throws ModelException when the model cannot say what it is (its server is down)
   */
  public static Outcome run(
      RunConfig c,
      LoadedSplit data,
      Model model,
      RunDirectory dir,
      Path home,
      PrintWriter progressOut)
      throws ModelException, InterruptedException {
    return run(c, data, model, dir, home, progressOut, false);
  }

  /**
   * As {@link #run(RunConfig, LoadedSplit, Model, RunDirectory, Path, PrintWriter)}; with {@code
   * retryFailed}, the samples the folder holds as failed (an error instead of a prediction) are
   * predicted again: their lines are removed first (the file is rewritten whole, atomically).
   */
  public static Outcome run(
      RunConfig c,
      LoadedSplit data,
      Model model,
      RunDirectory dir,
      Path home,
      PrintWriter progressOut,
      boolean retryFailed)
      throws ModelException, InterruptedException {
    if (Files.exists(dir.root()) && !Files.isDirectory(dir.root())) {
      throw new InputException(
          "--out " + dir.root() + " is a file; give a folder for the run (new, or one to resume)");
    }
    requireSameRun(dir, c);
    List<Sample> selected = select(data.samples(), c.shard(), c.limit());
    if (selected.isEmpty()) {
      throw new InputException(
          "shard "
              + c.shard()
              + (c.limit() != null ? " with --limit " + c.limit() : "")
              + " selects no sample of "
              + c.benchmark()
              + " ("
              + data.samples().size()
              + " samples); nothing to run");
    }
    Set<String> done = resumable(dir, data, progressOut, retryFailed);
    List<Sample> todo = new ArrayList<>();
    for (Sample s : selected) {
      if (!done.contains(s.id())) {
        todo.add(s);
      }
    }
    // Asked before the folder is made: a model that is not there leaves no empty run folder.
    ModelInfo info = model.info();
    requireFitsProfile(info, c.profile(), data.countsByTask().keySet());
    try {
      Files.createDirectories(dir.root());
    } catch (IOException e) {
      throw new ExternalFailureException("cannot create " + dir.root() + ": " + e.getMessage(), e);
    }
    Instant started = Instant.now();
    RunManifest manifest = RunManifest.start(c, data, info, home, started);
    AtomicFiles.write(dir.manifest(), manifest.text());
    log(
        dir,
        started
            + " start: "
            + todo.size()
            + " of "
            + selected.size()
            + " samples to predict ("
            + (selected.size() - todo.size())
            + " already done), model "
            + info.name());
    progressOut.printf(
        "%s: %,d samples selected, %,d already predicted, %,d to go; model %s%n",
        c.benchmark(), selected.size(), selected.size() - todo.size(), todo.size(), info.name());
    progressOut.flush();

    int batchSize = c.batchSize() > 0 ? c.batchSize() : Math.max(1, model.preferredBatchSize());
    long predicted;
    double seconds;
    try (PredictionWriter writer = PredictionWriter.append(dir.predictions());
        Progress progress = new Progress(progressOut, todo.size(), 2000)) {
      Runner.predictAll(model, todo, batchSize, c.concurrency(), writer, progress);
      if (!todo.isEmpty()) {
        progress.print();
      }
      predicted = progress.done();
      seconds = progress.seconds();
    }

    Evaluation evaluation;
    try (PredictionIndex index = PredictionIndex.open(dir.predictions(), data.samplesById())) {
      evaluation = Scoring.score(c.benchmark(), selected, index, c.profile(), c.bootstrap());
    }
    MetricsFiles.write(dir, evaluation);
    manifest =
        manifest.finish(selected.size(), predicted, evaluation.failed(), seconds, Instant.now());
    AtomicFiles.write(dir.manifest(), manifest.text());
    log(
        dir,
        Instant.now()
            + " finished: "
            + predicted
            + " predicted in "
            + seconds
            + " s, "
            + evaluation.failed()
            + " failed in total");
    return new Outcome(evaluation, manifest, dir, predicted, evaluation.failed(), seconds);
  }

  /**
   * What the run folder already holds, checked in full before anything is predicted: a torn last
   * line is repaired (and said), and every other line must be a valid prediction of a distinct
   * sample of the benchmark, or the run stops naming the line.
   */
  private static Set<String> resumable(
      RunDirectory dir, LoadedSplit data, PrintWriter out, boolean retryFailed) {
    if (!Files.exists(dir.predictions())) {
      return Set.of();
    }
    String repaired = dir.repairTornLastLine();
    if (repaired != null) {
      out.println("repaired: " + repaired);
      out.flush();
      log(dir, Instant.now() + " repaired: " + repaired);
    }
    Set<String> failed;
    Set<String> done;
    try (PredictionIndex index = PredictionIndex.open(dir.predictions(), data.samplesById())) {
      done = Set.copyOf(index.sampleIds());
      failed = index.failedIds();
    } catch (PredictionFileException e) {
      throw new InputException(
          dir.root()
              + " cannot be resumed: its "
              + e.getMessage()
              + "\nFix or delete those lines (each deleted line's sample is predicted again), or"
              + " run into another --out.",
          e);
    }
    if (!retryFailed || failed.isEmpty()) {
      return done;
    }
    dropLines(dir.predictions(), failed);
    String said = failed.size() + " failed samples are predicted again (--retry-failed)";
    out.println(said);
    out.flush();
    log(dir, Instant.now() + " " + said);
    Set<String> kept = new java.util.HashSet<>(done);
    kept.removeAll(failed);
    return kept;
  }

  /** Rewrites a prediction file without the lines of {@code ids}, whole or not at all. */
  private static void dropLines(Path file, Set<String> ids) {
    StringBuilder kept = new StringBuilder();
    dev.perbench.harness.io.JsonLines.read(
        file,
        line -> {
          if (line.blank()
              || !ids.contains(
                  dev.perbench.harness.io.PredictionJson.read(line.text()).sampleId())) {
            kept.append(line.text()).append('\n');
          }
        });
    AtomicFiles.write(file, kept.toString());
  }

  /**
   * Refuses to resume into a folder that holds another run.
   *
   * @throws InputException naming the difference
   */
  static void requireSameRun(RunDirectory dir, RunConfig c) {
    if (!Files.exists(dir.manifest())) {
      if (hasPredictions(dir)) {
        throw new InputException(
            dir.root()
                + " holds predictions but no manifest.json, so nothing says which run made them;"
                + " run into another --out, or delete "
                + dir.predictions()
                + " to start this run afresh");
      }
      return;
    }
    RunManifest old = RunManifest.read(dir.manifest());
    same(dir, "benchmark", old.benchmark(), c.benchmark());
    same(dir, "model", old.model().spec(), c.modelSpec());
    same(dir, "profile", old.profile(), c.profile().id());
    same(dir, "shard", old.shard(), c.shard().toString());
    same(
        dir,
        "limit",
        old.limit() == null ? "none" : old.limit().toString(),
        c.limit() == null ? "none" : c.limit().toString());
  }

  private static boolean hasPredictions(RunDirectory dir) {
    try {
      return Files.exists(dir.predictions()) && Files.size(dir.predictions()) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.predictions() + ": " + e.getMessage(), e);
    }
  }

  private static void same(RunDirectory dir, String what, String old, String now) {
    if (!Objects.equals(old, now)) {
      throw new InputException(
          dir.root()
              + " holds a run with "
              + what
              + " '"
              + old
              + "', not '"
              + now
              + "'; resume it with the same options, or use another --out");
    }
  }

  /**
   * The {@code pixel-sail} profile scores the first res mask, as the authors' scripts score the
   * first {@code [SEG]}: a server that says it merges its masks ({@code "res_masks": "merge"} in
   * its {@code /v1/info}, as the Sa2VA kit's {@code --res-masks merge}) would be scored on
   * something else, so such a run is refused before it starts.
   */
  static void requireFitsProfile(ModelInfo info, EvalProfile profile, Set<Task> tasks) {
    if (profile != EvalProfile.PIXEL_SAIL) {
      return;
    }
    if (tasks.contains(Task.RES) && "merge".equals(info.details().get("res_masks"))) {
      throw new InputException(
          "the pixel-sail profile scores the first [SEG] mask of res answers, as the authors'"
              + " scripts do, but the model server merges its masks (\"res_masks\": \"merge\""
              + " in its /v1/info); restart it with --res-masks first, or run with another"
              + " --profile");
    }
    String cleanup = info.details().get("text_cleanup");
    boolean texts = tasks.contains(Task.CAPTION) || tasks.contains(Task.MCQ);
    if (texts && cleanup != null && !"authors".equals(cleanup)) {
      throw new InputException(
          "the pixel-sail profile scores answers and descriptions as the authors' scripts get"
              + " them, but the model server cleans its text its own way (\"text_cleanup\": \""
              + cleanup
              + "\" in its /v1/info); restart it with --text-cleanup authors, or run with another"
              + " --profile");
    }
  }

  /** The samples a run of {@code shard} with {@code limit} (or null) predicts, in order. */
  private static List<Sample> select(List<Sample> all, Shard shard, Integer limit) {
    List<Sample> selected = shard.select(all);
    return limit != null && limit < selected.size() ? selected.subList(0, limit) : selected;
  }

  /**
   * The samples a finished run's {@code metrics.json} scored, in order: those of its shard and
   * limit; all of the benchmark for a merge (which scores the whole benchmark, as {@code score}
   * does).
   */
  public static List<Sample> scoredSamples(RunManifest manifest, List<Sample> all) {
    if (manifest.mergedFrom() != null) {
      return all;
    }
    return select(all, manifest.parsedShard(), manifest.limit());
  }

  /**
   * Merges the folders of all N shards of one run (same benchmark, model, profile and limit) into
   * {@code out}: predictions concatenated, metrics recomputed over the whole benchmark, equal to
   * those of an unsharded run. The merge is built beside {@code out} and moved into place whole, so
   * a failed merge leaves nothing, and {@code out} is never one of the shards nor a folder holding
   * anything but, with {@code replace}, a previous merge.
   *
   * @param data loads the benchmark the shards ran on, by id
   * @param replace whether a previous merge in {@code out} may be replaced
   * @throws InputException when a folder is not a finished run, the shards do not belong together,
   *     one is missing, a shard's predictions are invalid (naming its file and line), or {@code
   *     out} is not free
   */
  public static Outcome merge(
      List<Path> shards,
      Path out,
      java.util.function.Function<String, LoadedSplit> data,
      int ciResamples,
      boolean replace) {
    requireFreeOutput(shards, out, replace);
    List<RunManifest> manifests = new ArrayList<>();
    for (Path dir : shards) {
      RunDirectory run = new RunDirectory(dir);
      if (!Files.exists(run.manifest())) {
        throw new InputException(dir + " is not a run folder (no manifest.json)");
      }
      RunManifest m = RunManifest.read(run.manifest());
      if (!m.finished()) {
        throw new InputException(dir + " holds an unfinished run; resume it before merging");
      }
      manifests.add(m);
    }
    RunManifest first = manifests.get(0);
    int count = first.parsedShard().count();
    TreeSet<Integer> indices = new TreeSet<>();
    for (int i = 0; i < manifests.size(); i++) {
      RunManifest m = manifests.get(i);
      compatible(shards, i, "benchmark", first.benchmark(), m.benchmark());
      compatible(shards, i, "profile", first.profile(), m.profile());
      compatible(shards, i, "model.spec", first.model().spec(), m.model().spec());
      compatible(shards, i, "limit", first.limit(), m.limit());
      Shard s = m.parsedShard();
      if (s.count() != count || !indices.add(s.index())) {
        throw new InputException(
            "cannot merge "
                + shards.get(i)
                + ": shard "
                + s
                + " repeats or does not belong to a split into "
                + count);
      }
    }
    if (indices.size() != count) {
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (!indices.contains(i)) {
          missing.add(i + "/" + count);
        }
      }
      throw new InputException(
          "missing shards " + String.join(", ", missing) + "; merge needs all " + count);
    }
    LoadedSplit split = data.apply(first.benchmark());
    checkShardPredictions(shards, split);
    EvalProfile profile = EvalProfile.fromId(first.profile());
    Path target = out.toAbsolutePath().normalize();
    Path staging = staging(target);
    try {
      RunDirectory merged = new RunDirectory(staging);
      try (OutputStream o = Files.newOutputStream(merged.predictions())) {
        for (Path dir : shards) {
          o.write(Files.readAllBytes(new RunDirectory(dir).predictions()));
        }
      }
      Evaluation evaluation;
      try (PredictionIndex index =
          PredictionIndex.open(merged.predictions(), split.samplesById())) {
        evaluation =
            Scoring.score(
                first.benchmark(),
                split.samples(),
                index,
                profile,
                dev.perbench.harness.score.BootstrapSettings.percent95(ciResamples, first.seed()));
      }
      MetricsFiles.write(merged, evaluation);
      RunManifest manifest =
          first.merged(
              shards.stream().map(Path::toString).toList(), evaluation.n(), evaluation.failed());
      AtomicFiles.write(merged.manifest(), manifest.text());
      if (Files.exists(target)) {
        FileTrees.delete(target); // a previous merge, as requireFreeOutput checked
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return new Outcome(evaluation, manifest, new RunDirectory(out), 0, evaluation.failed(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the merge into " + out + ": " + e.getMessage(), e);
    } finally {
      FileTrees.delete(staging);
    }
  }

  /** As {@link #merge(List, Path, java.util.function.Function, int, boolean)}, never replacing. */
  public static Outcome merge(
      List<Path> shards,
      Path out,
      java.util.function.Function<String, LoadedSplit> data,
      int ciResamples) {
    return merge(shards, out, data, ciResamples, false);
  }

  /** {@code out} is not a shard, and is new, empty, or (with {@code replace}) a previous merge. */
  private static void requireFreeOutput(List<Path> shards, Path out, boolean replace) {
    Path target = out.toAbsolutePath().normalize();
    for (Path shard : shards) {
      // The same folder by name, or through a link or another spelling of its path.
      if (shard.toAbsolutePath().normalize().equals(target)
          || Files.exists(shard) && Files.exists(target) && sameFile(shard, target)) {
        throw new InputException(
            "--out " + out + " is one of the shard folders; merge into a new folder");
      }
    }
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new InputException("--out " + out + " is a file; give a folder for the merged run");
    }
    if (isEmpty(target)) {
      return;
    }
    RunDirectory existing = new RunDirectory(target);
    boolean previousMerge =
        Files.exists(existing.manifest())
            && RunManifest.read(existing.manifest()).mergedFrom() != null;
    if (!replace) {
      throw new InputException(
          "--out "
              + out
              + " exists and is not empty; merge into a new folder"
              + (previousMerge ? ", or add --force to replace the merge it holds" : ""));
    }
    if (!previousMerge) {
      throw new InputException(
          "--out "
              + out
              + " holds something other than a previous merge; --force replaces only a merge"
              + " (its manifest.json lists merged_from)");
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isEmpty(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every shard's prediction file is valid for the benchmark and no sample is in two shards; a
   * problem names the shard's file and line.
   */
  private static void checkShardPredictions(List<Path> shards, LoadedSplit split) {
    java.util.Map<String, Path> seen = new java.util.HashMap<>();
    for (Path dir : shards) {
      Path file = new RunDirectory(dir).predictions();
      try (PredictionIndex index = PredictionIndex.open(file, split.samplesById())) {
        for (String id : index.sampleIds()) {
          Path other = seen.putIfAbsent(id, file);
          if (other != null) {
            throw new InputException(
                "cannot merge: sample \""
                    + id
                    + "\" is predicted in both "
                    + other
                    + " and "
                    + file);
          }
        }
      }
    }
  }

  /** A fresh folder beside {@code target}, on the same file system so the final move is atomic. */
  private static Path staging(Path target) {
    try {
      Path parent = target.getParent();
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, "." + target.getFileName() + ".merging-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a folder beside " + target + ": " + e.getMessage(), e);
    }
  }

  private static void compatible(List<Path> shards, int i, String field, Object first, Object m) {
    if (!Objects.equals(first, m)) {
      throw new InputException(
          "cannot merge "
              + shards.get(i)
              + ": its "
              + field
              + " is "
              + quoted(m)
              + " but "
              + shards.get(0)
              + "'s is "
              + quoted(first));
    }
  }

  private static String quoted(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  private static void log(RunDirectory dir, String line) {
    try {
      Files.writeString(
          dir.log(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.log() + ": " + e.getMessage(), e);
    }
  }
}

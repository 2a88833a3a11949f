package dev.perbench.harness.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.io.PredictionWriter;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.prompt.PromptTemplates;
import dev.perbench.harness.score.CaptionMetric;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Scoring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one runner loop: selects samples (shard, limit), skips those already in the run's prediction
 * file, sends the rest to the model in batches with at most {@code concurrency} batches in flight,
 * appends each prediction as it arrives (a failure of the model on a batch is recorded on each of
 * its samples, never dropped), then scores the whole prediction file and writes metrics and the
 * manifest.
 */
public final class Runner {
  /** A finished run. */
  public record Outcome(
      Evaluation evaluation, RunDirectory directory, long predicted, long failed, double seconds) {}

  private Runner() {}

  public static Outcome run(
      RunConfig c,
      LoadedSplit data,
      Model model,
      RunDirectory dir,
      CaptionMetric captions,
      Path home,
      PrintWriter progressOut)
      throws Exception {
    Files.createDirectories(dir.root());
    Manifest.requireSameRun(dir.manifest(), c);
    List<Sample> selected = c.shard().select(data.samples());
    if (c.limit() != null && c.limit() < selected.size()) {
      selected = selected.subList(0, c.limit());
    }
    Set<String> done = dir.repairAndReadDoneIds();
    List<Sample> todo = new ArrayList<>();
    for (Sample s : selected) {
      if (!done.contains(s.id())) {
        todo.add(s);
      }
    }
    ModelInfo info = model.info();
    Instant started = Instant.now();
    ObjectNode manifest = Manifest.build(c, data, info, home, started);
    RunDirectory.writeAtomically(dir.manifest(), Manifest.text(manifest));
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
    try (PredictionWriter writer = new PredictionWriter(dir.predictions());
        Progress progress = new Progress(progressOut, todo.size(), 2000)) {
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, c.concurrency()));
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < todo.size(); i += batchSize) {
          List<Sample> batch = todo.subList(i, Math.min(todo.size(), i + batchSize));
          futures.add(pool.submit(() -> predictBatch(model, batch, writer, progress)));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "writing predictions failed: " + e.getCause().getMessage(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
      if (!todo.isEmpty()) {
        progress.print();
      }
      predicted = progress.done();
      seconds = progress.seconds();
    }

    Evaluation evaluation;
    try (PredictionIndex index = PredictionIndex.open(dir.predictions(), data.samplesById())) {
      evaluation =
          Scoring.score(
              c.benchmark(),
              selected,
              index,
              c.profile(),
              captions,
              0.95,
              c.ciResamples(),
              c.seed());
    }
    RunDirectory.writeAtomically(dir.metricsJson(), MetricsFiles.jsonText(evaluation));
    RunDirectory.writeAtomically(dir.metricsCsv(), MetricsFiles.csvText(evaluation));
    Manifest.finish(
        manifest, selected.size(), predicted, evaluation.failed(), seconds, Instant.now());
    RunDirectory.writeAtomically(dir.manifest(), Manifest.text(manifest));
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
    return new Outcome(evaluation, dir, predicted, evaluation.failed(), seconds);
  }

  private static void predictBatch(
      Model model, List<Sample> batch, PredictionWriter writer, Progress progress) {
    List<ModelInput> inputs = new ArrayList<>(batch.size());
    for (Sample s : batch) {
      inputs.add(new ModelInput(s, PromptTemplates.forTask(s.task()).render(s)));
    }
    List<Prediction> predictions;
    try {
      predictions = model.predict(inputs);
      if (predictions.size() != batch.size()) {
        throw new IllegalStateException(
            "the model returned "
                + predictions.size()
                + " predictions for "
                + batch.size()
                + " inputs");
      }
    } catch (Exception | LinkageError e) {
      String why = e.getClass().getSimpleName() + ": " + e.getMessage();
      predictions = new ArrayList<>();
      for (Sample s : batch) {
        predictions.add(Prediction.failed(s.id(), why));
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      Prediction p = checked(predictions.get(i), batch.get(i));
      writer.write(p);
      progress.count(p.failed());
    }
  }

  /** A prediction that does not fit its sample is recorded as a failure saying why. */
  private static Prediction checked(Prediction p, Sample s) {
    if (p == null || !s.id().equals(p.sampleId())) {
      return Prediction.failed(
          s.id(), "the model answered for sample " + (p == null ? "null" : p.sampleId()));
    }
    try {
      PredictionIndex.check(p, s);
      return p;
    } catch (IllegalArgumentException e) {
      return Prediction.failed(s.id(), "invalid prediction: " + e.getMessage());
    }
  }

  private static void log(RunDirectory dir, String line) {
    try {
      Files.writeString(
          dir.log(),
          line + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

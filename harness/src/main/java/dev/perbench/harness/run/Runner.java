package dev.perbench.harness.run;

import dev.perbench.data.model.Sample;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.io.PredictionWriter;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelException;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import dev.perbench.harness.prompt.PromptTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one prediction loop: sends samples to the model in batches with at most {@code concurrency}
 * batches in flight and appends each prediction as it arrives. A failure of the model on a batch is
 * recorded on each of its samples, never dropped; a prediction that does not fit its sample is
 * recorded as a failure saying why.
 */
final class Runner {
  private Runner() {}

  static void predictAll(
      Model model,
      List<Sample> todo,
      int batchSize,
      int concurrency,
      PredictionWriter writer,
      Progress progress)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < todo.size(); i += batchSize) {
        List<Sample> batch = todo.subList(i, Math.min(todo.size(), i + batchSize));
        futures.add(
            pool.submit(
                () -> {
                  predictBatch(model, batch, writer, progress);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      // Only the prediction file can fail here (a full disk): the model's failures are samples'.
      if (e.getCause() instanceof InterruptedException i) {
        throw i;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void predictBatch(
      Model model, List<Sample> batch, PredictionWriter writer, Progress progress)
      throws InterruptedException {
    List<ModelInput> inputs = new ArrayList<>(batch.size());
    for (Sample s : batch) {
      inputs.add(new ModelInput(s, PromptTemplates.forTask(s.task()).render(s)));
    }
    List<Prediction> predictions;
    try {
      predictions = model.predict(inputs);
      if (predictions.size() != batch.size()) {
        predictions =
            failed(
                batch,
                "the model returned "
                    + predictions.size()
                    + " predictions for "
                    + batch.size()
                    + " inputs");
      }
    } catch (ModelException e) {
      predictions = failed(batch, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      // A model adapter's bug or a native library's failure fails its samples, not the run: the
      // error is recorded on each of them, with its type, for the report.
      predictions = failed(batch, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    for (int i = 0; i < batch.size(); i++) {
      Prediction p = checked(predictions.get(i), batch.get(i));
      writer.write(p);
      progress.count(p.failed());
    }
  }

  private static List<Prediction> failed(List<Sample> batch, String why) {
    List<Prediction> out = new ArrayList<>(batch.size());
    for (Sample s : batch) {
      out.add(Prediction.failed(s.id(), why));
    }
    return out;
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
}

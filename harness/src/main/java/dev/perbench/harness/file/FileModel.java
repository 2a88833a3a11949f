package dev.perbench.harness.file;

import dev.perbench.data.model.Task;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code file:PATH}: a prediction file as a model, so an offline submission goes through the same
 * runner as a live model. A sample the file lacks comes back as failed ("not in the prediction
 * file").
 */
public final class FileModel implements Model {
  private final PredictionIndex index;

  public FileModel(PredictionIndex index) {
    this.index = index;
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(
        "file:" + index.file().getFileName(),
        "-",
        List.of(Task.values()),
        Map.of("file", index.file().toString(), "predictions", Integer.toString(index.size())));
  }

  @Override
  public synchronized List<Prediction> predict(List<ModelInput> batch) {
    List<Prediction> out = new ArrayList<>(batch.size());
    for (ModelInput in : batch) {
      Prediction p = index.get(in.sample().id());
      out.add(
          p != null
              ? p
              : Prediction.failed(in.sample().id(), "not in the prediction file " + index.file()));
    }
    return out;
  }

  @Override
  public void close() {
    index.close();
  }
}

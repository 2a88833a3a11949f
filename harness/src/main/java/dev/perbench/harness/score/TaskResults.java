package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perbench.data.model.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code tasks} of {@code metrics.json}: one typed result per task that was scored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"caption", "mcq", "vres", "res"})
public record TaskResults(
    CaptionTaskResult caption,
    ChoiceTaskResult mcq,
    SegmentationTaskResult vres,
    SegmentationTaskResult res) {

  /** The results present, in {@link Task} order (the file's order). */
  @JsonIgnore
  public Map<Task, TaskResult> byTask() {
    Map<Task, TaskResult> out = new LinkedHashMap<>();
    put(out, Task.CAPTION, caption);
    put(out, Task.MCQ, mcq);
    put(out, Task.VRES, vres);
    put(out, Task.RES, res);
    return out;
  }

  /** Whether no task is present. */
  @JsonIgnore
  public boolean isEmpty() {
    return caption == null && mcq == null && vres == null && res == null;
  }

  private static void put(Map<Task, TaskResult> out, Task task, TaskResult r) {
    if (r != null) {
      out.put(task, r);
    }
  }
}

package dev.perbench.harness.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.ModelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the answer to {@code GET /v1/info}: {@code {"name": str, "version": str, "tasks": ["res",
 * "vres", "mcq", "caption"], ...}}.
 *
 * <p>Every other top-level field is kept in {@link ModelInfo#details()} (strings as they are, other
 * values as JSON text) so that the run's manifest records what the server said about itself. Task
 * ids this harness does not know are kept there too, under {@code other_tasks}, rather than
 * refused, so that a server may serve newer tasks.
 */
public final class InfoJson {
  private InfoJson() {}

  /**
   * @param url the server's base URL, recorded as detail {@code url}
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public static ModelInfo read(byte[] body, String url) {
    JsonNode o = PredictResponseJson.parse(body);
    if (!o.isObject()) {
      throw new IllegalArgumentException(
          "expected a JSON object {\"name\", \"version\", \"tasks\"}");
    }
    String name = requiredText(o, "name");
    String version = requiredText(o, "version");
    JsonNode tasksNode = o.get("tasks");
    if (tasksNode == null || !tasksNode.isArray()) {
      throw new IllegalArgumentException(
          "\"tasks\" must be a list of task ids (res, vres, mcq, caption)");
    }
    List<Task> tasks = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (JsonNode t : tasksNode) {
      if (!t.isTextual()) {
        throw new IllegalArgumentException("\"tasks\" holds a non-string: " + t);
      }
      try {
        Task task = Task.fromId(t.asText());
        if (!tasks.contains(task)) {
          tasks.add(task);
        }
      } catch (IllegalArgumentException e) {
        other.add(t.asText());
      }
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("url", url);
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      String key = e.getKey();
      if (!key.equals("name")
          && !key.equals("version")
          && !key.equals("tasks")
          && !e.getValue().isNull()) {
        details.put(
            key, e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
      }
    }
    if (!other.isEmpty()) {
      details.put("other_tasks", String.join(",", other));
    }
    return new ModelInfo(name, version, tasks, details);
  }

  private static String requiredText(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }
    return v.asText();
  }
}

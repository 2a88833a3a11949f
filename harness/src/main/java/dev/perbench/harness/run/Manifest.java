package dev.perbench.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.data.DataFile;
import dev.perbench.data.LoadedSplit;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.prompt.PromptTemplate;
import dev.perbench.harness.prompt.PromptTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code manifest.json}: where every number of a run came from (harness version and commit,
 * benchmark and data checksums, model spec and what the model reported, device, profile, prompt
 * hashes, seed, shard, times, counts, throughput, JVM and OS).
 */
public final class Manifest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Manifest() {}

  public static ObjectNode build(
      RunConfig c, LoadedSplit data, ModelInfo model, Path home, Instant started) {
    ObjectNode o = JSON.createObjectNode();
    o.put("status", "running");
    ObjectNode harness = o.putObject("harness");
    harness.put("version", Versions.harness());
    harness.put("git_commit", Versions.gitCommit(home));
    o.put("benchmark", c.benchmark());
    var files = o.putArray("data_files");
    for (DataFile f : data.files()) {
      files
          .addObject()
          .put("path", f.path().toString())
          .put("sha256", f.sha256())
          .put("bytes", f.bytes());
    }
    ObjectNode m = o.putObject("model");
    m.put("spec", c.modelSpec());
    m.put("name", model.name());
    m.put("version", model.version());
    var tasks = m.putArray("tasks");
    model.tasks().forEach(t -> tasks.add(t.id()));
    ObjectNode details = m.putObject("details");
    model.details().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> details.put(e.getKey(), e.getValue()));
    o.put("device", c.device());
    o.put("profile", c.profile().id());
    var prompts = o.putArray("prompts");
    for (PromptTemplate t : PromptTemplates.all()) {
      prompts
          .addObject()
          .put("task", t.task().id())
          .put("id", t.id())
          .put("version", t.version())
          .put("sha256", t.sha256());
    }
    o.put("seed", c.seed());
    o.put("shard", c.shard().toString());
    if (c.limit() == null) {
      o.putNull("limit");
    } else {
      o.put("limit", c.limit());
    }
    o.put("concurrency", c.concurrency());
    o.put("batch_size", c.batchSize());
    o.put("started", started.toString());
    ObjectNode env = o.putObject("environment");
    env.put("java", Runtime.version().toString());
    env.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    env.put("cpus", Runtime.getRuntime().availableProcessors());
    return o;
  }

  /** Adds the outcome of a finished run. */
  public static void finish(
      ObjectNode o,
      long samples,
      long predictedThisSession,
      long failed,
      double seconds,
      Instant ended) {
    o.put("status", "finished");
    o.put("ended", ended.toString());
    o.put("samples", samples);
    o.put("failed", failed);
    o.put("predicted_in_last_session", predictedThisSession);
    o.put("last_session_seconds", seconds);
    o.put("last_session_samples_per_second", seconds > 0 ? predictedThisSession / seconds : 0);
  }

  public static String text(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses to resume into a folder that holds another run.
   *
   * @throws IllegalArgumentException naming the difference
   */
  public static void requireSameRun(Path file, RunConfig c) {
    if (!Files.exists(file)) {
      return;
    }
    JsonNode old = read(file);
    check(file, "benchmark", old.path("benchmark").asText(), c.benchmark());
    check(file, "model", old.path("model").path("spec").asText(), c.modelSpec());
    check(file, "profile", old.path("profile").asText(), c.profile().id());
    check(file, "shard", old.path("shard").asText(), c.shard().toString());
    check(
        file,
        "limit",
        old.path("limit").isNull() ? "none" : old.path("limit").asText(),
        c.limit() == null ? "none" : c.limit().toString());
  }

  private static void check(Path file, String what, String old, String now) {
    if (!Objects.equals(old, now)) {
      throw new IllegalArgumentException(
          file.getParent()
              + " holds a run with "
              + what
              + " '"
              + old
              + "', not '"
              + now
              + "'; resume it with the same options, or use another --out");
    }
  }
}

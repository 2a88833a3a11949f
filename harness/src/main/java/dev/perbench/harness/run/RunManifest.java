package dev.perbench.harness.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perbench.data.DataFile;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Task;
import dev.perbench.harness.json.Check;
import dev.perbench.harness.json.FieldException;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.prompt.PromptTemplate;
import dev.perbench.harness.prompt.PromptTemplates;
import dev.perbench.harness.score.EvalProfile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code manifest.json}: where every number of a run came from, attached to the run's {@code
 * metrics.json} as Tribuo attaches provenance to an evaluation: harness version and commit,
 * benchmark and data checksums, model spec and what the model reported, device, profile, prompt
 * hashes, seed, shard, times, counts, throughput, JVM and OS. Schema: {@code
 * docs/manifest.schema.json}. Written and read only through this record.
 *
 * @param status {@code running} while the run is under way, {@code finished} after
 * @param shard {@code I/N}; a merged run is {@code 0/1} with {@link #mergedFrom} naming its shards
 * @param limit the run's {@code --limit}, or null
 * @param ended and the fields after it: the outcome, present once the run has finished
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "status",
  "harness",
  "benchmark",
  "data_files",
  "model",
  "device",
  "profile",
  "prompts",
  "seed",
  "shard",
  "limit",
  "concurrency",
  "batch_size",
  "started",
  "environment",
  "ended",
  "samples",
  "failed",
  "predicted_in_last_session",
  "last_session_seconds",
  "last_session_samples_per_second",
  "merged_from"
})
public record RunManifest(
    @JsonProperty(value = "status", required = true) String status,
    @JsonProperty(value = "harness", required = true) Harness harness,
    @JsonProperty(value = "benchmark", required = true) String benchmark,
    @JsonProperty(value = "data_files", required = true) List<DataFileEntry> dataFiles,
    @JsonProperty(value = "model", required = true) ModelEntry model,
    @JsonProperty(value = "device", required = true) String device,
    @JsonProperty(value = "profile", required = true) String profile,
    @JsonProperty(value = "prompts", required = true) List<PromptEntry> prompts,
    @JsonProperty(value = "seed", required = true) long seed,
    @JsonProperty(value = "shard", required = true) String shard,
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty(value = "limit", required = true)
        Integer limit,
    @JsonProperty(value = "concurrency", required = true) int concurrency,
    @JsonProperty(value = "batch_size", required = true) int batchSize,
    @JsonProperty(value = "started", required = true) String started,
    @JsonProperty(value = "environment", required = true) Environment environment,
    String ended,
    Long samples,
    Long failed,
    @JsonProperty("predicted_in_last_session") Long predictedInLastSession,
    @JsonProperty("last_session_seconds") Double lastSessionSeconds,
    @JsonProperty("last_session_samples_per_second") Double lastSessionSamplesPerSecond,
    @JsonProperty("merged_from") List<String> mergedFrom) {
  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";

  private static final Pattern SHARD = Pattern.compile("[0-9]+/[0-9]+");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}|unknown");
  private static final List<String> TASKS = Arrays.stream(Task.values()).map(Task::id).toList();
  private static final List<String> PROFILES =
      Arrays.stream(EvalProfile.values()).map(EvalProfile::id).toList();

  /** The rules of {@code docs/manifest.schema.json}, each naming its field. */
  public RunManifest {
    Check.oneOf("status", status, List.of(RUNNING, FINISHED));
    Check.present("harness", harness);
    Check.nonEmpty("benchmark", benchmark);
    dataFiles = List.copyOf(Check.present("data_files", dataFiles));
    Check.present("model", model);
    Check.nonEmpty("device", device);
    Check.oneOf("profile", profile, PROFILES);
    prompts = List.copyOf(Check.present("prompts", prompts));
    Check.matches("shard", shard, SHARD, "I/N (e.g. 0/4)");
    Check.atLeast("limit", limit, 0, true);
    Check.atLeast("concurrency", concurrency, 1, false);
    Check.atLeast("batch_size", batchSize, 0, false);
    Check.matches("started", started, Check.INSTANT, "an ISO 8601 instant in UTC");
    Check.present("environment", environment);
    if (FINISHED.equals(status)) {
      Check.matches("ended", ended, Check.INSTANT, "an ISO 8601 instant in UTC");
      Check.atLeast("samples", samples, 0, false);
      Check.atLeast("failed", failed, 0, false);
      Check.atLeast("predicted_in_last_session", predictedInLastSession, 0, false);
      Check.atLeast("last_session_seconds", lastSessionSeconds, 0, false);
      Check.atLeast("last_session_samples_per_second", lastSessionSamplesPerSecond, 0, false);
    } else {
      String why = "while the run is running (it is the outcome)";
      Check.absent("ended", ended, why);
      Check.absent("samples", samples, why);
      Check.absent("failed", failed, why);
      Check.absent("predicted_in_last_session", predictedInLastSession, why);
      Check.absent("last_session_seconds", lastSessionSeconds, why);
      Check.absent("last_session_samples_per_second", lastSessionSamplesPerSecond, why);
      Check.absent(
          "merged_from", mergedFrom, "while the run is running (only a finished merge has it)");
    }
    if (mergedFrom != null) {
      if (mergedFrom.isEmpty()) {
        throw new FieldException("merged_from", "must list the merged shard folders");
      }
      for (int i = 0; i < mergedFrom.size(); i++) {
        Check.nonEmpty("merged_from[" + i + "]", mergedFrom.get(i));
      }
      mergedFrom = List.copyOf(mergedFrom);
    }
  }

  /** The harness that made the run. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"version", "git_commit", "git_dirty"})
  public record Harness(
      @JsonProperty(value = "version", required = true) String version,
      @JsonProperty(value = "git_commit", required = true) String gitCommit,
      @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("git_dirty") Boolean gitDirty) {
    public Harness {
      Check.nonEmpty("version", version);
      Check.matches("git_commit", gitCommit, COMMIT, "a commit id or \"unknown\"");
    }
  }

  /** A benchmark file and its checksum. */
  @JsonPropertyOrder({"path", "sha256", "bytes"})
  public record DataFileEntry(
      @JsonProperty(value = "path", required = true) String path,
      @JsonProperty(value = "sha256", required = true) String sha256,
      @JsonProperty(value = "bytes", required = true) long bytes) {
    public DataFileEntry {
      Check.nonEmpty("path", path);
      Check.matches("sha256", sha256, Check.SHA256, "a SHA-256 in lowercase hex");
      Check.atLeast("bytes", bytes, 0, false);
    }
  }

  /** The model: the spec it was opened with and what it said about itself. */
  @JsonPropertyOrder({"spec", "name", "version", "tasks", "details"})
  public record ModelEntry(
      @JsonProperty(value = "spec", required = true) String spec,
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "version", required = true) String version,
      @JsonProperty(value = "tasks", required = true) List<String> tasks,
      @JsonProperty(value = "details", required = true) Map<String, String> details) {
    public ModelEntry {
      Check.nonEmpty("spec", spec);
      Check.present("name", name);
      Check.present("version", version);
      tasks = List.copyOf(Check.present("tasks", tasks));
      for (String t : tasks) {
        Check.oneOf("tasks", t, TASKS);
        if (tasks.indexOf(t) != tasks.lastIndexOf(t)) {
          throw new FieldException("tasks", "\"" + t + "\" is listed twice");
        }
      }
      Check.present("details", details);
      for (Map.Entry<String, String> d : details.entrySet()) {
        Check.present("details." + d.getKey(), d.getValue());
      }
    }
  }

  /** A prompt template by id, version and the SHA-256 of its text. */
  @JsonPropertyOrder({"task", "id", "version", "sha256"})
  public record PromptEntry(
      @JsonProperty(value = "task", required = true) String task,
      @JsonProperty(value = "id", required = true) String id,
      @JsonProperty(value = "version", required = true) int version,
      @JsonProperty(value = "sha256", required = true) String sha256) {
    public PromptEntry {
      Check.oneOf("task", task, TASKS);
      Check.nonEmpty("id", id);
      Check.atLeast("version", version, 1, false);
      Check.matches("sha256", sha256, Check.SHA256, "a SHA-256 in lowercase hex");
    }
  }

  /** The JVM and machine. */
  @JsonPropertyOrder({"java", "os", "cpus"})
  public record Environment(
      @JsonProperty(value = "java", required = true) String java,
      @JsonProperty(value = "os", required = true) String os,
      @JsonProperty(value = "cpus", required = true) int cpus) {
    public Environment {
      Check.nonEmpty("java", java);
      Check.nonEmpty("os", os);
      Check.atLeast("cpus", cpus, 1, false);
    }

    /** This JVM's. */
    public static Environment current() {
      return new Environment(
          Runtime.version().toString(),
          System.getProperty("os.name")
              + " "
              + System.getProperty("os.version")
              + " "
              + System.getProperty("os.arch"),
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** The manifest of a run that is starting. */
  public static RunManifest start(
      RunConfig c, LoadedSplit data, ModelInfo model, Path home, Instant started) {
    List<DataFileEntry> files =
        data.files().stream()
            .map((DataFile f) -> new DataFileEntry(f.path().toString(), f.sha256(), f.bytes()))
            .toList();
    ModelEntry m =
        new ModelEntry(
            c.modelSpec(),
            model.name(),
            model.version(),
            model.tasks().stream().map(t -> t.id()).toList(),
            new TreeMap<>(model.details()));
    List<PromptEntry> prompts =
        PromptTemplates.all().stream()
            .map(
                (PromptTemplate t) ->
                    new PromptEntry(t.task().id(), t.id(), t.version(), t.sha256()))
            .toList();
    Versions.SourceVersion source = Versions.source(home);
    return new RunManifest(
        RUNNING,
        new Harness(Versions.harness(), source.commit(), source.dirty()),
        c.benchmark(),
        files,
        m,
        c.device(),
        c.profile().id(),
        prompts,
        c.seed(),
        c.shard().toString(),
        c.limit(),
        c.concurrency(),
        c.batchSize(),
        started.toString(),
        Environment.current(),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** This manifest with the outcome of the finished run. */
  public RunManifest finish(
      long samples, long predictedThisSession, long failed, double seconds, Instant ended) {
    return new RunManifest(
        FINISHED,
        harness,
        benchmark,
        dataFiles,
        model,
        device,
        profile,
        prompts,
        seed,
        shard,
        limit,
        concurrency,
        batchSize,
        started,
        environment,
        ended.toString(),
        samples,
        failed,
        predictedThisSession,
        seconds,
        seconds > 0 ? predictedThisSession / seconds : 0.0,
        mergedFrom);
  }

  /** The manifest of a merge of shard runs: this (the first shard's) as the whole benchmark. */
  public RunManifest merged(List<String> shards, long samples, long failed) {
    return new RunManifest(
        status,
        harness,
        benchmark,
        dataFiles,
        model,
        device,
        profile,
        prompts,
        seed,
        "0/1",
        limit,
        concurrency,
        batchSize,
        started,
        environment,
        ended,
        samples,
        failed,
        predictedInLastSession,
        lastSessionSeconds,
        lastSessionSamplesPerSecond,
        List.copyOf(shards));
  }

  /** Whether the run has finished. */
  public boolean finished() {
    return FINISHED.equals(status);
  }

  /** The shard, parsed. */
  public Shard parsedShard() {
    return Shard.parse(shard);
  }

  /** The file's text. */
  public String text() {
    return StrictJson.pretty(this);
  }

  /**
   * Reads a {@code manifest.json} strictly.
   *
   * @throws dev.perbench.errors.InputException naming the file and the field
   */
  public static RunManifest read(Path file) {
    return StrictJson.read(file, RunManifest.class);
  }
}

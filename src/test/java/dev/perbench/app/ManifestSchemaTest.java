package dev.perbench.app;

import static dev.perbench.app.Mutations.remove;
import static dev.perbench.app.Mutations.set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.app.Mutations.Case;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.run.RunManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/manifest.schema.json}: every violation is rejected by the schema and by the typed
 * Java reader ({@link RunManifest}, as {@link #READER}), both naming the field.
 */
class ManifestSchemaTest {
  /** The outcome fields of a finished run. */
  static final List<String> FINISHED_ONLY =
      List.of(
          "ended",
          "samples",
          "failed",
          "predicted_in_last_session",
          "last_session_seconds",
          "last_session_samples_per_second");

  private static final JsonNode FINISHED =
      Schemas.read(Path.of("submissions/baseline-oracle/results/perbench-mini/manifest.json"));

  private static final Map<String, JsonNode> BASES =
      Map.of("finished", FINISHED, "running", running(FINISHED), "merged", merged(FINISHED));

  /** The Java reader: {@link RunManifest}'s strict binding; its message, or null when it reads. */
  static final Function<JsonNode, String> READER =
      tree -> {
        try {
          StrictJson.bind(tree, RunManifest.class);
          return null;
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      };

  /** The manifest as a run writes it when it starts: no outcome yet. */
  static JsonNode running(JsonNode finished) {
    ObjectNode m = finished.deepCopy();
    m.put("status", "running");
    FINISHED_ONLY.forEach(m::remove);
    return m;
  }

  /** The manifest as perbench merge writes it. */
  static JsonNode merged(JsonNode finished) {
    ObjectNode m = finished.deepCopy();
    m.putArray("merged_from").add("/tmp/shard0").add("/tmp/shard1");
    return m;
  }

  static Stream<Case> rejected() {
    return Stream.of(
        // top level
        set("finished", "/notes", "\"x\""),
        remove("finished", "/status"),
        set("finished", "/status", "\"done\""),
        set("finished", "/status", "\"Finished\""),
        set("finished", "/status", "null"),
        remove("finished", "/benchmark"),
        set("finished", "/benchmark", "\"\""),
        set("finished", "/benchmark", "1"),
        // harness
        remove("finished", "/harness"),
        set("finished", "/harness", "\"0.1.0\""),
        remove("finished", "/harness/version"),
        set("finished", "/harness/version", "\"\""),
        remove("finished", "/harness/git_commit"),
        set("finished", "/harness/git_commit", "\"abc123\""),
        set("finished", "/harness/git_commit", "\"E5EE1D2EB65906EFFF00306E696771C08609FBEA\""),
        set("finished", "/harness/git_commit", "null"),
        set("finished", "/harness/git_dirty", "\"no\""),
        set("finished", "/harness/git_dirty", "0"),
        set("finished", "/harness/branch", "\"main\""),
        // data files
        remove("finished", "/data_files"),
        set("finished", "/data_files", "{}"),
        set("finished", "/data_files/0", "\"STBench_MCQ.json\""),
        remove("finished", "/data_files/0/path"),
        set("finished", "/data_files/0/path", "\"\""),
        remove("finished", "/data_files/0/sha256"),
        set("finished", "/data_files/0/sha256", "\"5d4cfdc7\""),
        set(
            "finished",
            "/data_files/0/sha256",
            "\"5D4CFDC7EB257E0DFBCB1BBEDBD92290DA9B660A1077EAD83120F42C50E71E4E\""),
        remove("finished", "/data_files/0/bytes"),
        set("finished", "/data_files/0/bytes", "-1"),
        set("finished", "/data_files/0/bytes", "\"71912\""),
        set("finished", "/data_files/0/md5", "\"x\""),
        // model
        remove("finished", "/model"),
        remove("finished", "/model/spec"),
        set("finished", "/model/spec", "\"\""),
        remove("finished", "/model/name"),
        set("finished", "/model/version", "1"),
        remove("finished", "/model/tasks"),
        set("finished", "/model/tasks", "\"res\""),
        set("finished", "/model/tasks", "[\"detection\"]"),
        set("finished", "/model/tasks", "[\"res\", \"res\"]"),
        remove("finished", "/model/details"),
        set("finished", "/model/details/batch_size", "48"),
        set("finished", "/model/details/checkpoint", "null"),
        set("finished", "/model/weights", "\"x\""),
        // run options
        remove("finished", "/device"),
        set("finished", "/device", "\"\""),
        remove("finished", "/profile"),
        set("finished", "/profile", "\"reported\""),
        set("finished", "/profile", "\"strict\""),
        remove("finished", "/prompts"),
        set("finished", "/prompts/0/task", "\"detection\""),
        set("finished", "/prompts/0/version", "0"),
        set("finished", "/prompts/0/version", "\"1\""),
        set("finished", "/prompts/0/sha256", "\"x\""),
        remove("finished", "/prompts/0/id"),
        set("finished", "/prompts/0/text", "\"x\""),
        remove("finished", "/seed"),
        set("finished", "/seed", "0.5"),
        set("finished", "/seed", "\"0\""),
        remove("finished", "/shard"),
        set("finished", "/shard", "\"1of2\""),
        set("finished", "/shard", "\"0/\""),
        set("finished", "/shard", "\"/2\""),
        set("finished", "/shard", "\"a/b\""),
        set("finished", "/shard", "\" 0/1\""),
        set("finished", "/shard", "\"0/1\\n\""),
        set("finished", "/shard", "0"),
        remove("finished", "/limit"),
        set("finished", "/limit", "-1"),
        set("finished", "/limit", "2.5"),
        set("finished", "/limit", "\"5\""),
        remove("finished", "/concurrency"),
        set("finished", "/concurrency", "0"),
        set("finished", "/batch_size", "-1"),
        remove("finished", "/batch_size"),
        // times and environment
        remove("finished", "/started"),
        set("finished", "/started", "\"yesterday\""),
        set("finished", "/started", "\"2026-11-26 10:32:30Z\""),
        set("finished", "/started", "\"2026-11-26T10:32:30\""),
        set("finished", "/started", "1764153150"),
        remove("finished", "/environment"),
        remove("finished", "/environment/java"),
        set("finished", "/environment/cpus", "0"),
        set("finished", "/environment/cpus", "\"2\""),
        set("finished", "/environment/memory", "\"128G\""),
        // the outcome of a finished run
        remove("finished", "/ended"),
        set("finished", "/ended", "\"soon\""),
        remove("finished", "/samples"),
        set("finished", "/samples", "-1"),
        remove("finished", "/failed"),
        set("finished", "/failed", "0.5"),
        remove("finished", "/predicted_in_last_session"),
        remove("finished", "/last_session_seconds"),
        set("finished", "/last_session_seconds", "-1"),
        remove("finished", "/last_session_samples_per_second"),
        set("finished", "/last_session_samples_per_second", "\"fast\""),
        // a running run has no outcome
        set("running", "/ended", "\"2026-11-26T10:32:33.493695352Z\""),
        set("running", "/samples", "1186"),
        set("running", "/failed", "0"),
        set("running", "/predicted_in_last_session", "10"),
        set("running", "/last_session_seconds", "1.5"),
        set("running", "/last_session_samples_per_second", "6.7"),
        set("running", "/merged_from", "[\"/tmp/shard0\"]"),
        // merged runs
        set("merged", "/merged_from", "\"/tmp/shard0\""),
        set("merged", "/merged_from", "[]"),
        set("merged", "/merged_from/0", "1"),
        set("merged", "/merged_from/0", "\"\""));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void everyViolationIsRejectedByTheSchema(Case c) {
    Mutations.assertBothReject(
        c, BASES.get(c.base()), Schemas.MANIFEST, READER, Mutations::namesQuotedPath);
  }

  @Test
  void theBasesAreValid() {
    for (JsonNode b : BASES.values()) {
      Mutations.assertBothAccept(b, Schemas.MANIFEST, READER);
    }
  }
}

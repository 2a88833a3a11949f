package dev.perbench.app;

import static dev.perbench.app.CheckFiles.ORACLE;
import static dev.perbench.app.CheckFiles.PREDICTIONS;
import static dev.perbench.app.CheckFiles.REPRODUCED;
import static dev.perbench.app.CheckFiles.check;
import static dev.perbench.app.CheckFiles.contains;
import static dev.perbench.app.CheckFiles.copy;
import static dev.perbench.app.CheckFiles.decided;
import static dev.perbench.app.CheckFiles.delete;
import static dev.perbench.app.CheckFiles.editJson;
import static dev.perbench.app.CheckFiles.read;
import static dev.perbench.app.CheckFiles.refused;
import static dev.perbench.app.CheckFiles.withoutPredictions;
import static dev.perbench.app.CheckFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code perbench check} refuses, with exit code 2 and one message that says why and what to
 * do: runs that cannot be compared (benchmark, profile, metric code, sample sets, numbers from a
 * paper), gates that do not fit, baselines that name nothing, unfinished or inconsistent runs, and
 * command lines without a run. And what --allow-different-samples then compares.
 */
class CheckCommandRefusalTest {
  @TempDir static Path shared;

  /** pixel-mini's predictions run with --limit 100. */
  private static Path limited;

  /** ... as shard 0/2. */
  private static Path shard;

  /** ... scored under the pixel-sail profile. */
  private static Path sail;

  /**
   * The entry's metrics.json and manifest.json without its predictions: a finished run that needs
   * no scoring, for the refusals that do not depend on per-sample scores.
   */
  private static Path bare;

  @TempDir Path dir;

  @BeforeAll
  static void runs() {
    limited = CheckFiles.run(PREDICTIONS, shared.resolve("limited"), "--limit", "100");
    shard = CheckFiles.run(PREDICTIONS, shared.resolve("shard"), "--shard", "0/2");
    sail = shared.resolve("sail");
    CommandRun s =
        CommandRun.of(
            "score",
            "--predictions",
            PREDICTIONS.toString(),
            "--bench",
            "perbench-mini",
            "--profile",
            "pixel-sail",
            "--out",
            sail.toString());
    assertEquals(0, s.exitCode(), s.err());
    bare = withoutPredictions(REPRODUCED, shared.resolve("bare"));
  }

  private Path gate(String text) {
    return write(dir.resolve("gate.yaml"), text);
  }

  // ---- runs that cannot be compared ----

  @Test
  void aBaselineOfAnotherBenchmarkIsRefused() {
    Path other =
        editJson(
            ORACLE.resolve("metrics.json"),
            dir.resolve("other/metrics.json"),
            m -> m.put("benchmark", "perbench"));
    refused(
        check("--run", bare.toString(), "--baseline", other.toString()),
        "the run is of perbench-mini but the baseline of perbench:",
        "runs of different benchmarks cannot be compared");
  }

  @Test
  void aBaselineScoredUnderAnotherProfileIsRefused() {
    refused(
        check("--run", sail.toString(), "--baseline", "pixel-mini-reproduced"),
        "the run was scored under profile pixel-sail but the baseline under standard:",
        "score one again with the other's --profile");
  }

  @Test
  void aBaselineOfOtherMetricCodeIsRefused() {
    Path v1 =
        editJson(
            ORACLE.resolve("metrics.json"),
            dir.resolve("v1/metrics.json"),
            m -> m.put("metrics_version", 1));
    refused(
        check("--run", bare.toString(), "--baseline", v1.toString()),
        "the run's numbers come from harness metric code version 2, the baseline's from version 1",
        "score the older one again with this harness (perbench score)");
  }

  /** Numbers copied from a paper have no interval to test: refused on either side. */
  @Test
  void numbersCopiedFromAPaperAreRefused() {
    Path paper = Path.of("submissions/pixel-sail-3b-reported/results/perbench/metrics.json");
    refused(
        check("--run", bare.toString(), "--baseline", paper.toString()),
        "--baseline " + paper + ": numbers copied from a paper (profile reported)",
        "compare with a harness result");
    Path mini = dir.resolve("reported-mini");
    editJson(paper, mini.resolve("metrics.json"), m -> m.put("benchmark", "perbench-mini"));
    refused(
        check("--run", bare.toString(), "--baseline", mini.toString()),
        "--baseline " + mini + ": numbers copied from a paper");
    Path floor = gate("rules:\n  - metric: mcq.accuracy\n    min: 0.5\n");
    refused(
        check("--run", mini.toString(), "--gate", floor.toString()),
        "--run " + mini + ": numbers copied from a paper (profile reported) are not a run",
        "check a harness result");
  }

  // ---- different sample sets ----

  @Test
  void aLimitRunIsRefusedUnlessAllowedThenComparedOnTheSharedSamples() {
    String[] args = {"--run", limited.toString(), "--baseline", "pixel-mini-reproduced"};
    refused(
        check(args),
        "different sample sets: the run scored 100 samples and the baseline 1186; 100 are shared"
            + " (0 only in the run, 1086 only in the baseline) (the run is a --limit 100 run).",
        "Compare on the shared samples only with --allow-different-samples");
    Path json = dir.resolve("check.json");
    JsonNode c = allowed(args, json);
    assertEquals(counts(limited), counts(c.get("shared")));
    contains(
        c.get("notes").get(0).asText(),
        "--allow-different-samples: the run scored 100 samples and the baseline 1186; 100 are"
            + " shared",
        "only the shared ones are compared");
    assertTrue(c.get("allow_different_samples").asBoolean());
  }

  @Test
  void aShardIsRefusedUnlessAllowedThenComparedOnTheSharedSamples() {
    String[] args = {"--run", shard.toString(), "--baseline", "pixel-mini-reproduced"};
    refused(
        check(args),
        "different sample sets: the run scored 593 samples and the baseline 1186",
        "(the run is shard 0/2 (merge the shards first))");
    JsonNode c = allowed(args, dir.resolve("check.json"));
    Map<String, Integer> n = counts(shard);
    assertEquals(n, counts(c.get("shared")));
    assertEquals(593, n.values().stream().mapToInt(Integer::intValue).sum());
    contains(c.get("notes").get(0).asText(), "593 are shared (0 only in the run, 593 only in");
    for (JsonNode rule : c.get("rules")) {
      assertEquals(n.get(rule.get("metric").asText().split("\\.")[0]), rule.get("n").asInt());
    }
  }

  /** Without samples on one side, only the counts can tell; the same refusal and allowance. */
  @Test
  void unpairedResultsOfDifferentCountsAreRefusedUnlessAllowed() {
    Path baseline = limited.resolve("metrics.json");
    String[] args = {"--run", bare.toString(), "--baseline", baseline.toString()};
    refused(
        check(args),
        "different sample sets: the sample counts differ (caption: 295 vs 100)",
        "Compare anyway with --allow-different-samples");
    JsonNode c = allowed(args, dir.resolve("check.json"));
    assertEquals("unpaired", c.get("comparison").asText());
    contains(
        c.get("notes").toString(),
        "neither side has a prediction file",
        "--allow-different-samples: the sample counts differ (caption: 295 vs 100); without"
            + " per-sample scores the results are compared as they are");
  }

  private static JsonNode allowed(String[] args, Path json) {
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--allow-different-samples";
    all[args.length + 1] = "--json";
    all[args.length + 2] = json.toString();
    CommandRun r = decided(0, check(all));
    contains(r.out(), "note: --allow-different-samples: ");
    return read(json);
  }

  /** By task, the samples a run's metrics.json scored. */
  private static Map<String, Integer> counts(Path run) {
    Map<String, Integer> out = new TreeMap<>();
    read(run.resolve("metrics.json"))
        .get("tasks")
        .fields()
        .forEachRemaining(t -> out.put(t.getKey(), t.getValue().get("n").asInt()));
    return out;
  }

  /** check.json's shared counts. */
  private static Map<String, Integer> counts(JsonNode byTask) {
    Map<String, Integer> out = new TreeMap<>();
    byTask.fields().forEachRemaining(t -> out.put(t.getKey(), t.getValue().asInt()));
    return out;
  }

  // ---- gates that do not fit ----

  @Test
  void aGateOfAnotherBenchmarkIsRefused() {
    Path g = gate("benchmark: perbench\nrules:\n  - metric: res.ciou\n    min: 0.5\n");
    refused(
        check("--run", bare.toString(), "--gate", g.toString()),
        "the gate is for perbench but the run is of perbench-mini; use the gate of that benchmark");
  }

  @Test
  void aGateOfAnotherProfileIsRefused() {
    Path g = gate("profile: pixel-sail\nrules:\n  - metric: res.ciou\n    min: 0.5\n");
    refused(
        check("--run", bare.toString(), "--gate", g.toString()),
        "the gate is for profile pixel-sail but the run was scored under standard;",
        "score it again with --profile pixel-sail");
  }

  @Test
  void aDropRuleWithoutABaselineIsRefused() {
    Path g =
        gate("rules:\n  - metric: overall\n    min: 50\n  - metric: res.ciou\n    max_drop: 1\n");
    refused(
        check("--run", bare.toString(), "--gate", g.toString()),
        "gate rule 2 (res.ciou): a drop rule needs a baseline; give --baseline");
  }

  @Test
  void withoutABaselineOrAGateThereIsNothingToCheck() {
    refused(
        check("--run", bare.toString()),
        "nothing to check: give --baseline (the default gate compares every metric with it) or a"
            + " --gate with floors (min)");
  }

  @Test
  void aGateFileThatIsNotOneIsRefused() {
    refused(
        check("--run", bare.toString(), "--gate", gate("rules: []\n").toString()),
        "gate.yaml",
        "no rule; a gate needs at least one");
    refused(
        check("--run", bare.toString(), "--gate", dir.resolve("none.yaml").toString()),
        "none.yaml: no such gate file");
  }

  // ---- baselines that name nothing usable ----

  @Test
  void aBaselineThatNamesNothingIsRefused() {
    refused(
        check("--run", bare.toString(), "--baseline", "no-such-entry"),
        "--baseline no-such-entry: no such folder or file, and no entry of that name in",
        "give a run folder, a metrics.json or an entry id such as pixel-mini-reproduced");
  }

  @Test
  void anEntryWithoutTheBenchmarkIsRefused() {
    refused(
        check("--run", bare.toString(), "--baseline", "pixel-sail-3b-reported"),
        "--baseline pixel-sail-3b-reported: the entry has no result for perbench-mini (it has:",
        "perbench, refcoco+_testA");
  }

  /** An entry's folder is not a run: the message says how to name the entry. */
  @Test
  void anEntryFolderGivenAsARunFolderIsRefusedWithTheWayToNameIt() {
    Path entry = Path.of("submissions/baseline-oracle");
    refused(
        check("--run", bare.toString(), "--baseline", entry.toString()),
        "--baseline " + entry + ": an entry of the submissions folder, not a run folder",
        "--baseline baseline-oracle");
  }

  // ---- runs that are not finished or do not hold together ----

  @Test
  void anUnfinishedRunIsRefused() {
    Path run = copy(REPRODUCED, dir.resolve("running"));
    editJson(
        REPRODUCED.resolve("manifest.json"),
        run.resolve("manifest.json"),
        m -> {
          m.put("status", "running");
          m.remove(
              List.of(
                  "ended",
                  "samples",
                  "failed",
                  "predicted_in_last_session",
                  "last_session_seconds",
                  "last_session_samples_per_second"));
        });
    refused(
        check("--run", run.toString(), "--baseline", "pixel-mini-reproduced"),
        run.resolve("manifest.json") + ": the run is still running or was interrupted;",
        "finish it first");
    delete(run.resolve("metrics.json"));
    refused(
        check("--run", bare.toString(), "--baseline", run.toString()),
        run + ": no metrics.json, so not a finished run",
        "run the same command again to finish it");
    assertFalse(Files.exists(run.resolve("check.json")));
  }

  @Test
  void metricsThatDoNotMatchTheirPredictionsAreRefused() {
    Path run = copy(REPRODUCED, dir.resolve("edited"));
    editJson(
        REPRODUCED.resolve("metrics.json"),
        run.resolve("metrics.json"),
        m -> ((ObjectNode) m.at("/tasks/res")).put("ciou", 0.7));
    refused(
        check("--run", run.toString(), "--baseline", "pixel-mini-reproduced"),
        run + ": metrics.json does not match predictions.jsonl scored again",
        "(res.ciou is 0.7 in metrics.json, 0.6211330502927905 from the predictions)",
        "remove predictions.jsonl to compare without per-sample scores");
  }

  // ---- command lines ----

  @Test
  void aCommandLineWithoutExactlyOneRunIsAUsageError() {
    CommandRun none = check("--baseline", "pixel-mini-reproduced");
    assertEquals(2, none.exitCode(), none.err());
    contains(none.err(), "Missing required argument", "--run=DIR", "--predictions=FILE");
    CommandRun both =
        check("--run", bare.toString(), "--predictions", "p.jsonl", "--bench", "perbench-mini");
    assertEquals(2, both.exitCode(), both.err());
    contains(both.err(), "mutually exclusive");
    CommandRun noBench = check("--predictions", PREDICTIONS.toString());
    assertEquals(2, noBench.exitCode(), noBench.err());
    contains(noBench.err(), "Missing required argument", "--bench=ID");
    for (CommandRun r : List.of(none, both, noBench)) {
      assertEquals("", r.out());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  /** The help, shown with every usage error, is formatted as written (a bare % used to warn). */
  @Test
  void theHelpIsFormattedWithoutWarnings() {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    CommandRun help;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      help = check("--help");
    } finally {
      System.setErr(saved);
    }
    assertEquals(0, help.exitCode(), help.err());
    contains(help.out(), "max_drop 0", "at 95%. Exit codes: 0 every rule passed");
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }
}

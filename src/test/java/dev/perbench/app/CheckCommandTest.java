package dev.perbench.app;

import static dev.perbench.app.CheckFiles.JSON;
import static dev.perbench.app.CheckFiles.ORACLE;
import static dev.perbench.app.CheckFiles.PREDICTIONS;
import static dev.perbench.app.CheckFiles.REPRODUCED;
import static dev.perbench.app.CheckFiles.check;
import static dev.perbench.app.CheckFiles.checkWithEnv;
import static dev.perbench.app.CheckFiles.contains;
import static dev.perbench.app.CheckFiles.copy;
import static dev.perbench.app.CheckFiles.decided;
import static dev.perbench.app.CheckFiles.read;
import static dev.perbench.app.CheckFiles.text;
import static dev.perbench.app.CheckFiles.verdicts;
import static dev.perbench.app.CheckFiles.withoutPredictions;
import static dev.perbench.app.CheckFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perbench check} end to end on the committed perbench-mini entries: a run that holds, one
 * that regresses (the oracle as baseline, and a real regression injected into the predictions),
 * inconclusive rules and --strict, unpaired comparisons, floors, a prediction file checked on the
 * fly, and the CI outputs (check.json, JUnit XML, Markdown, GitHub annotations and job summary).
 * The refusals are {@link CheckCommandRefusalTest}'s.
 */
class CheckCommandTest {
  /** How many res predictions the injected regression empties. */
  private static final int DEGRADED = 60;

  private static final int GITHUB_LIMIT = 1024 * 1024;

  @TempDir static Path shared;

  /** A run of pixel-mini's predictions with {@link #DEGRADED} res masks replaced by empty ones. */
  private static Path degraded;

  private static Set<String> degradedIds;

  @TempDir Path dir;

  @BeforeAll
  static void injectARegression() throws IOException {
    List<String> lines = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(PREDICTIONS, StandardCharsets.UTF_8)) {
      ObjectNode p = (ObjectNode) JSON.readTree(line);
      String id = p.get("sample_id").asText();
      // res ids are RefCOCO sent_ids (numbers); the other tasks' have a "task:" prefix
      if (ids.size() < DEGRADED && !id.contains(":")) {
        JsonNode size = p.get("masks").get(0).get("size");
        ArrayNode empty = JSON.createArrayNode();
        ObjectNode mask = empty.addObject();
        mask.set("size", size);
        mask.putArray("counts").add(size.get(0).asInt() * size.get(1).asInt());
        p.set("masks", empty);
        ids.add(id);
      }
      lines.add(JSON.writeValueAsString(p));
    }
    assertEquals(DEGRADED, ids.size());
    degradedIds = ids;
    Path file = Files.write(shared.resolve("degraded.jsonl"), lines, StandardCharsets.UTF_8);
    degraded = CheckFiles.run(file, shared.resolve("degraded"));
  }

  private Path reproduced() {
    return copy(REPRODUCED, dir.resolve("run"));
  }

  private Path gate(String name, String text) {
    return write(dir.resolve(name), text);
  }

  @Test
  void aRunAgainstItsOwnEntryPassesEveryRulePaired() {
    Path run = reproduced();
    CommandRun r =
        decided(0, check("--run", run.toString(), "--baseline", "pixel-mini-reproduced"));
    String head = r.out().lines().findFirst().orElseThrow();
    contains(
        head,
        "perbench check: perbench-mini (standard), run " + run,
        "vs entry pixel-mini-reproduced, paired on 1,186 shared samples",
        "gate default");
    contains(r.out(), "check PASSED: 6 rule(s) passed, 0 inconclusive, 0 failed");
    assertFalse(r.out().contains("FAIL"), r.out());
    JsonNode c = read(run.resolve("check.json"));
    assertEquals("pass", c.get("verdict").asText());
    assertEquals("paired", c.get("comparison").asText());
    assertEquals(List.of("pass", "pass", "pass", "pass", "pass", "pass"), verdicts(c));
    int sharedSamples = 0;
    for (JsonNode n : c.get("shared")) {
      sharedSamples += n.asInt();
    }
    assertEquals(1186, sharedSamples);
    assertEquals(300, c.at("/shared/res").asInt());
    assertEquals("entry", c.at("/baseline/kind").asText());
    assertEquals(0, c.get("regressions").size());
    assertFalse(text(run.resolve("check.json")).contains("-0.0"), "a zero threshold is unsigned");
  }

  /**
   * The small model against the oracle (a run folder as baseline): every rule but mcq fails, and
   * the outputs a CI job asks for are all written; existing report files are replaced, an existing
   * job summary is appended to.
   */
  @Test
  void aWeakerRunFailsAgainstTheOracleAndEveryReportSaysSo() {
    Path run = reproduced();
    Path oracle = copy(ORACLE, dir.resolve("oracle"));
    Path junit = write(dir.resolve("reports/check.xml"), "old report\n");
    Path summary = write(dir.resolve("reports/check.md"), "old summary\n");
    Path step = write(dir.resolve("step-summary.md"), "## tests\n\nall green\n");
    CommandRun r =
        checkWithEnv(
            Map.of("GITHUB_STEP_SUMMARY", step.toString()),
            "--run",
            run.toString(),
            "--baseline",
            oracle.toString(),
            "--junit",
            junit.toString(),
            "--summary",
            summary.toString(),
            "--github");
    decided(1, r);
    contains(
        r.out(),
        "vs " + oracle + ", paired on 1,186 shared samples",
        "res.ciou max_drop 0",
        "FAIL",
        "res.ciou: regressed: changed by -37.89 points",
        "a significant drop beyond the 0 points tolerated",
        "largest per-sample drops (baseline -> run):",
        "check FAILED",
        "::error title=perbench check perbench-mini%3A res.ciou::res.ciou max_drop 0: regressed",
        "::warning title=perbench check perbench-mini%3A mcq.accuracy::");
    JsonNode c = read(run.resolve("check.json"));
    assertEquals("fail", c.get("verdict").asText());
    // caption, mcq, vres cIoU and gIoU, res cIoU and gIoU: 2 mcq answers in 300 decide nothing
    assertEquals(List.of("fail", "warn", "fail", "fail", "fail", "fail"), verdicts(c));
    assertEquals("run folder", c.at("/baseline/kind").asText());
    assertEquals(20, c.get("regressions").size());
    double previous = Double.MAX_VALUE;
    for (JsonNode d : c.get("regressions")) {
      assertTrue(d.get("drop").asDouble() <= previous, "worst first");
      previous = d.get("drop").asDouble();
    }
    String xml = text(junit);
    assertTrue(xml.startsWith("<?xml"), xml);
    contains(xml, "<testcase", "name=\"res.ciou max_drop 0\"", "<failure type=\"regression\"");
    String md = text(summary);
    assertTrue(md.startsWith("### :x: perbench check: perbench-mini"), md);
    contains(md, "| res.ciou max\\_drop 0 |", "Largest per-sample drops");
    String job = text(step);
    assertTrue(job.startsWith("## tests\n\nall green\n"), job);
    assertEquals("## tests\n\nall green\n" + md, job, "the same Markdown, appended");
  }

  @Test
  void anInjectedRegressionFailsATightGateAndPassesALooseOne() {
    Path tight =
        gate(
            "tight.yaml",
            "benchmark: perbench-mini\nrules:\n  - metric: res.ciou\n    max_drop: 0.5\n");
    Path loose = gate("loose.toml", "[[rules]]\nmetric = \"res.ciou\"\nmax_drop = 50\n");
    Path json = dir.resolve("tight.json");
    CommandRun r =
        check(
            "--run",
            degraded.toString(),
            "--baseline",
            "pixel-mini-reproduced",
            "--gate",
            tight.toString(),
            "--json",
            json.toString());
    decided(1, r);
    contains(r.out(), "res.ciou max_drop 0.5", "FAIL", "largest per-sample drops");
    JsonNode c = read(json);
    JsonNode rule = c.get("rules").get(0);
    assertEquals("fail", rule.get("verdict").asText());
    assertEquals("paired bootstrap", rule.get("method").asText());
    assertEquals(-0.005, rule.get("threshold").asDouble(), 1e-12);
    assertTrue(rule.get("upper").asDouble() < -0.005, rule.toString());
    for (JsonNode d : c.get("regressions")) {
      assertEquals("res", d.get("task").asText());
      assertTrue(degradedIds.contains(d.get("sample_id").asText()), d.toString());
      assertEquals(0, d.get("run").asDouble(), "an empty mask");
    }
    CommandRun ok =
        check(
            "--run",
            degraded.toString(),
            "--baseline",
            "pixel-mini-reproduced",
            "--gate",
            loose.toString());
    decided(0, ok);
    contains(ok.out(), "res.ciou max_drop 50", "PASS", "check PASSED: 1 rule(s) passed");
    contains(
        read(degraded.resolve("check.json")).get("rules").get(0).get("message").asText(),
        "holds: changed by -10.03 points (95% CI ",
        "no significant drop beyond 50 points");
  }

  /** A drop of 2 mcq answers in 300 is within the noise: inconclusive, a failure with --strict. */
  @Test
  void anInconclusiveRuleWarnsAndFailsOnlyWithStrict() {
    Path run = reproduced();
    Path gate = gate("mcq.json", "{\"rules\": [{\"metric\": \"mcq.accuracy\", \"max_drop\": 0}]}");
    String[] args = {
      "--run", run.toString(), "--baseline", "baseline-oracle", "--gate", gate.toString()
    };
    CommandRun warn = decided(0, check(args));
    contains(
        warn.out(),
        "WARN",
        "mcq.accuracy: inconclusive: changed by -0.67 points",
        "the interval straddles the threshold of 0.00 points",
        "check PASSED with warnings: 0 rule(s) passed, 1 inconclusive, 0 failed");
    assertEquals("warn", read(run.resolve("check.json")).get("verdict").asText());
    String[] strictArgs = {
      "--run",
      run.toString(),
      "--baseline",
      "baseline-oracle",
      "--gate",
      gate.toString(),
      "--strict"
    };
    Path step = dir.resolve("step.md");
    CommandRun strict =
        decided(
            1,
            checkWithEnv(
                Map.of("GITHUB_STEP_SUMMARY", step.toString()), append(strictArgs, "--github")));
    contains(
        strict.out(),
        "check FAILED: 0 rule(s) passed, 1 inconclusive, 0 failed"
            + " (--strict: inconclusive rules fail)",
        "::error title=perbench check perbench-mini%3A mcq.accuracy::");
    JsonNode c = read(run.resolve("check.json"));
    assertEquals("warn", c.get("verdict").asText());
    assertTrue(c.get("strict").asBoolean());
  }

  /** A bare metrics.json has no samples to pair: its interval and the run's are compared. */
  @Test
  void aBareMetricsFileIsComparedUnpairedAndTheReportSaysWhy() {
    Path run = reproduced();
    Path json = dir.resolve("check.json");
    CommandRun r =
        check(
            "--run",
            run.toString(),
            "--baseline",
            ORACLE.resolve("metrics.json").toString(),
            "--json",
            json.toString());
    decided(1, r);
    contains(
        r.out(),
        ", unpaired; gate default",
        "note: unpaired: the baseline has no prediction file, so the two results' own intervals"
            + " are compared");
    JsonNode c = read(json);
    assertEquals("unpaired", c.get("comparison").asText());
    assertTrue(c.get("shared").isNull());
    assertEquals("unpaired normal", c.get("rules").get(0).get("method").asText());
    assertEquals(0, c.get("regressions").size());
    assertFalse(Files.exists(run.resolve("check.json")), "--json replaces the default");
    contains(c.get("notes").get(0).asText(), "unpaired: the baseline has no prediction file");
  }

  /** Floors need no baseline; on: lower uses the run's own interval, with or without samples. */
  @Test
  void floorsHoldWithoutABaselineOnTheEstimateOrTheLowerBound() {
    Path gate =
        gate(
            "floors.yaml",
            String.join(
                "\n",
                "rules:",
                "  - {metric: res.ciou, min: 0.6}",
                "  - {metric: res.ciou, min: 0.55, on: lower}",
                "  - {metric: res.ciou, min: 0.6, on: lower}",
                "  - {metric: overall, min: 80}",
                ""));
    Path perSample = reproduced();
    Path bare = withoutPredictions(REPRODUCED, dir.resolve("bare"));
    for (Path run : List.of(perSample, bare)) {
      CommandRun r = decided(1, check("--run", run.toString(), "--gate", gate.toString()));
      contains(
          r.out(),
          "floors only (no baseline); gate " + gate,
          "res.ciou: below the floor: the lower end of its interval, 57.",
          "< 60.00 (points)",
          "check FAILED: 3 rule(s) passed, 0 inconclusive, 1 failed");
      JsonNode c = read(run.resolve("check.json"));
      assertEquals("none", c.get("comparison").asText());
      assertTrue(c.get("baseline").isNull());
      assertEquals(List.of("pass", "pass", "fail", "pass"), verdicts(c));
      String method = run == perSample ? "bootstrap lower bound" : "interval lower bound";
      assertEquals(method, c.get("rules").get(1).get("method").asText());
      assertEquals("estimate", c.get("rules").get(0).get("method").asText());
      assertEquals(0.6211330502927905, c.get("rules").get(0).get("run").asDouble(), 1e-15);
    }
  }

  @Test
  void aPredictionFileIsScoredOnTheFly() {
    Path json = dir.resolve("out/check.json");
    CommandRun r =
        check(
            "--predictions",
            PREDICTIONS.toString(),
            "--bench",
            "perbench-mini",
            "--baseline",
            "pixel-mini-reproduced",
            "--json",
            json.toString());
    decided(0, r);
    contains(r.out(), "run " + PREDICTIONS + " vs entry pixel-mini-reproduced, paired");
    JsonNode c = read(json);
    assertEquals("prediction file", c.at("/run/kind").asText());
    assertEquals("standard", c.get("profile").asText());
    assertEquals(List.of("pass", "pass", "pass", "pass", "pass", "pass"), verdicts(c));
    assertFalse(Files.exists(REPRODUCED.resolve("check.json")), "nothing written beside it");
  }

  /**
   * The job summary is capped at GitHub's 1 MiB: a report that no longer fits is cut to what is
   * left; a full one is left as it is, with a note; without the variable the check still decides.
   */
  @Test
  void theJobSummaryStaysWithinGithubsLimit() throws IOException {
    Path run = withoutPredictions(REPRODUCED, dir.resolve("run"));
    String[] args = {
      "--run", run.toString(), "--baseline", ORACLE.resolve("metrics.json").toString(), "--github"
    };
    Path step = dir.resolve("step.md");
    int before = GITHUB_LIMIT - 1500;
    Files.write(step, "x".repeat(before - 1).concat("\n").getBytes(StandardCharsets.UTF_8));
    CommandRun r = decided(1, checkWithEnv(Map.of("GITHUB_STEP_SUMMARY", step.toString()), args));
    contains(r.out(), "::error title=", "::warning title=perbench check perbench-mini%3A mcq");
    long after = Files.size(step);
    assertTrue(after > before && after <= GITHUB_LIMIT, before + " -> " + after);
    String appended = text(step).substring(before);
    assertTrue(appended.startsWith("### :x: perbench check: perbench-mini"), appended);
    contains(appended, "cut to fit the summary's size limit; check.json has everything");

    Files.write(step, "x".repeat(GITHUB_LIMIT).getBytes(StandardCharsets.UTF_8));
    CommandRun full = checkWithEnv(Map.of("GITHUB_STEP_SUMMARY", step.toString()), args);
    assertEquals(1, full.exitCode(), full.err());
    contains(full.err(), "--github: the job summary is already at GitHub's 1 MiB limit");
    assertEquals(GITHUB_LIMIT, Files.size(step));

    CommandRun unset = checkWithEnv(Map.of(), args);
    assertEquals(1, unset.exitCode(), unset.err());
    contains(unset.out(), "::error title=");
    assertEquals(
        "--github: GITHUB_STEP_SUMMARY is not set, so no job summary was written\n", unset.err());
  }

  private static String[] append(String[] args, String... more) {
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}

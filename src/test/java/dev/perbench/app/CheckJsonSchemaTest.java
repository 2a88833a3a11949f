package dev.perbench.app;

import static dev.perbench.app.Mutations.onlySchemaRejects;
import static dev.perbench.app.Mutations.remove;
import static dev.perbench.app.Mutations.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.app.Mutations.Case;
import dev.perbench.app.Mutations.Disagreement;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.Benchmarks;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.harness.check.CheckReport;
import dev.perbench.harness.check.RegressionCheck;
import dev.perbench.harness.check.RunSide;
import dev.perbench.harness.check.RunSides;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.run.Versions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/check.schema.json}: the check.json that {@code perbench check} writes validates and
 * reads back, strictly, to the record the check made; and the schema and the strict binding of
 * {@link CheckReport} reject the same broken documents, save the documented disagreements.
 */
class CheckJsonSchemaTest {
  @TempDir static Path dir;

  /** pixel-mini-reproduced's run of perbench-mini, copied: the run every check below checks. */
  static Path run;

  /** The check.json of each check, by name. */
  private static final Map<String, Path> REPORTS = new HashMap<>();

  @BeforeAll
  static void check() throws IOException {
    run = copy(Path.of("submissions/pixel-mini-reproduced/results/perbench-mini"), dir);
    // fails: 5 failed rules, 1 inconclusive, and the samples that regressed
    check("oracle", 1, "--baseline", "baseline-oracle");
    // the same entry: every rule passes
    check("itself", 0, "--baseline", "pixel-mini-reproduced");
    // floors only: no baseline
    Path floors =
        write(
            "floors.yaml",
            "rules:\n"
                + "  - metric: res.giou\n    min: 0.70\n    on: lower\n"
                + "  - metric: overall\n    min: 40\n"
                + "  - metric: mcq.accuracy\n    min: 0.9\n");
    check("floors", 1, "--gate", floors.toString());
    // unpaired: the baseline is a bare metrics.json, whose interval leaves res.ciou
    // inconclusive, which fails with --strict
    Path gate =
        write(
            "gate.toml",
            "[[rules]]\nmetric = \"res.ciou\"\nmax_drop = 0.5\n\n"
                + "[[rules]]\nmetric = \"mcq.accuracy\"\nmax_drop_relative = \"2%\"\n\n"
                + "[[rules]]\nmetric = \"caption.meteor\"\nmin = 0.5\n");
    check(
        "unpaired",
        1,
        "--baseline",
        "submissions/pixel-mini-reproduced/results/perbench-mini/metrics.json",
        "--gate",
        gate.toString(),
        "--strict");
  }

  private static void check(String name, int exit, String... options) {
    Path json = dir.resolve(name + ".json");
    List<String> args =
        new java.util.ArrayList<>(
            List.of("check", "--run", run.toString(), "--json", json.toString()));
    args.addAll(List.of(options));
    CommandRun r = CommandRun.of(args.toArray(String[]::new));
    assertEquals(exit, r.exitCode(), name + ": " + r.err() + r.out());
    REPORTS.put(name, json);
  }

  static Path copy(Path from, Path into) throws IOException {
    Path to = into.resolve("run");
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  private static Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyCheckJsonValidates() {
    for (Map.Entry<String, Path> e : REPORTS.entrySet()) {
      JsonNode doc = Schemas.read(e.getValue());
      assertEquals(List.of(), Schemas.validate(Schemas.CHECK, doc), e.getKey());
      assertNull(READER.apply(doc), e.getKey());
    }
  }

  @Test
  void theChecksAreWhatTheyShouldBe() {
    JsonNode oracle = Schemas.read(REPORTS.get("oracle"));
    assertEquals("fail", oracle.get("verdict").asText());
    assertEquals("paired", oracle.get("comparison").asText());
    assertEquals(20, oracle.get("regressions").size());
    assertEquals(300, oracle.at("/shared/res").asInt());
    assertEquals("warn", oracle.at("/rules/1/verdict").asText());
    JsonNode itself = Schemas.read(REPORTS.get("itself"));
    assertEquals("pass", itself.get("verdict").asText());
    assertEquals(0, itself.get("regressions").size());
    JsonNode floors = Schemas.read(REPORTS.get("floors"));
    assertEquals("none", floors.get("comparison").asText());
    assertEquals(true, floors.get("baseline").isNull());
    assertEquals("bootstrap lower bound", floors.at("/rules/0/method").asText());
    JsonNode unpaired = Schemas.read(REPORTS.get("unpaired"));
    assertEquals("unpaired", unpaired.get("comparison").asText());
    assertEquals(true, unpaired.get("shared").isNull());
    assertEquals(1, unpaired.get("notes").size());
    assertEquals("unpaired normal", unpaired.at("/rules/0/method").asText());
    assertEquals("estimate", unpaired.at("/rules/2/method").asText());
    assertEquals("warn", unpaired.at("/rules/0/verdict").asText());
    assertEquals(50_321, unpaired.at("/rules/0/samples_needed").asLong());
  }

  @Test
  void checkJsonReadsBackToTheRecordTheCheckMade() throws IOException {
    DataRoots roots = DataRoots.resolve(null, System.getenv());
    Map<String, LoadedSplit> loaded = new HashMap<>();
    Function<String, LoadedSplit> load =
        id -> loaded.computeIfAbsent(id, i -> Benchmarks.load(i, roots));
    RunSide side = RunSides.runFolder(run, load);
    RunSide base =
        RunSides.baseline(
            "baseline-oracle", roots.home().resolve("submissions"), side.metrics(), load);
    CheckReport made =
        RegressionCheck.check(
            new RegressionCheck.Request(
                side,
                base,
                null,
                null,
                false,
                false,
                new CheckReport.Harness(
                    Versions.harness(), Versions.source(roots.home()).commit())));
    Path file = REPORTS.get("oracle");
    CheckReport read = StrictJson.read(file, CheckReport.class);
    assertEquals(made, read);
    assertEquals(StrictJson.pretty(made), Files.readString(file));
    for (Path f : REPORTS.values()) {
      CheckReport r = StrictJson.read(f, CheckReport.class);
      assertEquals(Files.readString(f), StrictJson.pretty(r), f.toString());
    }
  }

  // --- the schema and the strict binding reject the same ------------------------------------

  /** The strict binding of {@link CheckReport}: its message, or null when it reads. */
  static final Function<JsonNode, String> READER =
      tree -> {
        try {
          StrictJson.bind(tree, CheckReport.class);
          return null;
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      };

  private static JsonNode base(String name) {
    return Schemas.read(REPORTS.get(name));
  }

  static Stream<Case> rejected() {
    return Stream.of(
        set("oracle", "/extra", "1"),
        remove("oracle", "/check_version"),
        set("oracle", "/check_version", "\"1\""),
        remove("oracle", "/verdict"),
        set("oracle", "/verdict", "\"FAIL\""),
        set("oracle", "/verdict", "\"regressed\""),
        set("oracle", "/strict", "\"no\""),
        remove("oracle", "/strict"),
        remove("oracle", "/benchmark"),
        remove("oracle", "/run"),
        remove("oracle", "/run/per_sample"),
        set("oracle", "/run/n", "1.5"),
        set("oracle", "/run/metrics_version", "null"),
        set("oracle", "/run/commit", "\"x\""),
        set("oracle", "/shared/res", "\"300\""),
        remove("oracle", "/notes"),
        set("oracle", "/notes", "\"none\""),
        remove("oracle", "/bootstrap"),
        set("oracle", "/bootstrap/resamples", "10"),
        set("oracle", "/bootstrap/alpha", "0.05"),
        remove("oracle", "/rules"),
        set("oracle", "/rules/0/verdict", "\"maybe\""),
        remove("oracle", "/rules/0/threshold"),
        set("oracle", "/rules/0/threshold", "null"),
        set("oracle", "/rules/0/n", "\"295\""),
        set("oracle", "/rules/0/samples_needed", "2.5"),
        set("oracle", "/rules/0/why", "\"x\""),
        remove("oracle", "/regressions/0/sample_id"),
        set("oracle", "/regressions/0/drop", "\"1\""),
        remove("oracle", "/harness/git_commit"));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void everyViolationIsRejectedByBoth(Case c) {
    Mutations.assertBothReject(
        c, base(c.base()), Schemas.CHECK, READER, Mutations::namesQuotedPath);
  }

  static Stream<Disagreement> disagreements() {
    return Stream.of(
        // DISAGREEMENT: the record holds these as strings and numbers, and checks no invariant
        // of a report (it is only written by the harness); the schema states them.
        onlySchemaRejects(set("oracle", "/check_version", "2")),
        onlySchemaRejects(set("oracle", "/comparison", "\"maybe\"")),
        onlySchemaRejects(set("oracle", "/comparison", "\"none\"")),
        onlySchemaRejects(set("floors", "/comparison", "\"paired\"")),
        onlySchemaRejects(set("oracle", "/shared", "null")),
        onlySchemaRejects(set("oracle", "/run/kind", "\"folder\"")),
        onlySchemaRejects(set("oracle", "/rules/0/method", "\"t-test\"")),
        onlySchemaRejects(set("oracle", "/rules/0/p_value", "1.5")),
        onlySchemaRejects(set("oracle", "/rules/0/confidence", "1")),
        onlySchemaRejects(set("oracle", "/rules/0/difference", "null")),
        onlySchemaRejects(set("oracle", "/rules/0/samples_needed", "12")),
        onlySchemaRejects(set("oracle", "/rules", "[]")),
        onlySchemaRejects(set("oracle", "/regressions/0/drop", "0")),
        onlySchemaRejects(set("oracle", "/harness/git_commit", "\"abc\"")),
        // DISAGREEMENT: the record cannot tell an absent nullable field from a null one; the
        // schema requires every field the harness writes.
        onlySchemaRejects(remove("oracle", "/shared")),
        onlySchemaRejects(remove("oracle", "/rules/0/p_value")),
        onlySchemaRejects(remove("oracle", "/run/harness_version")));
  }

  @ParameterizedTest
  @MethodSource("disagreements")
  void documentedDisagreementsStillHold(Disagreement d) {
    Mutations.assertOnlyOneRejects(d, base(d.c().base()), Schemas.CHECK, READER);
  }
}

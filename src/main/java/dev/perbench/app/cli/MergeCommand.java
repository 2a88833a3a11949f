package dev.perbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.app.UserInputException;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkLoader;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.run.Manifest;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.run.Shard;
import dev.perbench.harness.run.SummaryTable;
import dev.perbench.harness.score.CaptionMetrics;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Scoring;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perbench merge}: shard runs into one run, identical in metrics to an unsharded run. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge the run folders of the N shards of one run.",
      "All shards of one run (same benchmark, model and profile) go into OUT: predictions",
      "concatenated, metrics recomputed over the whole benchmark."
    })
public final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataRootOption data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The merged run folder.")
  Path out;

  @Option(
      names = "--ci-resamples",
      defaultValue = "1000",
      description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int ciResamples;

  @Parameters(paramLabel = "SHARD_DIR", arity = "1..*", description = "Run folders of the shards.")
  List<Path> shards;

  @Override
  public Integer call() throws IOException {
    List<JsonNode> manifests = new ArrayList<>();
    for (Path dir : shards) {
      Path manifest = new RunDirectory(dir).manifest();
      if (!Files.exists(manifest)) {
        throw new UserInputException(dir + " is not a run folder (no manifest.json)");
      }
      JsonNode m = Manifest.read(manifest);
      if (!"finished".equals(m.path("status").asText())) {
        throw new UserInputException(dir + " holds an unfinished run; resume it before merging");
      }
      manifests.add(m);
    }
    JsonNode first = manifests.get(0);
    TreeSet<Integer> indices = new TreeSet<>();
    int count = Shard.parse(first.path("shard").asText()).count();
    for (int i = 0; i < manifests.size(); i++) {
      JsonNode m = manifests.get(i);
      for (String[] field :
          new String[][] {{"benchmark"}, {"profile"}, {"model", "spec"}, {"limit"}}) {
        JsonNode a = field.length == 1 ? first.path(field[0]) : first.path(field[0]).path(field[1]);
        JsonNode b = field.length == 1 ? m.path(field[0]) : m.path(field[0]).path(field[1]);
        if (!a.equals(b)) {
          throw new UserInputException(
              "cannot merge "
                  + shards.get(i)
                  + ": its "
                  + String.join(".", field)
                  + " is "
                  + b
                  + " but "
                  + shards.get(0)
                  + "'s is "
                  + a);
        }
      }
      Shard s = Shard.parse(m.path("shard").asText());
      if (s.count() != count || !indices.add(s.index())) {
        throw new UserInputException(
            "cannot merge "
                + shards.get(i)
                + ": shard "
                + s
                + " repeats or does not belong to a split into "
                + count);
      }
    }
    if (indices.size() != count) {
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (!indices.contains(i)) {
          missing.add(i + "/" + count);
        }
      }
      throw new UserInputException(
          "missing shards " + String.join(", ", missing) + "; merge needs all " + count);
    }
    String benchmark = first.path("benchmark").asText();
    EvalProfile profile = EvalProfile.fromId(first.path("profile").asText());
    DataRoots roots = data.roots();
    LoadedSplit split = BenchmarkLoader.load(BenchmarkCatalog.resolve(benchmark).get(0), roots);
    RunDirectory merged = new RunDirectory(out);
    Files.createDirectories(out);
    try (OutputStream o = Files.newOutputStream(merged.predictions())) {
      for (Path dir : shards) {
        o.write(Files.readAllBytes(new RunDirectory(dir).predictions()));
      }
    }
    Evaluation evaluation;
    try (PredictionIndex index = PredictionIndex.open(merged.predictions(), split.samplesById())) {
      evaluation =
          Scoring.score(
              benchmark,
              split.samples(),
              index,
              profile,
              CaptionMetrics.forProfile(profile),
              0.95,
              ciResamples,
              first.path("seed").asLong());
    }
    RunDirectory.writeAtomically(merged.metricsJson(), MetricsFiles.jsonText(evaluation));
    RunDirectory.writeAtomically(merged.metricsCsv(), MetricsFiles.csvText(evaluation));
    ObjectNode manifest = first.deepCopy();
    manifest.put("shard", "0/1");
    var from = manifest.putArray("merged_from");
    shards.forEach(d -> from.add(d.toString()));
    manifest.put("samples", evaluation.samples());
    manifest.put("failed", evaluation.failed());
    RunDirectory.writeAtomically(merged.manifest(), Manifest.text(manifest));
    spec.commandLine().getOut().print(SummaryTable.render(evaluation));
    return 0;
  }
}

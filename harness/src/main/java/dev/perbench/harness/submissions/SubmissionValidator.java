package dev.perbench.harness.submissions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perbench.data.DataFormatException;
import dev.perbench.data.LoadedSplit;
import dev.perbench.data.catalog.BenchmarkCatalog;
import dev.perbench.data.catalog.BenchmarkFiles;
import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.data.catalog.DataRoots;
import dev.perbench.data.catalog.SplitCache;
import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import dev.perbench.harness.io.PredictionFileException;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.json.StrictJson;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.RunManifest;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.Scoring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a whole submissions folder (the format is in {@code submissions/README.md}):
 *
 * <ul>
 *   <li>layout: one folder per entry, named by a lowercase id; in it {@code model.json} and {@code
 *       results/<benchmark id with ':' as '_'>/} holding {@code metrics.json} and optionally {@code
 *       predictions.jsonl} and {@code manifest.json}; nothing else but an optional {@code
 *       README.md};
 *   <li>the model card ({@link SubmissionCard});
 *   <li>result folders name a catalogued benchmark or a {@link PaperBenchmarks paper-only} one (the
 *       latter for reported entries only);
 *   <li>{@code metrics.json} follows the harness schema ({@link MetricsCheck});
 *   <li>{@code predictions.jsonl}, when the benchmark's data is installed (always for the bundled
 *       {@code perbench-mini}), is valid for the benchmark, and for harness-produced results
 *       re-scoring it gives {@code metrics.json} exactly;
 *   <li>{@code manifest.json} belongs to a finished, complete run of the same benchmark;
 *   <li>no duplicates: two entries with the same name (case-insensitive), size and kind, or two
 *       folder ids that differ only in case.
 * </ul>
 *
 * Every problem is collected (none stops the check) and names its file and field.
 */
public final class SubmissionValidator {
  public static final String MODEL_CARD = "model.json";
  public static final String RESULTS = "results";
  public static final String METRICS = "metrics.json";
  public static final String PREDICTIONS = "predictions.jsonl";
  public static final String MANIFEST = "manifest.json";
  public static final String README = "README.md";

  /** Files the submissions folder itself may hold besides entry folders. */
  public static final List<String> ROOT_FILES = List.of(README, "model.schema.json");

  /** An entry id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit. */
  public static final Pattern ENTRY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private static final int MAX_DIFFERENCES = 5;

  private final DataRoots roots;
  private SplitCache splits; // of the folder being validated

  public SubmissionValidator(DataRoots roots) {
    this.roots = roots;
  }

  /**
   * The outcome.
   *
   * @param problems everything wrong, each starting with the file at fault
   * @param notes what could not be checked (e.g. predictions of a benchmark whose data is not
   *     installed)
   * @param kinds the number of entries of each kind
   */
  public record Report(
      Path dir,
      List<String> problems,
      List<String> notes,
      int entries,
      Map<String, Integer> kinds,
      int results,
      int predictionsChecked) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /** A benchmark a results folder may name. */
  public record Target(String id, List<Task> tasks, boolean paperOnly, BenchmarkSpec spec) {}

  /**
   * The results folder name of a benchmark id: ':' becomes '_' (so {@code refcoco+:testA} -> {@code
   * refcoco+_testA}).
   */
  public static String folderName(String benchmarkId) {
    return benchmarkId.replace(':', '_');
  }

  /** The benchmark a results folder names, if any (exact, case-sensitive). */
  public static Optional<Target> target(String folder) {
    for (BenchmarkSpec s : BenchmarkCatalog.all()) {
      if (folderName(s.id()).equals(folder)) {
        return Optional.of(new Target(s.id(), s.tasks(), false, s));
      }
    }
    return PaperBenchmarks.all().stream()
        .filter(b -> folderName(b.id()).equals(folder))
        .findFirst()
        .map(b -> new Target(b.id(), b.tasks(), true, null));
  }

  /** Every valid results folder name. */
  public static List<String> knownFolders() {
    List<String> all = new ArrayList<>();
    BenchmarkCatalog.all().forEach(s -> all.add(folderName(s.id())));
    PaperBenchmarks.all().forEach(b -> all.add(folderName(b.id())));
    return all;
  }

  public Report validate(Path dir) {
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, Integer> kinds = new TreeMap<>();
    int[] counts = new int[3]; // entries, results, predictions checked
    if (!Files.isDirectory(dir)) {
      problems.add(dir + ": not a folder");
      return new Report(dir, problems, notes, 0, kinds, 0, 0);
    }
    // Re-scoring refcoco's val, testA and testB predictions then reads refcoco's files once.
    splits = new SplitCache(roots, predictedSplits(dir));
    Map<String, List<String>> byLowerCase = new TreeMap<>();
    Map<String, String> byIdentity = new LinkedHashMap<>();
    for (Path child : list(dir)) {
      String name = child.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (!Files.isDirectory(child)) {
        if (!ROOT_FILES.contains(name)) {
          problems.add(
              child
                  + ": unexpected file; the submissions folder holds entry folders and "
                  + String.join(", ", ROOT_FILES));
        }
        continue;
      }
      counts[0]++;
      byLowerCase.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(name);
      if (!ENTRY_ID.matcher(name).matches()) {
        problems.add(
            child
                + ": entry id \""
                + name
                + "\" is not lowercase letters, digits, '.', '_' and '-' (starting with a letter or"
                + " digit)");
      }
      SubmissionCard card = entry(child, problems, notes, counts);
      if (card != null) {
        kinds.merge(card.kind(), 1, Integer::sum);
        String first = byIdentity.putIfAbsent(card.identity(), name);
        if (first != null) {
          problems.add(
              child.resolve(MODEL_CARD)
                  + ": duplicate entry: the same model as "
                  + dir.resolve(first).resolve(MODEL_CARD)
                  + " (name \""
                  + card.name()
                  + "\", size "
                  + card.size()
                  + ", kind "
                  + card.kind()
                  + "); put all its results in one entry, or tell the models apart by name or"
                  + " size");
        }
      }
    }
    byLowerCase.forEach(
        (lower, names) -> {
          if (names.size() > 1) {
            problems.add(
                dir
                    + ": duplicate entry id \""
                    + lower
                    + "\" in different case: "
                    + names.stream()
                        .sorted()
                        .map(n -> dir.resolve(n).toString())
                        .collect(Collectors.joining(", "))
                    + " (ids are compared without case; such folders collide on case-insensitive"
                    + " file systems)");
          }
        });
    return new Report(dir, problems, notes, counts[0], kinds, counts[1], counts[2]);
  }

  private SubmissionCard entry(
      Path entry, List<String> problems, List<String> notes, int[] counts) {
    for (Path f : list(entry)) {
      String n = f.getFileName().toString();
      if (!n.startsWith(".") && !n.equals(MODEL_CARD) && !n.equals(RESULTS) && !n.equals(README)) {
        problems.add(
            f
                + ": unexpected "
                + (Files.isDirectory(f) ? "folder" : "file")
                + "; an entry holds "
                + MODEL_CARD
                + ", "
                + RESULTS
                + "/ and optionally "
                + README);
      }
    }
    Path cardFile = entry.resolve(MODEL_CARD);
    SubmissionCard card = null;
    if (!Files.isRegularFile(cardFile)) {
      problems.add(cardFile + ": missing (every entry has a model card)");
    } else {
      JsonNode node = readJson(cardFile, problems);
      if (node != null) {
        card = SubmissionCard.read(node, p -> problems.add(cardFile + ": " + p));
      }
    }
    Path results = entry.resolve(RESULTS);
    if (!Files.isDirectory(results)) {
      problems.add(
          results + ": missing (results/<benchmark>/metrics.json, one folder per benchmark)");
      return card;
    }
    List<Path> folders = list(results);
    if (folders.stream().noneMatch(Files::isDirectory)) {
      problems.add(
          results + ": no results (one folder per benchmark, e.g. results/perbench-mini/)");
    }
    for (Path r : folders) {
      String name = r.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (!Files.isDirectory(r)) {
        problems.add(r + ": unexpected file; results/ holds one folder per benchmark");
        continue;
      }
      counts[1]++;
      Optional<Target> target = target(name);
      if (target.isEmpty()) {
        problems.add(
            r
                + ": \""
                + name
                + "\" is not a benchmark"
                + suggestion(name)
                + " (folder = benchmark id with ':' as '_'; known: "
                + String.join(", ", knownFolders())
                + ")");
        continue;
      }
      result(r, target.get(), card, problems, notes, counts);
    }
    return card;
  }

  /** The splits that the entries of {@code dir} hold predictions of, in folder order. */
  private static List<BenchmarkSpec> predictedSplits(Path dir) {
    Set<BenchmarkSpec> specs = new LinkedHashSet<>();
    for (Path entry : list(dir)) {
      Path results = entry.resolve(RESULTS);
      if (!Files.isDirectory(results)) {
        continue;
      }
      for (Path r : list(results)) {
        target(r.getFileName().toString())
            .filter(t -> t.spec() != null && Files.isRegularFile(r.resolve(PREDICTIONS)))
            .ifPresent(t -> specs.add(t.spec()));
      }
    }
    return List.copyOf(specs);
  }

  private static String suggestion(String name) {
    return knownFolders().stream()
        .filter(k -> k.equalsIgnoreCase(name) || k.equalsIgnoreCase(name.replace(':', '_')))
        .findFirst()
        .map(k -> "; did you mean \"" + k + "\"?")
        .orElse("");
  }

  private void result(
      Path r,
      Target target,
      SubmissionCard card,
      List<String> problems,
      List<String> notes,
      int[] counts) {
    for (Path f : list(r)) {
      String n = f.getFileName().toString();
      if (!n.startsWith(".")
          && !n.equals(METRICS)
          && !n.equals(PREDICTIONS)
          && !n.equals(MANIFEST)) {
        problems.add(
            f
                + ": unexpected "
                + (Files.isDirectory(f) ? "folder" : "file")
                + "; a results folder holds "
                + METRICS
                + " and optionally "
                + PREDICTIONS
                + " and "
                + MANIFEST);
      }
    }
    // Which rules apply: the card's kind; when the card is broken, what the metrics file claims
    // (so one broken card does not bury its results under problems that are not theirs).
    Path metricsFile = r.resolve(METRICS);
    Evaluation metrics = null;
    if (!Files.isRegularFile(metricsFile)) {
      problems.add(metricsFile + ": missing");
    } else {
      try {
        metrics = MetricsFiles.read(metricsFile);
      } catch (InputException e) {
        problems.add(e.getMessage());
      }
    }
    boolean reported =
        card != null
            ? SubmissionCard.REPORTED.equals(card.kind())
            : metrics != null && metrics.reported();
    if (target.paperOnly() && card != null && !reported) {
      problems.add(
          r
              + ": "
              + target.id()
              + " is a paper-only benchmark (the harness cannot run it); only reported entries may"
              + " use it");
    }
    if (metrics != null && !metrics.reported() && metrics.failed() != null) {
      // An entry's rule, not the format's: how many failed samples a leaderboard result may have.
      String tooMany = MetricsCheck.tooManyFailed(metrics.failed(), metrics.n());
      if (tooMany != null) {
        problems.add(metricsFile + ": \"failed\": " + tooMany);
      }
    }
    if (metrics != null
        && !metrics.reported()
        && metrics.failed() != null
        && metrics.failed() > 0
        && MetricsCheck.tooManyFailed(metrics.failed(), metrics.n()) == null) {
      notes.add(
          metricsFile
              + ": "
              + metrics.failed()
              + " of "
              + metrics.n()
              + " samples failed (scored as missing; within the "
              + Math.round(100 * MetricsCheck.MAX_FAILED_FRACTION)
              + "% allowed)");
    }
    if (metrics != null) {
      int before = problems.size();
      MetricsCheck.check(
          metrics,
          target.id(),
          target.tasks(),
          reported,
          p -> problems.add(metricsFile + ": " + p));
      if (problems.size() > before) {
        metrics = null; // do not compare a broken file with a re-scoring
      }
    }
    Path manifestFile = r.resolve(MANIFEST);
    if (Files.exists(manifestFile)) {
      manifest(manifestFile, target, metrics, problems);
    }
    Path predictions = r.resolve(PREDICTIONS);
    if (Files.exists(predictions)) {
      predictions(predictions, metricsFile, target, reported, metrics, problems, notes, counts);
    }
  }

  private static void manifest(
      Path file, Target target, Evaluation metrics, List<String> problems) {
    RunManifest m;
    try {
      m = RunManifest.read(file);
    } catch (InputException e) {
      problems.add(e.getMessage());
      return;
    }
    Consumer<String> p = s -> problems.add(file + ": " + s);
    if (!target.id().equals(m.benchmark())) {
      p.accept(
          "\"benchmark\": \"" + m.benchmark() + "\" but the folder is for \"" + target.id() + "\"");
    }
    if (!m.finished()) {
      p.accept("\"status\": \"" + m.status() + "\"; only a finished run is an entry");
    }
    if (m.limit() != null) {
      p.accept(
          "\"limit\": "
              + m.limit()
              + "; a run limited to some samples is not an entry (run without --limit)");
    }
    if (!"0/1".equals(m.shard())) {
      p.accept(
          "\"shard\": \""
              + m.shard()
              + "\"; merge the shards (perbench merge) and submit the merged run");
    }
    if (metrics != null && !m.profile().equals(metrics.profile())) {
      p.accept(
          "\"profile\": \""
              + m.profile()
              + "\" but metrics.json has \""
              + metrics.profile()
              + "\"");
    }
    if (metrics != null
        && m.samples() != null
        && metrics.n() != null
        && !m.samples().equals(metrics.n())) {
      p.accept("\"samples\": " + m.samples() + " but metrics.json has n = " + metrics.n());
    }
  }

  private void predictions(
      Path file,
      Path metricsFile,
      Target target,
      boolean reported,
      Evaluation metrics,
      List<String> problems,
      List<String> notes,
      int[] counts) {
    if (target.paperOnly()) {
      notes.add(
          file
              + ": not checked: "
              + target.id()
              + " is a paper-only benchmark with no data in the harness");
      return;
    }
    BenchmarkSpec spec = target.spec();
    List<Path> missing =
        BenchmarkFiles.annotationFiles(spec, roots).stream()
            .filter(f -> !Files.isRegularFile(f))
            .toList();
    if (!missing.isEmpty()) {
      notes.add(
          file
              + ": not checked: the "
              + target.id()
              + " data is not installed ("
              + missing.get(0)
              + " is missing;"
              + " see perbench data list)");
      return;
    }
    LoadedSplit split;
    try {
      split = splits.get(spec);
    } catch (DataFormatException | UncheckedIOException e) {
      problems.add(
          file
              + ": cannot be checked: the installed "
              + target.id()
              + " data does not load: "
              + e.getMessage());
      return;
    }
    try (PredictionIndex index = PredictionIndex.open(file, split.samplesById())) {
      counts[2]++;
      if (reported || metrics == null) {
        return;
      }
      EvalProfile profile = metrics.evalProfile();
      Evaluation e = Scoring.score(target.id(), split.samples(), index, profile, metrics.ci());
      List<String> differences = new ArrayList<>();
      // LLM-judge scores (the descriptions' and the mcq readings) are not re-computed (that
      // needs the judge's endpoint): the rest must match; the judges' own consistency is
      // MetricsCheck's
      diff(
          "",
          StrictJson.mapper().valueToTree(metrics.withJudges(null).withChoiceJudges(null)),
          StrictJson.mapper().valueToTree(e),
          differences);
      if (!differences.isEmpty()) {
        problems.add(
            metricsFile
                + ": does not match "
                + PREDICTIONS
                + " re-scored with profile "
                + profile.id()
                + ": "
                + String.join(
                    "; ", differences.subList(0, Math.min(MAX_DIFFERENCES, differences.size())))
                + (differences.size() > MAX_DIFFERENCES
                    ? "; ... " + (differences.size() - MAX_DIFFERENCES) + " more"
                    : ""));
      }
    } catch (PredictionFileException e) {
      problems.add(e.getMessage());
    } catch (IllegalArgumentException e) {
      problems.add(file + ": cannot be scored: " + e.getMessage());
    }
  }

  /** Differences between the file's metrics and the re-scored ones (numbers to 1e-9, relative). */
  private static void diff(String path, JsonNode file, JsonNode rescored, List<String> out) {
    if (file.isNumber() && rescored.isNumber()) {
      double a = file.asDouble();
      double b = rescored.asDouble();
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(b))) {
        out.add(path + " is " + file + " in the file, " + rescored + " re-scored");
      }
      return;
    }
    if (file.isObject() && rescored.isObject()) {
      for (Iterator<String> it = rescored.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        String p = path.isEmpty() ? f : path + "." + f;
        if (!file.has(f)) {
          out.add(p + " is missing in the file (re-scored: " + rescored.get(f) + ")");
        } else {
          diff(p, file.get(f), rescored.get(f), out);
        }
      }
      for (Iterator<String> it = file.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!rescored.has(f)) {
          out.add(
              (path.isEmpty() ? f : path + "." + f) + " is in the file but not in the re-scoring");
        }
      }
      return;
    }
    if (file.isArray() && rescored.isArray() && file.size() == rescored.size()) {
      for (int i = 0; i < file.size(); i++) {
        diff(path + "[" + i + "]", file.get(i), rescored.get(i), out);
      }
      return;
    }
    if (!file.equals(rescored)) {
      out.add(path + " is " + file + " in the file, " + rescored + " re-scored");
    }
  }

  /**
   * Parses a JSON file (duplicate keys rejected); a problem naming the file when it does not parse.
   */
  static JsonNode readJson(Path file, List<String> problems) {
    try {
      // The strict mapper: a duplicate key or text after the object is an error.
      JsonNode n = StrictJson.mapper().readTree(file.toFile());
      if (n == null || n.isMissingNode()) {
        problems.add(file + ": empty (expected a JSON object)");
        return null;
      }
      return n;
    } catch (JsonProcessingException e) {
      problems.add(
          file
              + ": not valid JSON: line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
      return null;
    } catch (IOException e) {
      problems.add(file + ": cannot be read: " + e.getMessage());
      return null;
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}

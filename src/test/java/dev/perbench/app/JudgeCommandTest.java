package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perbench.harness.judge.CaptionItems;
import dev.perbench.harness.judge.FakeJudgeServer;
import dev.perbench.harness.judge.JudgementCache;
import dev.perbench.harness.judge.McqExtract;
import dev.perbench.harness.judge.PairwiseRef;
import dev.perbench.harness.judge.RubricRef;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.metrics.choice.AnswerExtractor;
import dev.perbench.metrics.score.PerBenchScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLM judges on the command line: {@code score --judge}, {@code run --judge}, {@code judge --run}
 * and {@code judge cache}, against the test judge endpoint over real HTTP, on a few of the bundled
 * perbench-mini descriptions: the figures in metrics.json, metrics.csv and judgements.jsonl, the
 * cache answering a second scoring with no call, the budget and a refusing endpoint as input
 * errors, the key in no file, and a judging killed with SIGKILL resumed without paying twice.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JudgeCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ORACLE =
      Path.of("submissions/baseline-oracle/results/perbench-mini/predictions.jsonl");
  static final String KEY = "sk-judge-test-key-7f3a9c1e";
  static final Pattern ASSISTANT =
      Pattern.compile(
          "\\[Assistant 1]\\n(.*?)\\n\\n\\[End of Assistant 1]\\n\\n"
              + "\\[Assistant 2]\\n(.*?)\\n\\n\\[End of Assistant 2]",
          Pattern.DOTALL);

  /** A free-form mcq answer the test wrote, with what the test judge reads from it. */
  static final Pattern FREE_FORM = Pattern.compile("FREEFORM-(\\S+) ");

  /** Descriptions judged in most tests: 8, of which one the judge cannot rate. */
  static final int DESCRIBED = 8;

  @TempDir Path dir;
  FakeJudgeServer server;
  Path predictions;
  Path cache;

  @BeforeEach
  void start() throws IOException {
    server = FakeJudgeServer.start().judge(JudgeCommandTest::judge).reportModel(m -> m + "-0125");
    predictions = subset(dir.resolve("predictions.jsonl"), DESCRIBED);
    cache = dir.resolve("cache");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * The test judge, pairwise: the model's description (the test marks it "MODEL:") 6, the reference
   * 8, in whichever order they come; a description saying UNREADABLE gets a reply that is not two
   * scores, even when asked again. Rubric: 7, 7 and 7.
   */
  static String judge(JsonNode request) {
    String text = FakeJudgeServer.text(request);
    Matcher free = FREE_FORM.matcher(text);
    if (text.contains("Which option did the answer above choose?") && free.find()) {
      // --judge-mcq: the letter the test wrote into the answer, NONE, or an unreadable reply
      return free.group(1).equals("?") ? "I cannot tell." : free.group(1);
    }
    if (text.contains("UNREADABLE")) {
      return "I would rather not say.";
    }
    if (text.contains("[Reference description]")) {
      return "{\"correctness\": 7, \"completeness\": 7, \"hallucination\": 7, \"reason\": \"ok\"}";
    }
    Matcher m = ASSISTANT.matcher(text);
    assertTrue(m.find(), text);
    if (m.group(1).startsWith("MODEL:")) {
      return "6 8\nThe second is better.";
    }
    return m.group(2).startsWith("MODEL:") ? "8 6\nThe first is better." : "7 7\nEqual.";
  }

  /**
   * The oracle's predictions with only {@code described} descriptions (marked "MODEL:", the third
   * UNREADABLE) and one more caption sample failed (an error line); every res, vres and mcq line,
   * so that the overall score is defined.
   */
  static Path subset(Path file, int described) throws IOException {
    List<String> out = new ArrayList<>();
    int captions = 0;
    for (String line : Files.readAllLines(ORACLE)) {
      ObjectNode p = (ObjectNode) JSON.readTree(line);
      if (!p.get("sample_id").asText().startsWith("caption:")) {
        out.add(line);
        continue;
      }
      if (captions < described) {
        p.put("text", (captions == 2 ? "UNREADABLE " : "MODEL: ") + p.get("text").asText());
        out.add(p.toString());
      } else if (captions == described) {
        out.add(
            "{\"sample_id\":\""
                + p.get("sample_id").asText()
                + "\",\"error\":\"the model timed out\"}");
      }
      captions++;
    }
    Files.write(file, out);
    return file;
  }

  String[] args(String... extra) {
    List<String> a = new ArrayList<>();
    a.addAll(
        List.of(
            "--judge-url",
            server.url().toString(),
            "--judge-cache",
            cache.toString(),
            "--judge-retries",
            "0"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  CommandRun score(Path out, String... judgeArgs) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "score",
                "--bench",
                "perbench-mini",
                "--predictions",
                predictions.toString(),
                "--out",
                out.toString()));
    if (judgeArgs.length > 0) {
      a.addAll(List.of(args(judgeArgs)));
    }
    return CommandRun.withEnv(Map.of("PERBENCH_JUDGE_KEY", KEY), a.toArray(String[]::new));
  }

  static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  @Test
  void scoreWithAJudgeRecordsItsScoreCountsAndEveryJudgement() throws IOException {
    Path out = dir.resolve("judged");
    CommandRun r = score(out, "--judge", "openai:judge-7b");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode m = read(out.resolve("metrics.json"));
    JsonNode j = m.at("/tasks/caption/judges/judge-7b");
    // 7 rated: the model 6 + 6 against the reference's 8 + 8 each: 75%; the UNREADABLE one
    // asked again and counted unparsed; the failed prediction not judged
    assertEquals(75.0, j.get("score").asDouble());
    assertEquals(List.of(75.0, 75.0), List.of(j.at("/ci/0").asDouble(), j.at("/ci/1").asDouble()));
    assertEquals(7, j.get("n").asInt());
    assertEquals(1, j.get("unparsed").asInt());
    assertEquals(0, j.get("failed").asInt());
    assertEquals(0.0, j.get("inconsistency").asDouble());
    assertEquals(DESCRIBED * 2 + 2, j.get("calls").asInt(), "two orders each, two re-asks");
    assertEquals(0, j.get("cached").asInt());
    assertEquals(DESCRIBED * 2 + 2, server.completions());
    assertEquals("pairwise-ref", j.get("protocol").asText());
    assertEquals(new PairwiseRef().template().sha256(), j.get("template_sha256").asText());
    assertEquals("judge-7b", j.get("judge_model_requested").asText());
    assertEquals("judge-7b-0125", j.get("judge_model_reported").asText());
    assertEquals("127.0.0.1:" + server.url().getPort(), j.get("endpoint").asText());
    assertEquals(0.0, j.get("temperature").asDouble());
    assertEquals(0, j.get("seed").asInt());
    assertTrue(j.get("prompt_tokens").asLong() > 0);
    assertEquals(1, m.at("/tasks/caption/failed").asInt());
    double expected =
        PerBenchScore.overallWithJudge(
            75.0,
            m.at("/tasks/mcq/accuracy").asDouble(),
            100 * m.at("/tasks/vres/ciou").asDouble(),
            100 * m.at("/tasks/vres/giou").asDouble());
    assertEquals(expected, m.at("/overall_judge/judge-7b").asDouble());
    // the file is valid: schema and the harness's reader and checks
    assertEquals(List.of(), Schemas.validate(Schemas.METRICS, m));
    assertNull(MetricsSchemaTest.metricsCheck(m));

    List<String> lines = Files.readAllLines(out.resolve("judgements.jsonl"));
    assertEquals(DESCRIBED, lines.size(), "one line per described sample");
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals(
        List.of("sample_id", "judge", "protocol", "template_sha256", "status", "verdict", "chats"),
        fieldNames(first));
    assertEquals("openai:judge-7b", first.get("judge").asText());
    assertEquals("ok", first.get("status").asText());
    assertEquals(
        List.of("numerator", "denominator", "rating", "inconsistent"),
        fieldNames(first.get("verdict")));
    assertEquals(12.0, first.at("/verdict/numerator").asDouble());
    assertEquals(16.0, first.at("/verdict/denominator").asDouble());
    assertEquals(
        List.of("prompt_sha256", "reply", "model", "cached", "reasked", "ratings", "error"),
        fieldNames(first.at("/chats/0")));
    assertEquals("8 6\nThe first is better.", first.at("/chats/0/reply").asText());
    assertEquals("judge-7b-0125", first.at("/chats/0/model").asText());
    assertEquals(8.0, first.at("/chats/0/ratings/0").asDouble());
    JsonNode unreadable = JSON.readTree(lines.get(2));
    assertEquals("unparsed", unreadable.get("status").asText());
    assertTrue(unreadable.get("verdict").isNull());
    assertTrue(unreadable.at("/chats/0/reasked").asBoolean());
    String failedId = lastCaptionId();
    assertTrue(lines.stream().noneMatch(l -> l.contains(failedId)), "the failed one not judged");

    // metrics.csv: the rows without a judge, as they were, and the judge's rows
    Path plain = dir.resolve("plain");
    assertEquals(0, score(plain).exitCode());
    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    List<String> without = new ArrayList<>(csv);
    without.removeIf(l -> l.contains(",judge:") || l.contains(",overall_judge:"));
    assertEquals(Files.readAllLines(plain.resolve("metrics.csv")), without);
    assertTrue(
        csv.contains("perbench-mini,standard,caption,judge:judge-7b,75.0,75.0,75.0"), "" + csv);
    assertTrue(
        csv.contains("perbench-mini,standard,,overall_judge:judge-7b," + expected + ",,"),
        "" + csv);
    // the progress went to standard error, the table with the judge to standard output
    assertTrue(r.err().contains("judgements"), r.err());
    assertTrue(r.out().contains("judge:judge-7b"), r.out());
    assertTrue(r.out().contains("overall_judge:judge-7b"), r.out());
  }

  private String lastCaptionId() throws IOException {
    for (String l : Files.readAllLines(predictions)) {
      if (l.contains("\"error\"")) {
        return JSON.readTree(l).get("sample_id").asText();
      }
    }
    throw new AssertionError("no error line");
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void aSecondScoringIsAnsweredByTheCacheWithNoCallAndTheSameFigures() throws IOException {
    Path first = dir.resolve("first");
    assertEquals(0, score(first, "--judge", "openai:judge-7b").exitCode());
    int calls = server.completions();
    Path second = dir.resolve("second");
    Path third = dir.resolve("third");
    assertEquals(0, score(second, "--judge", "openai:judge-7b").exitCode());
    assertEquals(0, score(third, "--judge", "openai:judge-7b").exitCode());
    assertEquals(calls, server.completions(), "no call: every chat was cached");
    // cached re-scorings are byte for byte the same; from the first, only what it cost differs
    assertEquals(
        Files.readString(second.resolve("metrics.json")),
        Files.readString(third.resolve("metrics.json")));
    JsonNode a = read(first.resolve("metrics.json"));
    JsonNode b = read(second.resolve("metrics.json"));
    assertEquals(0, b.at("/tasks/caption/judges/judge-7b/calls").asInt());
    assertEquals(DESCRIBED * 2 + 2, b.at("/tasks/caption/judges/judge-7b/cached").asInt());
    assertEquals(withoutUsage(a), withoutUsage(b));
    assertEquals(
        Files.readString(first.resolve("judgements.jsonl")).replace("\"cached\":false", ""),
        Files.readString(second.resolve("judgements.jsonl")).replace("\"cached\":true", ""));
  }

  /**
   * Without what judging cost (calls made, cached, tokens), which differs between runs; the
   * descriptions' judges and the mcq readings.
   */
  static JsonNode withoutUsage(JsonNode metrics) {
    JsonNode m = metrics.deepCopy();
    for (String judges : List.of("/tasks/caption/judges", "/tasks/mcq/judges")) {
      m.at(judges)
          .forEach(
              j ->
                  ((ObjectNode) j)
                      .remove(List.of("calls", "cached", "prompt_tokens", "completion_tokens")));
    }
    return m;
  }

  @Test
  void aBudgetTooSmallExits2NamingTheCallsNeededBeforeAnyCall() throws IOException {
    Path out = dir.resolve("out");
    CommandRun r = score(out, "--judge", "openai:judge-7b", "--judge-max-calls", "5");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(
        r.err()
            .contains(
                "error: judge openai:judge-7b: judging 8 samples needs 16 calls (0 of 16 chats are"
                    + " cached), more than --judge-max-calls 5 allows; raise it to at least 16"),
        r.err());
    assertEquals(0, server.completions());
    assertFalse(Files.exists(out.resolve("metrics.json")));
    // with two judges, every budget is checked before the first judge calls: judge-7b, with
    // half its chats cached, would fit in 10 calls; judge-70b needs 16
    Path full = predictions;
    predictions = subset(dir.resolve("half.jsonl"), DESCRIBED / 2);
    assertEquals(0, score(dir.resolve("half"), "--judge", "openai:judge-7b").exitCode());
    predictions = full;
    int calls = server.completions();
    CommandRun two =
        score(
            out,
            "--judge",
            "openai:judge-7b",
            "--judge",
            "openai:judge-70b",
            "--judge-max-calls",
            "10");
    assertEquals(2, two.exitCode(), two.err());
    assertTrue(
        two.err().contains("error: judge openai:judge-70b: judging 8 samples needs 16 calls"),
        two.err());
    assertEquals(calls, server.completions(), "no call, not even judge-7b's");
    CommandRun fits = score(out, "--judge", "openai:judge-7b", "--judge-max-calls", "8");
    assertEquals(0, fits.exitCode(), fits.err());
    assertEquals(calls + 8, server.completions());
  }

  @Test
  void anEndpointRefusingTheKeyExits2AndWritesNothing() {
    server.fail(FakeJudgeServer.Fault.status(401, null));
    Path out = dir.resolve("out");
    CommandRun r = score(out, "--judge", "openai:judge-7b", "--judge-concurrency", "1");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(
        r.err()
            .contains(
                "error: judge openai:judge-7b at 127.0.0.1:"
                    + server.url().getPort()
                    + " refused the call: http 401"),
        r.err());
    assertEquals(1, server.completions(), "no call after the refusal");
    assertFalse(Files.exists(out.resolve("metrics.json")));
    assertFalse(r.err().contains(KEY));
  }

  @Test
  void theKeyIsSentAndWrittenNowhere() throws IOException {
    Path out = dir.resolve("out");
    CommandRun r = score(out, "--judge", "openai:judge-7b");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        server.received().stream().allMatch(x -> ("Bearer " + KEY).equals(x.authorization())));
    CommandRun judged =
        CommandRun.withEnv(
            Map.of("PERBENCH_JUDGE_KEY", KEY),
            Stream.concat(
                    Stream.of(
                        "judge", "--run", out.toString(), "--predictions", predictions.toString()),
                    Stream.of(args("--judge", "openai:judge-7b", "--judge", "openai:other")))
                .toArray(String[]::new));
    assertEquals(0, judged.exitCode(), judged.err());
    // a run folder too: its manifest and log
    Path run = dir.resolve("run");
    List<String> runArgs =
        new ArrayList<>(
            List.of(
                "run",
                "--model",
                "baseline:oracle",
                "--bench",
                "perbench-mini",
                "--limit",
                "3",
                "--out",
                run.toString()));
    runArgs.addAll(List.of(args("--judge", "openai:judge-7b")));
    CommandRun ran =
        CommandRun.withEnv(Map.of("PERBENCH_JUDGE_KEY", KEY), runArgs.toArray(String[]::new));
    assertEquals(0, ran.exitCode(), ran.err());
    assertTrue(Files.exists(run.resolve("manifest.json")));
    assertTrue(Files.exists(run.resolve("run.log")));
    assertTrue(
        server.received().stream().allMatch(x -> ("Bearer " + KEY).equals(x.authorization())));
    List<Path> written = new ArrayList<>();
    for (Path root : List.of(out, cache, run)) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(Files::isRegularFile).forEach(written::add);
      }
    }
    assertTrue(written.size() >= 10, "" + written);
    for (Path f : written) {
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertFalse(bytes.contains(KEY), "the key is in " + f);
      assertFalse(bytes.contains(KEY.substring(3)), "the key is in " + f);
    }
    for (String printed :
        List.of(r.out(), r.err(), judged.out(), judged.err(), ran.out(), ran.err())) {
      assertFalse(printed.contains(KEY), printed);
    }
  }

  @Test
  void theKeyIsPerbenchJudgeKeyAndOpenAisKeyGoesOnlyToOpenAi() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_API_KEY", "sk-openai-fallback");
    List<String> a = new ArrayList<>(List.of("score", "--bench", "perbench-mini"));
    a.addAll(List.of("--predictions", predictions.toString()));
    a.addAll(List.of(args("--judge", "openai:judge-7b", "--judge-concurrency", "1")));
    assertEquals(0, CommandRun.withEnv(env, a.toArray(String[]::new)).exitCode());
    assertNull(
        server.received().get(0).authorization(),
        "an exported OpenAI key is not sent to an endpoint that is not OpenAI's");
    assertEquals(0, CommandRun.withEnv(Map.of(), a.toArray(String[]::new)).exitCode());
    // cached: no call; another judge, then, and no key at all
    a.addAll(List.of("--judge", "openai:keyless"));
    int before = server.received().size();
    assertEquals(0, CommandRun.withEnv(Map.of(), a.toArray(String[]::new)).exitCode());
    assertNull(server.received().get(before).authorization());
  }

  @Test
  void judgeRunGivesTheJudgesScoreGaveAndLeavesTheOtherFiguresAsTheyWere() throws IOException {
    Path judged = dir.resolve("judged");
    assertEquals(0, score(judged, "--judge", "openai:judge-7b").exitCode());
    Path plain = dir.resolve("plain");
    assertEquals(0, score(plain).exitCode());
    String before = Files.readString(plain.resolve("metrics.json"));
    List<String> csvBefore = Files.readAllLines(plain.resolve("metrics.csv"));
    int calls = server.completions();
    CommandRun r = judgeRun(plain, "--judge", "openai:judge-7b");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(calls, server.completions(), "answered from the cache");
    assertEquals(
        withoutUsage(read(judged.resolve("metrics.json"))),
        withoutUsage(read(plain.resolve("metrics.json"))));
    Evaluation after = MetricsFiles.read(plain.resolve("metrics.json"));
    assertEquals(before, MetricsFiles.jsonText(after.withJudges(null)), "the rest byte for byte");
    List<String> csv = Files.readAllLines(plain.resolve("metrics.csv"));
    csv.removeIf(l -> l.contains(",judge:") || l.contains(",overall_judge:"));
    assertEquals(csvBefore, csv);

    // a second judge (rubric) is added beside the first; judging the first again replaces it
    CommandRun rubric =
        judgeRun(plain, "--judge", "openai:rubric-judge", "--judge-protocol", "rubric-ref");
    assertEquals(0, rubric.exitCode(), rubric.err());
    JsonNode m = read(plain.resolve("metrics.json"));
    assertEquals(List.of("judge-7b", "rubric-judge"), fieldNames(m.at("/tasks/caption/judges")));
    JsonNode rj = m.at("/tasks/caption/judges/rubric-judge");
    assertEquals(100.0 * (7 - 1) / 9, rj.get("score").asDouble(), 1e-12);
    assertEquals(new RubricRef().template().sha256(), rj.get("template_sha256").asText());
    assertTrue(rj.get("inconsistency").isNull());
    assertEquals(List.of(), Schemas.validate(Schemas.METRICS, m));
    assertNull(MetricsSchemaTest.metricsCheck(m));
    List<String> lines = Files.readAllLines(plain.resolve("judgements.jsonl"));
    assertEquals(2 * DESCRIBED, lines.size());
    assertTrue(lines.get(0).contains("\"judge\":\"openai:judge-7b\""));
    assertTrue(lines.get(DESCRIBED).contains("\"judge\":\"openai:rubric-judge\""));
    assertEquals(0, judgeRun(plain, "--judge", "openai:judge-7b").exitCode());
    assertEquals(lines, Files.readAllLines(plain.resolve("judgements.jsonl")));
  }

  /**
   * A judge whose ratings vary with the description: pairwise, the model's answer gets 2 + (its
   * length mod 8) and the reference 8; rubric, each scale 1 + (length mod 10), "sharp" judges using
   * the length as it is and others a tenth of it.
   */
  static String varied(JsonNode request) {
    String text = FakeJudgeServer.text(request);
    if (text.contains("UNREADABLE")) {
      return "No.";
    }
    if (text.contains("[Reference description]")) {
      int start = text.indexOf("[Answer]\n") + 9;
      int len = text.indexOf("\n\n[End of answer]") - start;
      int r = 1 + len % 10;
      return "{\"correctness\": "
          + r
          + ", \"completeness\": "
          + r
          + ", \"hallucination\": "
          + r
          + ", \"reason\": \"by length\"}";
    }
    Matcher m = ASSISTANT.matcher(text);
    assertTrue(m.find(), text);
    boolean modelFirst = m.group(1).startsWith("MODEL:");
    int model = 2 + (modelFirst ? m.group(1) : m.group(2)).length() % 8;
    return modelFirst ? model + " 8\nwhy" : "8 " + model + "\nwhy";
  }

  @Test
  void twoJudgesAgreementIsWrittenBesideThemAndPrintedWithHumanRatings() throws Exception {
    server.judge(JudgeCommandTest::varied);
    Path plain = dir.resolve("plain");
    assertEquals(0, score(plain, "--judge", "openai:judge-7b").exitCode());
    assertFalse(Files.exists(plain.resolve("agreement.json")), "one judge: nothing to compare");
    CommandRun second =
        judgeRun(plain, "--judge", "openai:rubric-judge", "--judge-protocol", "rubric-ref");
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.err().contains("agreement between the 2 judges"), second.err());
    JsonNode report = read(plain.resolve("agreement.json"));
    JsonNode pair = report.at("/judges/0");
    assertEquals("judge-7b", pair.get("a").asText());
    assertEquals("rubric-judge", pair.get("b").asText());
    assertEquals(DESCRIBED - 1, pair.get("n").asInt(), "the UNREADABLE one is rated by neither");
    // the figure is Spearman's rho on the ratings in judgements.jsonl (RankCorrelation is checked
    // against scipy's vectors; here: that the report is made of those ratings)
    Map<String, Map<String, Double>> ratings = new HashMap<>();
    for (String line : Files.readAllLines(plain.resolve("judgements.jsonl"))) {
      JsonNode j = JSON.readTree(line);
      if (j.get("status").asText().equals("ok")) {
        ratings
            .computeIfAbsent(j.get("judge").asText(), k -> new java.util.TreeMap<>())
            .put(j.get("sample_id").asText(), j.at("/verdict/rating").asDouble());
      }
    }
    double[] x = ratings.get("openai:judge-7b").values().stream().mapToDouble(d -> d).toArray();
    double[] y = ratings.get("openai:rubric-judge").values().stream().mapToDouble(d -> d).toArray();
    assertEquals(
        dev.perbench.metrics.stats.RankCorrelation.spearman(x, y),
        pair.at("/spearman/estimate").asDouble());
    assertEquals(2, report.get("against_meteor").size());
    assertEquals("meteor", report.at("/against_meteor/0/b").asText());
    assertTrue(report.at("/against_meteor/0/kappa_quadratic").isNull());
    assertEquals(0, report.get("against_human").size());

    // human ratings of three of the samples
    List<String> ids = new ArrayList<>(ratings.get("openai:judge-7b").keySet()).subList(0, 3);
    Path human = dir.resolve("human.jsonl");
    Files.write(
        human,
        List.of(
            "{\"sample_id\": \"" + ids.get(0) + "\", \"rating\": 3}",
            "{\"sample_id\": \"" + ids.get(1) + "\", \"rating\": 9}",
            "{\"sample_id\": \"" + ids.get(2) + "\", \"rating\": 5}"));
    CommandRun agreement =
        CommandRun.of(
            "judge",
            "agreement",
            plain.toString(),
            "--predictions",
            predictions.toString(),
            "--human",
            human.toString());
    assertEquals(0, agreement.exitCode(), agreement.err());
    assertTrue(agreement.out().contains("kappa (quadratic) [95% CI]"), agreement.out());
    assertTrue(agreement.out().contains("human"), agreement.out());
    JsonNode withHuman = read(plain.resolve("agreement.json"));
    assertEquals(2, withHuman.get("against_human").size());
    assertEquals(3, withHuman.at("/against_human/0/n").asInt());

    Files.write(
        human,
        List.of(
            "{\"sample_id\": \"" + ids.get(0) + "\", \"rating\": 3}",
            "{\"sample_id\": \"" + ids.get(1) + "\", \"rating\": 11}"));
    CommandRun bad =
        CommandRun.of(
            "judge",
            "agreement",
            plain.toString(),
            "--predictions",
            predictions.toString(),
            "--human",
            human.toString());
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(
        bad.err().contains(human + " line 2: \"rating\": must be an integer from 1 to 10"),
        bad.err());
  }

  CommandRun judgeRun(Path folder, String... judgeArgs) {
    List<String> a =
        new ArrayList<>(
            List.of("judge", "--run", folder.toString(), "--predictions", predictions.toString()));
    a.addAll(List.of(args(judgeArgs)));
    return CommandRun.withEnv(Map.of(), a.toArray(String[]::new));
  }

  @Test
  void judgeRunRefusesPredictionsThatAreNotTheScoredOnes() throws IOException {
    Path plain = dir.resolve("plain");
    assertEquals(0, score(plain).exitCode());
    predictions = subset(dir.resolve("other.jsonl"), 5);
    CommandRun r = judgeRun(plain, "--judge", "openai:judge-7b");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(
        r.err().contains("has 5 caption descriptions but " + plain.resolve("metrics.json")),
        r.err());
    CommandRun none =
        CommandRun.of("judge", "--run", dir.resolve("nothing").toString(), "--judge", "openai:x");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("has no metrics.json"), none.err());
  }

  @Test
  void runWithAJudgeJudgesTheRunFolder() throws IOException {
    Path out = dir.resolve("run");
    List<String> a =
        new ArrayList<>(
            List.of(
                "run",
                "--model",
                "baseline:oracle",
                "--bench",
                "perbench-mini",
                "--limit",
                "4",
                "--out",
                out.toString()));
    a.addAll(List.of(args("--judge", "openai:judge-7b")));
    CommandRun r = CommandRun.withEnv(Map.of(), a.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode m = read(out.resolve("metrics.json"));
    // the oracle describes as the reference does: rated equal, 100%
    assertEquals(100.0, m.at("/tasks/caption/judges/judge-7b/score").asDouble());
    assertEquals(4, m.at("/tasks/caption/judges/judge-7b/n").asInt());
    assertTrue(m.get("overall").isNull());
    assertFalse(m.has("overall_judge"), "no overall, so no overall_judge");
    assertEquals(4, Files.readAllLines(out.resolve("judgements.jsonl")).size());
    assertEquals(List.of(), Schemas.validate(Schemas.METRICS, m));
  }

  @Test
  void theJudgeSeesTheContextTheQuestionAndTheFirstReference() {
    assertEquals(
        "Can you provide me with a detailed description of the region in the picture marked by"
            + " the marked region? Please provide as detailed as possible.",
        CaptionItems.QUESTION);
    Path out = dir.resolve("out");
    assertEquals(
        0, score(out, "--judge", "openai:judge-7b", "--judge-concurrency", "1").exitCode());
    String prompt = server.received().get(0).body().at("/messages/1/content").asText();
    assertTrue(
        prompt.startsWith("[Context]\n" + CaptionItems.CONTEXT + "\n\n[Question]\n"), prompt);
    JsonNode body = server.received().get(0).body();
    assertEquals("judge-7b", body.get("model").asText());
    assertEquals(0.0, body.get("temperature").asDouble());
    assertEquals(0, body.get("seed").asInt());
    assertEquals(512, body.get("max_tokens").asInt());
  }

  @Test
  void judgeOptionsAreCheckedBeforeAnyWork() {
    Path out = dir.resolve("out");
    for (String[] bad :
        List.of(
            new String[] {"--judge", "gpt-4o"},
            new String[] {"--judge", "openai:a/b", "--judge", "openai:a:b"},
            new String[] {"--judge", "openai:x", "--judge-protocol", "likert"},
            new String[] {"--judge", "openai:x", "--judge-concurrency", "0"},
            new String[] {"--judge", "openai:x", "--judge-temperature", "3"},
            new String[] {"--judge-max-calls", "10"})) {
      CommandRun r = score(out, bad);
      assertEquals(2, r.exitCode(), String.join(" ", bad) + ": " + r.err());
      assertTrue(r.err().contains("--judge"), r.err());
    }
    CommandRun mcqAlone =
        CommandRun.of(
            "score",
            "--bench",
            "perbench-mini",
            "--predictions",
            predictions.toString(),
            "--judge-mcq");
    assertEquals(2, mcqAlone.exitCode(), mcqAlone.err());
    assertTrue(mcqAlone.err().contains("--judge-mcq is given but no --judge SPEC"), mcqAlone.err());
    CommandRun userInUrl =
        CommandRun.of(
            "score",
            "--bench",
            "perbench-mini",
            "--predictions",
            predictions.toString(),
            "--judge",
            "openai:x",
            "--judge-url",
            "http://me:secret@localhost:8000/v1");
    assertEquals(2, userInUrl.exitCode());
    assertTrue(userInUrl.err().contains("without a user name, password"), userInUrl.err());
    CommandRun noCaptions =
        CommandRun.of(
            "score",
            "--bench",
            "refcoco:val",
            "--predictions",
            predictions.toString(),
            "--judge",
            "openai:x");
    assertEquals(2, noCaptions.exitCode());
    assertTrue(noCaptions.err().contains("has no caption task"), noCaptions.err());
    assertEquals(0, server.completions());
    assertFalse(Files.exists(out));
  }

  @Test
  void aCacheInUseExits1SayingSo() {
    try (JudgementCache held = JudgementCache.open(cache)) {
      CommandRun r = score(dir.resolve("out"), "--judge", "openai:judge-7b");
      assertEquals(1, r.exitCode(), r.err());
      assertTrue(r.err().contains("is in use by another perbench process"), r.err());
      assertFalse(r.err().contains("bug"), r.err());
    }
  }

  @Test
  void cacheStatsAndPrune() {
    CommandRun empty = CommandRun.of("judge", "cache", "stats", "--judge-cache", cache.toString());
    assertEquals(0, empty.exitCode(), empty.err());
    assertTrue(empty.out().contains("no judge cache yet"), empty.out());
    assertEquals(0, score(dir.resolve("out"), "--judge", "openai:judge-7b").exitCode());
    CommandRun stats = CommandRun.of("judge", "cache", "stats", "--judge-cache", cache.toString());
    assertEquals(0, stats.exitCode(), stats.err());
    assertTrue(stats.out().contains(": 18 cached replies, "), stats.out());
    CommandRun keep =
        CommandRun.of(
            "judge", "cache", "prune", "--older-than", "1", "--judge-cache", cache.toString());
    assertEquals(0, keep.exitCode(), keep.err());
    assertTrue(keep.out().contains("removed 0 of 18 cached replies"), keep.out());
    CommandRun all =
        CommandRun.of(
            "judge", "cache", "prune", "--older-than", "0", "--judge-cache", cache.toString());
    assertEquals(0, all.exitCode(), all.err());
    assertTrue(all.out().contains("removed 18 of 18 cached replies"), all.out());
    assertEquals(0, score(dir.resolve("again"), "--judge", "openai:judge-7b").exitCode());
    assertEquals(2 * 18, server.completions(), "pruned replies are asked for again");
  }

  @Test
  void aJudgingKilledWithSigkillResumesWithoutPayingTwice() throws Exception {
    int described = 30;
    int concurrency = 2;
    predictions = subset(dir.resolve("many.jsonl"), described);
    server.judge(
        request -> {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return judge(request);
        });
    Path out = dir.resolve("killed");
    List<String> command =
        new ArrayList<>(
            List.of(
                "score",
                "--bench",
                "perbench-mini",
                "--predictions",
                predictions.toString(),
                "--out",
                out.toString()));
    command.addAll(
        List.of(args("--judge", "openai:judge-7b", "--judge-concurrency", "" + concurrency)));
    ProcessBuilder pb =
        PerbenchProcess.builder(command.toArray(String[]::new))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile());
    pb.environment().put("PERBENCH_JUDGE_KEY", KEY);
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.completions() < 12 && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(5);
    }
    p.destroyForcibly().waitFor();
    int paid = server.completions();
    long cached;
    try (JudgementCache c = JudgementCache.open(cache)) {
      cached = c.size();
    }
    int total = 2 * described + 2; // both orders, and the UNREADABLE one's two re-asks
    assertTrue(
        cached >= 10 && cached < total,
        "killed with " + cached + " cached: " + Files.readString(dir.resolve("child.log")));
    assertTrue(paid - cached <= concurrency, paid + " calls, " + cached + " cached");
    assertFalse(Files.exists(out.resolve("metrics.json")));

    CommandRun resumed = score(out, "--judge", "openai:judge-7b", "--judge-concurrency", "2");
    assertEquals(0, resumed.exitCode(), resumed.err());
    int again = server.completions() - paid;
    assertEquals(total - cached, again, "every chat not cached asked once, no cached one again");
    JsonNode j = read(out.resolve("metrics.json")).at("/tasks/caption/judges/judge-7b");
    assertEquals(75.0, j.get("score").asDouble());
    assertEquals(described - 1, j.get("n").asInt());
    assertEquals(cached, j.get("cached").asLong());
    assertNotNull(j.get("calls"));
    assertEquals(again, j.get("calls").asInt());
  }

  /**
   * The first four mcq answers rewritten as free-form text that the strict extractor cannot parse:
   * the test judge reads the correct letter from the first, a wrong one from the second, NONE from
   * the third, and nothing it can say from the fourth.
   *
   * @return the rewritten answers, by sample id
   */
  Map<String, String> freeFormMcq() throws IOException {
    Map<String, String> rewritten = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(predictions)) {
      ObjectNode p = (ObjectNode) JSON.readTree(line);
      String id = p.get("sample_id").asText();
      if (id.startsWith("mcq:") && rewritten.size() < 4) {
        String oracle = p.get("text").asText(); // "D. bottom left"
        String correct = oracle.substring(0, 1);
        String wrong = correct.equals("A") ? "B" : "A";
        String read = List.of(correct, wrong, "NONE", "?").get(rewritten.size());
        String text = "FREEFORM-" + read + " zqxv wjkp";
        assertTrue(
            AnswerExtractor.extract(text, Map.of(correct, oracle.substring(3))).isEmpty(), text);
        p.put("text", text);
        rewritten.put(id, text);
      }
      out.add(p.toString());
    }
    Files.write(predictions, out);
    return rewritten;
  }

  @Test
  void scoreWithJudgeMcqReadsTheAnswersTheStrictExtractorCouldNotParse() throws IOException {
    Map<String, String> rewritten = freeFormMcq();
    Path plain = dir.resolve("plain");
    assertEquals(0, score(plain, "--judge", "openai:judge-7b").exitCode());
    int captionCalls = server.completions();
    Path out = dir.resolve("mcq");
    CommandRun r = score(out, "--judge", "openai:judge-7b", "--judge-mcq");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(4 + 1, server.completions() - captionCalls, "one each, the unreadable re-asked");

    JsonNode m = read(out.resolve("metrics.json"));
    JsonNode mcq = m.at("/tasks/mcq");
    assertEquals(4, mcq.get("unparsed").asInt(), "the strict extractor parsed none of them");
    assertEquals(296, mcq.get("correct").asInt());
    JsonNode j = mcq.at("/judges/judge-7b");
    assertEquals(4, j.get("asked").asInt());
    assertEquals(2, j.get("extracted").asInt());
    assertEquals(1, j.get("correct_extracted").asInt());
    assertEquals(1, j.get("none").asInt());
    assertEquals(1, j.get("unparsed").asInt());
    assertEquals(0, j.get("failed").asInt());
    assertEquals(5, j.get("calls").asInt());
    assertEquals(0, j.get("cached").asInt());
    assertEquals(
        j.get("asked").asInt(),
        j.get("extracted").asInt()
            + j.get("none").asInt()
            + j.get("unparsed").asInt()
            + j.get("failed").asInt());
    assertEquals(297.0 / 300, j.get("accuracy").asDouble(), "(296 + 1) / 300");
    assertTrue(j.at("/ci/0").asDouble() <= 297.0 / 300 && 297.0 / 300 <= j.at("/ci/1").asDouble());
    assertEquals(new McqExtract().template().sha256(), j.get("template_sha256").asText());
    assertEquals("judge-7b-0125", j.get("judge_model_reported").asText());
    assertEquals("127.0.0.1:" + server.url().getPort(), j.get("endpoint").asText());
    assertEquals(List.of(), Schemas.validate(Schemas.METRICS, m));
    assertNull(MetricsSchemaTest.metricsCheck(m));
    // the strict accuracy, overall and overall_judge exactly as without --judge-mcq
    JsonNode without = read(plain.resolve("metrics.json"));
    ObjectNode stripped = (ObjectNode) withoutUsage(m);
    ((ObjectNode) stripped.at("/tasks/mcq")).remove("judges");
    assertEquals(withoutUsage(without), stripped);

    // judgements.jsonl: the judge's mcq lines after its descriptions'
    List<String> lines = Files.readAllLines(out.resolve("judgements.jsonl"));
    assertEquals(DESCRIBED + 4, lines.size());
    Map<String, JsonNode> read = new HashMap<>();
    for (String l : lines.subList(DESCRIBED, lines.size())) {
      JsonNode n = JSON.readTree(l);
      assertEquals("mcq-extract", n.get("protocol").asText());
      read.put(rewritten.get(n.get("sample_id").asText()), n);
    }
    for (Map.Entry<String, JsonNode> e : read.entrySet()) {
      String wrote = e.getKey().substring("FREEFORM-".length(), e.getKey().indexOf(' '));
      JsonNode n = e.getValue();
      switch (wrote) {
        case "NONE" -> {
          assertEquals("ok", n.get("status").asText());
          assertTrue(n.at("/verdict/rating").isNull());
        }
        case "?" -> {
          assertEquals("unparsed", n.get("status").asText());
          assertTrue(n.at("/chats/0/reasked").asBoolean());
        }
        default -> {
          assertEquals("ok", n.get("status").asText());
          assertEquals(wrote, n.at("/verdict/rating").asText());
        }
      }
    }

    // metrics.csv: the rows as they were, and the mcq judge's row after the mcq rows
    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    List<String> plainCsv = Files.readAllLines(plain.resolve("metrics.csv"));
    String row =
        "perbench-mini,standard,mcq,judge:judge-7b,"
            + 297.0 / 300
            + ","
            + j.at("/ci/0").asDouble()
            + ","
            + j.at("/ci/1").asDouble();
    int at = csv.indexOf(row);
    assertTrue(at > 0, "" + csv);
    assertTrue(csv.get(at - 1).contains(",mcq,unparsed,"), csv.get(at - 1));
    List<String> rest = new ArrayList<>(csv);
    rest.remove(at);
    assertEquals(plainCsv, rest);
    assertTrue(r.out().contains("mcq      judge:judge-7b"), r.out());
    assertTrue(r.out().contains("99.00"), r.out());

    // a second scoring: every chat cached, the same figures
    int calls = server.completions();
    Path again = dir.resolve("again");
    assertEquals(0, score(again, "--judge", "openai:judge-7b", "--judge-mcq").exitCode());
    assertEquals(calls, server.completions(), "no call");
    JsonNode a = read(again.resolve("metrics.json"));
    assertEquals(0, a.at("/tasks/mcq/judges/judge-7b/calls").asInt());
    assertEquals(5, a.at("/tasks/mcq/judges/judge-7b/cached").asInt());
    assertEquals(
        j.get("accuracy").asDouble(), a.at("/tasks/mcq/judges/judge-7b/accuracy").asDouble());
    assertEquals(j.get("ci"), a.at("/tasks/mcq/judges/judge-7b/ci"));
  }

  @Test
  void judgeRunWithJudgeMcqAddsTheReadingToAScoredFolderAndRefusesOtherPredictions()
      throws IOException {
    freeFormMcq();
    Path scored = dir.resolve("scored");
    assertEquals(0, score(scored, "--judge", "openai:judge-7b", "--judge-mcq").exitCode());
    JsonNode expected = read(scored.resolve("metrics.json"));
    Path plain = dir.resolve("plain");
    assertEquals(0, score(plain).exitCode());
    int calls = server.completions();
    CommandRun r = judgeRun(plain, "--judge", "openai:judge-7b", "--judge-mcq");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(calls, server.completions(), "every chat cached by the scoring");
    JsonNode m = read(plain.resolve("metrics.json"));
    assertEquals(withoutUsage(expected), withoutUsage(m));
    assertEquals(
        expected.at("/tasks/mcq/judges/judge-7b/accuracy"),
        m.at("/tasks/mcq/judges/judge-7b/accuracy"));
    assertEquals(5, m.at("/tasks/mcq/judges/judge-7b/cached").asInt());
    // judged again without --judge-mcq: its mcq reading goes with its old lines
    assertEquals(0, judgeRun(plain, "--judge", "openai:judge-7b").exitCode());
    JsonNode again = read(plain.resolve("metrics.json"));
    assertTrue(again.at("/tasks/mcq/judges").isMissingNode(), again.toString());
    assertTrue(
        Files.readAllLines(plain.resolve("judgements.jsonl")).stream()
            .noneMatch(l -> l.contains("mcq-extract")));
    // predictions whose mcq answers are not those scored
    Path other = dir.resolve("other.jsonl");
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(predictions)) {
      lines.add(l.contains("FREEFORM-NONE") ? l.replace("FREEFORM-NONE", "FREEFORM-A (A)") : l);
    }
    Files.write(other, lines);
    predictions = other;
    CommandRun refused = judgeRun(plain, "--judge", "openai:judge-7b", "--judge-mcq");
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(
        refused.err().contains("--judge-mcq: the predictions have 300 mcq samples"), refused.err());
  }
}

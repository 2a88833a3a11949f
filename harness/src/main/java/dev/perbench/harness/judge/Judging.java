package dev.perbench.harness.judge;

import dev.perbench.data.LoadedSplit;
import dev.perbench.data.model.Sample;
import dev.perbench.errors.ExternalFailureException;
import dev.perbench.errors.InputException;
import dev.perbench.harness.http.Backoff;
import dev.perbench.harness.io.PredictionIndex;
import dev.perbench.harness.run.MetricsFiles;
import dev.perbench.harness.run.RunDirectory;
import dev.perbench.harness.score.BootstrapSettings;
import dev.perbench.harness.score.CaptionTaskResult;
import dev.perbench.harness.score.ChoiceJudgeScore;
import dev.perbench.harness.score.ChoiceTaskResult;
import dev.perbench.harness.score.EvalProfile;
import dev.perbench.harness.score.Evaluation;
import dev.perbench.harness.score.JudgeScore;
import dev.perbench.harness.score.PredictionSource;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Judging a run's descriptions, as {@code perbench score --judge}, {@code run --judge} and {@code
 * judge --run} call it: the caption samples with a description ({@link CaptionItems}) judged by
 * each judge in turn (after every judge's call budget was checked, so a budget too small refuses
 * before any call), with one judgement cache; each judge's {@link JudgeScore} put into the
 * evaluation ({@link Evaluation#withJudges}) and every judgement into {@code judgements.jsonl}.
 *
 * <p>The API key is a parameter of the calls only: it is in no record, file or message.
 */
public final class Judging {
  private Judging() {}

  /**
   * The judges of one command and where they are asked.
   *
   * @param judges one per judge, names ({@link JudgeSpec#name()}) distinct
   * @param url the endpoint's base URL, up to {@code /v1}
   * @param timeout bounds each request attempt
   * @param retries retries of a failed request
   * @param cache the judgement cache's folder
   * @param mcq whether each judge also reads the mcq answers the strict extractor could not parse
   *     ({@code --judge-mcq})
   */
  public record Request(
      List<JudgeSettings> judges, URI url, Duration timeout, int retries, Path cache, boolean mcq) {
    /** Without {@code --judge-mcq}. */
    public Request(List<JudgeSettings> judges, URI url, Duration timeout, int retries, Path cache) {
      this(judges, url, timeout, retries, cache, false);
    }

    public Request {
      judges = List.copyOf(judges);
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(cache, "cache");
      if (judges.isEmpty()) {
        throw new IllegalArgumentException("no judge");
      }
      Set<String> names = new HashSet<>();
      for (JudgeSettings j : judges) {
        if (!names.add(j.spec().name())) {
          throw new IllegalArgumentException("two judges named " + j.spec().name());
        }
      }
    }

    /** The judges' names. */
    public Set<String> names() {
      Set<String> out = new HashSet<>();
      judges.forEach(j -> out.add(j.spec().name()));
      return out;
    }
  }

  /**
   * Each judge's score by name (in the judges' order), each judge's reading of the mcq answers by
   * name (empty without {@code --judge-mcq}), and every judgement, judge by judge (a judge's mcq
   * judgements after its descriptions').
   */
  public record Outcome(
      Map<String, JudgeScore> scores,
      Map<String, ChoiceJudgeScore> choices,
      List<Judgement> judgements) {}

  /**
   * Judges {@code items} with every judge of {@code r}.
   *
   * @param key the endpoint's API key, or null
   * @param ci how the scores' intervals are computed (the evaluation's)
   * @param progress where what is happening is said (standard error)
   * @throws JudgeRefusedException when a judge's calls exceed its budget (before any call), or the
   *     endpoint refuses the calls (a wrong key, URL or model)
   * @throws ExternalFailureException when the cache cannot be opened (in use by another process)
   */
  public static Outcome judge(
      Request r, String key, List<CaptionItem> items, BootstrapSettings ci, PrintWriter progress)
      throws JudgeRefusedException, InterruptedException {
    return judge(r, key, items, null, ci, progress);
  }

  /**
   * Judges {@code items} with every judge of {@code r} and, when {@code mcq} is not null, has each
   * judge read the unparsed mcq answers ({@link McqExtract}); each judge's call budget covers both,
   * checked for every judge before any call.
   *
   * @param mcq the mcq samples, or null for descriptions only
   */
  public static Outcome judge(
      Request r,
      String key,
      List<CaptionItem> items,
      McqItems mcq,
      BootstrapSettings ci,
      PrintWriter progress)
      throws JudgeRefusedException, InterruptedException {
    try (JudgementCache cache = open(r.cache())) {
      List<OpenAiChat> chats = new ArrayList<>();
      List<CaptionJudge> judges = new ArrayList<>();
      List<OpenAiChat> mcqChats = new ArrayList<>();
      List<ChatJudge<McqItem>> readers = new ArrayList<>();
      List<Long> needed = new ArrayList<>();
      List<Long> mcqNeeded = new ArrayList<>();
      McqExtract extract = mcq == null ? null : new McqExtract();
      for (JudgeSettings s : r.judges()) {
        // one client per judge and question: its request count is its own
        OpenAiChat chat =
            new OpenAiChat(r.url(), key, r.timeout(), r.retries(), Backoff.standard(s.seed()));
        CallBudget budget = new CallBudget(s.maxCalls());
        CaptionJudge judge = new CaptionJudge(chat, cache, s, Clock.systemUTC(), budget);
        long n = judge.requireBudget(items);
        long m = 0;
        if (mcq != null) {
          OpenAiChat mcqChat =
              new OpenAiChat(r.url(), key, r.timeout(), r.retries(), Backoff.standard(s.seed()));
          ChatJudge<McqItem> reader =
              new ChatJudge<>(mcqChat, cache, s, extract, budget, Clock.systemUTC());
          m = reader.callsNeeded(mcq.asked());
          if (s.maxCalls() > 0 && n + m > s.maxCalls()) {
            throw new JudgeRefusedException(
                String.format(
                    Locale.ROOT,
                    "judge %s: judging %,d descriptions and reading %,d mcq answers needs %,d calls"
                        + " (%,d for the descriptions, %,d for the answers; the rest are cached),"
                        + " more than --judge-max-calls %,d allows; raise it to at least %,d",
                    s.spec(),
                    items.size(),
                    mcq.asked().size(),
                    n + m,
                    n,
                    m,
                    s.maxCalls(),
                    n + m));
          }
          mcqChats.add(mcqChat);
          readers.add(reader);
        }
        budget.reserve(n + m);
        needed.add(n);
        mcqNeeded.add(m);
        chats.add(chat);
        judges.add(judge);
      }
      Map<String, JudgeScore> scores = new LinkedHashMap<>();
      Map<String, ChoiceJudgeScore> choices = new LinkedHashMap<>();
      List<Judgement> judgements = new ArrayList<>();
      for (int i = 0; i < judges.size(); i++) {
        JudgeSettings s = r.judges().get(i);
        int perSample = items.isEmpty() ? 0 : s.protocol().chats(items.get(0)).size();
        progress.printf(
            Locale.ROOT,
            "judge %s (%s) at %s: %,d descriptions, %,d chats, %,d calls to make (the rest"
                + " cached in %s)%n",
            s.spec(),
            s.protocol().template().id(),
            chats.get(i).host(),
            items.size(),
            (long) items.size() * perSample,
            needed.get(i),
            r.cache());
        progress.flush();
        CaptionJudge.Result result = judges.get(i).run(items, progress);
        JudgeScore score = JudgeScores.of(s, chats.get(i).host(), result, ci);
        progress.printf(
            Locale.ROOT,
            "judge %s: score %s, %,d rated, %,d unparsed, %,d failed; %,d calls, %,d cached%n",
            s.spec(),
            score.score() == null ? "none" : String.format(Locale.ROOT, "%.2f", score.score()),
            score.n(),
            score.unparsed(),
            score.failed(),
            score.calls(),
            score.cached());
        progress.flush();
        scores.put(s.spec().name(), score);
        judgements.addAll(result.judgements());
        if (mcq != null) {
          progress.printf(
              Locale.ROOT,
              "judge %s (%s) at %s: %,d mcq answers the strict extractor could not parse, %,d"
                  + " calls to make%n",
              s.spec(),
              extract.template().id(),
              mcqChats.get(i).host(),
              mcq.asked().size(),
              mcqNeeded.get(i));
          progress.flush();
          CaptionJudge.Result read = readers.get(i).run(mcq.asked(), progress);
          ChoiceJudgeScore choice =
              JudgeScores.ofChoices(s, extract.template(), mcqChats.get(i).host(), mcq, read, ci);
          progress.printf(
              Locale.ROOT,
              "judge %s: mcq accuracy with the judge %.2f%% (%,d read, %,d of them correct, %,d"
                  + " none, %,d unparsed, %,d failed); %,d calls, %,d cached%n",
              s.spec(),
              100 * choice.accuracy(),
              choice.extracted(),
              choice.correctExtracted(),
              choice.none(),
              choice.unparsed(),
              choice.failed(),
              choice.calls(),
              choice.cached());
          progress.flush();
          choices.put(s.spec().name(), choice);
          judgements.addAll(read.judgements());
        }
      }
      return new Outcome(scores, choices, judgements);
    }
  }

  /**
   * Judges the descriptions of {@code e}'s predictions and returns {@code e} with the judges'
   * scores added (a judge of the same name replaced; other figures unchanged); writes {@code
   * judgements.jsonl} into {@code folder} when it is not null (the caller writes metrics.json).
   *
   * @param samples the samples {@code e} scored (those without a description are not judged)
   */
  public static Evaluation judge(
      Evaluation e,
      List<Sample> samples,
      PredictionSource predictions,
      Request r,
      String key,
      PrintWriter progress,
      Path folder)
      throws JudgeRefusedException, InterruptedException {
    requireCaptions(e);
    McqItems mcq = r.mcq() ? mcqItems(e, samples, predictions) : null;
    Outcome o = judge(r, key, CaptionItems.of(samples, predictions), mcq, e.ci(), progress);
    // a judge judged again loses its mcq reading unless it read the answers again (its lines in
    // judgements.jsonl are replaced as a whole)
    Map<String, ChoiceJudgeScore> choices = new TreeMap<>();
    if (e.tasks().mcq() != null && e.tasks().mcq().judges() != null) {
      choices.putAll(e.tasks().mcq().judges());
    }
    choices.keySet().removeAll(o.scores().keySet());
    choices.putAll(o.choices());
    Map<String, JudgeScore> judges = new TreeMap<>();
    if (e.tasks().caption().judges() != null) {
      judges.putAll(e.tasks().caption().judges());
    }
    Set<String> kept = new HashSet<>(judges.keySet());
    kept.removeAll(o.scores().keySet());
    judges.putAll(o.scores());
    if (folder != null) {
      Path file = folder.resolve(JudgementsFile.NAME);
      JudgementsFile.write(file, o.judgements(), kept);
      if (judges.size() >= 2) {
        // two judges or more: how far they agree, written beside them (docs/judge.md)
        Path written =
            JudgeAgreements.write(
                folder,
                JudgeAgreement.ofRatings(
                    JudgeAgreements.ratings(file),
                    JudgeAgreements.meteor(
                        e.benchmark(), samples, predictions, EvalProfile.fromId(e.profile())),
                    Map.of(),
                    e.ci()));
        if (progress != null) {
          progress.println(
              "agreement between the "
                  + judges.size()
                  + " judges: "
                  + written
                  + " (perbench judge agreement "
                  + folder
                  + " prints it)");
          progress.flush();
        }
      }
    }
    Evaluation judged = e.withJudges(judges);
    return e.tasks().mcq() == null
        ? judged
        : judged.withChoiceJudges(choices.isEmpty() ? null : choices);
  }

  /**
   * The mcq samples of {@code e} for {@code --judge-mcq}, judged by its profile: they must be those
   * that {@code e} scored (the same number of samples, correct and unparsed answers).
   *
   * @throws InputException when {@code e} has no mcq task or the predictions are not those it was
   *     scored from
   */
  static McqItems mcqItems(Evaluation e, List<Sample> samples, PredictionSource predictions) {
    ChoiceTaskResult t = e.tasks().mcq();
    if (t == null) {
      throw new InputException(
          "--judge-mcq: "
              + e.benchmark()
              + " has no mcq task: there are no answers for a judge to read");
    }
    McqItems m = McqItems.of(samples, predictions, EvalProfile.fromId(e.profile()).mcq());
    if (t.n() == null
        || m.sampleIds().size() != t.n()
        || m.strictCorrectCount() != t.correct()
        || m.asked().size() != t.unparsed()) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "--judge-mcq: the predictions have %,d mcq samples, %,d correct and %,d unparsed, but"
                  + " the scores count %,d, %,d and %,d (tasks.mcq n, correct, unparsed): these are"
                  + " not the predictions they were scored from",
              m.sampleIds().size(),
              m.strictCorrectCount(),
              m.asked().size(),
              t.n(),
              t.correct(),
              t.unparsed()));
    }
    return m;
  }

  /**
   * Judges a run or score folder: its {@code metrics.json} and the predictions it was scored from
   * ({@code predictions.jsonl} in a run folder); adds the judges to metrics.json and metrics.csv (a
   * judge of the same name replaced, every other figure as it was) and writes {@code
   * judgements.jsonl}, each file whole.
   *
   * @param predictions the prediction file
   * @param data loads the benchmark that metrics.json names
   * @return the evaluation as metrics.json now holds it
   * @throws InputException when the folder has no harness metrics.json with a caption task, or the
   *     predictions are not those it was scored from
   */
  public static Evaluation judgeFolder(
      RunDirectory dir,
      Path predictions,
      Function<String, LoadedSplit> data,
      Request r,
      String key,
      PrintWriter progress)
      throws JudgeRefusedException, InterruptedException {
    if (!Files.isRegularFile(dir.metricsJson())) {
      throw new InputException(
          dir.root()
              + " has no metrics.json; give the folder of a run (perbench run) or of a score"
              + " (perbench score --out)");
    }
    Evaluation e = MetricsFiles.read(dir.metricsJson());
    if (e.reported()) {
      throw new InputException(
          dir.metricsJson() + " holds numbers copied from a paper; there is nothing to judge");
    }
    requireCaptions(e);
    if (!Files.exists(predictions)) {
      throw new InputException(
          predictions
              + ": no such file; a score folder holds no predictions: give the file it was"
              + " scored from with --predictions FILE");
    }
    LoadedSplit split = data.apply(e.benchmark());
    Evaluation judged;
    try (PredictionIndex index = PredictionIndex.open(predictions, split.samplesById())) {
      CaptionTaskResult c = e.tasks().caption();
      long described = c.n() - c.missing() - c.failed();
      long found = CaptionItems.of(split.samples(), index).size();
      if (found != described) {
        throw new InputException(
            String.format(
                Locale.ROOT,
                "%s has %,d caption descriptions but %s counts %,d (tasks.caption: n - missing -"
                    + " failed): these are not the predictions it was scored from",
                predictions,
                found,
                dir.metricsJson(),
                described));
      }
      judged = judge(e, split.samples(), index, r, key, progress, dir.root());
    }
    MetricsFiles.write(dir, judged);
    return judged;
  }

  private static void requireCaptions(Evaluation e) {
    if (e.tasks().caption() == null) {
      throw new InputException(
          e.benchmark() + " has no caption task: there are no descriptions for a judge to judge");
    }
  }

  /**
   * Opens the cache; one that cannot be opened (in use by another perbench process, a folder that
   * cannot be made) is a failure outside the harness, said as such.
   */
  public static JudgementCache open(Path folder) {
    try {
      return JudgementCache.open(folder);
    } catch (IllegalStateException e) {
      throw new ExternalFailureException(e.getMessage(), e);
    }
  }
}

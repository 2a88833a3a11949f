package dev.perbench.app.cli;

import dev.perbench.data.catalog.BenchmarkSpec;
import dev.perbench.data.model.Task;
import dev.perbench.errors.InputException;
import dev.perbench.harness.judge.JudgeProtocol;
import dev.perbench.harness.judge.JudgeSettings;
import dev.perbench.harness.judge.JudgeSpec;
import dev.perbench.harness.judge.Judging;
import dev.perbench.harness.judge.OpenAiChat;
import dev.perbench.harness.judge.PairwiseRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The LLM-judge options of {@code score}, {@code run} and {@code judge}: which judges, where they
 * are asked, how, and the cache. The API key is not an option (it would be in the shell's history
 * and the process list): it comes from {@code $PERBENCH_JUDGE_KEY}, else, for OpenAI's own endpoint
 * only, {@code $OPENAI_API_KEY}.
 */
public final class JudgeOptions implements Environment.Reader {
  /** The environment variable the judge's API key is read from first. */
  static final String KEY_VARIABLE = "PERBENCH_JUDGE_KEY";

  /** Read when {@link #KEY_VARIABLE} is not set, as OpenAI's own tools read it. */
  static final String OPENAI_KEY_VARIABLE = "OPENAI_API_KEY";

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--judge",
      paramLabel = "SPEC",
      description =
          "An LLM judge of the descriptions: openai:MODEL, MODEL as the endpoint names it (any"
              + " OpenAI-compatible server: OpenAI, vLLM, SGLang, Ollama, llama.cpp, LMDeploy)."
              + " Repeatable; each judge's scores are named after its model (docs/judge.md).")
  List<String> specs = new ArrayList<>();

  @Option(
      names = "--judge-url",
      paramLabel = "URL",
      description =
          "The judges' endpoint, up to /v1 (default: OpenAI's, https://api.openai.com/v1; e.g."
              + " http://localhost:8000/v1 for vLLM). The key: $"
              + KEY_VARIABLE
              + ", else, for OpenAI's own endpoint only, $"
              + OPENAI_KEY_VARIABLE
              + " (none: no key is sent).")
  String url;

  @Option(
      names = "--judge-protocol",
      defaultValue = PairwiseRef.NAME,
      paramLabel = "P",
      description = "pairwise-ref (default) or rubric-ref (docs/judge.md).")
  String protocol;

  @Option(
      names = "--judge-concurrency",
      defaultValue = "8",
      paramLabel = "N",
      description = "Judge requests in flight at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--judge-max-calls",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "The most calls each judge may make; judging refuses to start when it needs more after"
              + " the cache, and says how many (default ${DEFAULT-VALUE}: no limit).")
  long maxCalls;

  @Option(
      names = "--judge-timeout",
      defaultValue = "120",
      paramLabel = "SECONDS",
      description =
          "Seconds per judge request attempt, whole answer included (default"
              + " ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--judge-retries",
      defaultValue = "5",
      paramLabel = "N",
      description =
          "Retries of a judge request after a timeout, connection error, 429 or 5xx, with backoff"
              + " (default ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = "--judge-temperature",
      defaultValue = "0",
      paramLabel = "T",
      description = "Sampling temperature, 0 to 2 (default ${DEFAULT-VALUE}).")
  double temperature;

  @Option(
      names = "--judge-seed",
      defaultValue = "0",
      paramLabel = "N",
      description = "The seed sent with every judge request (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--judge-max-tokens",
      defaultValue = "512",
      paramLabel = "N",
      description = "The longest judge reply, in tokens (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(
      names = "--judge-mcq",
      description =
          "Each judge also reads the mcq answers the strict extractor could not parse and says"
              + " which option each chose (or none); reported as its own mcq accuracy beside the"
              + " strict one (docs/judge.md). Never a guess.")
  boolean mcq;

  @Mixin JudgeCacheOption cache;

  private Map<String, String> env = System.getenv();

  @Override
  public void environment(Map<String, String> env) {
    this.env = env;
  }

  /** Whether a judge was asked for. */
  boolean given() {
    return !specs.isEmpty();
  }

  /**
   * The judges, every option checked, or null when no {@code --judge} was given (then giving any
   * other judge option is an input error: it would do nothing).
   *
   * @throws InputException naming the option and what it accepts
   */
  Judging.Request request() {
    if (specs.isEmpty()) {
      ParseResult parsed = mixee.commandLine().getParseResult();
      for (String name :
          List.of(
              "--judge-url",
              "--judge-protocol",
              "--judge-concurrency",
              "--judge-max-calls",
              "--judge-timeout",
              "--judge-retries",
              "--judge-temperature",
              "--judge-seed",
              "--judge-max-tokens",
              "--judge-mcq",
              "--judge-cache")) {
        if (parsed.hasMatchedOption(name)) {
          throw new InputException(name + " is given but no --judge SPEC: name a judge");
        }
      }
      return null;
    }
    JudgeProtocol p;
    try {
      p = JudgeProtocol.named(protocol);
    } catch (IllegalArgumentException e) {
      throw new InputException("--judge-protocol: " + e.getMessage(), e);
    }
    Options.atLeast("--judge-concurrency", concurrency, 1);
    Options.atLeast("--judge-max-calls", maxCalls, 0);
    Options.atLeast("--judge-timeout", timeoutSeconds, 1);
    Options.atLeast("--judge-retries", retries, 0);
    Options.atLeast("--judge-max-tokens", maxTokens, 1);
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new InputException("--judge-temperature must be 0 to 2, not " + temperature);
    }
    List<JudgeSettings> judges = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (String s : specs) {
      JudgeSpec spec;
      try {
        spec = JudgeSpec.parse(s);
      } catch (IllegalArgumentException e) {
        throw new InputException("--judge: " + e.getMessage(), e);
      }
      String other = names.putIfAbsent(spec.name(), s);
      if (other != null) {
        throw new InputException(
            "--judge: "
                + other
                + " and "
                + s
                + " have the same name '"
                + spec.name()
                + "' (a judge's name is its model name, each character other than a letter,"
                + " digit, '.', '_' or '-' made '-'); give each judge once");
      }
      judges.add(new JudgeSettings(spec, p, temperature, seed, maxTokens, concurrency, maxCalls));
    }
    return new Judging.Request(
        judges, endpoint(), Duration.ofSeconds(timeoutSeconds), retries, cache.folder(), mcq);
  }

  /** {@code --judge-url}: an http(s) URL with a host, and nothing in it that could be a secret. */
  private URI endpoint() {
    if (url == null) {
      return OpenAiChat.DEFAULT_URL;
    }
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new InputException("--judge-url: '" + url + "' is not a URL: " + e.getReason(), e);
    }
    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
      throw new InputException(
          "--judge-url: '" + url + "' is not an http(s) URL such as http://localhost:8000/v1");
    }
    // The endpoint's host and port are recorded in metrics.json: a user name, password or query
    // would be recorded with them, and may be a key.
    if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new InputException(
          "--judge-url: give the URL without a user name, password, query or fragment (such as"
              + " http://localhost:8000/v1); the key goes in $"
              + KEY_VARIABLE);
    }
    return u;
  }

  /**
   * The API key from the environment, or null when there is none: {@code $PERBENCH_JUDGE_KEY}, and
   * {@code $OPENAI_API_KEY} only for OpenAI's own endpoint, so that an OpenAI key exported for
   * other tools is never sent to a vLLM box, a colleague's server or a gateway (over plain http,
   * too).
   */
  String key() {
    String own = env.get(KEY_VARIABLE);
    if (own != null && !own.isBlank()) {
      return own.strip();
    }
    String openai = env.get(OPENAI_KEY_VARIABLE);
    if (openai != null && !openai.isBlank() && "api.openai.com".equals(endpoint().getHost())) {
      return openai.strip();
    }
    return null;
  }

  /**
   * A benchmark without a caption task has nothing to judge, and one without an mcq task no answers
   * for {@code --judge-mcq} to read: said before any work.
   */
  void requireTasks(BenchmarkSpec bench) {
    requireCaptionTask(bench);
    if (mcq && !bench.tasks().contains(Task.MCQ)) {
      throw new InputException(
          "--judge-mcq: "
              + bench.id()
              + " has no mcq task, so there are no answers for a judge to read");
    }
  }

  /** A benchmark without a caption task has nothing to judge: said before any work. */
  static void requireCaptionTask(BenchmarkSpec bench) {
    if (!bench.tasks().contains(Task.CAPTION)) {
      throw new InputException(
          "--judge: "
              + bench.id()
              + " has no caption task, so there are no descriptions for a judge to judge");
    }
  }
}

package dev.perbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in: {@code perbench score --judge} against a real OpenAI-compatible endpoint (vLLM, Ollama,
 * OpenAI), on 5 perbench-mini descriptions. Not part of the build (its name ends in IT, which the
 * build's test run does not pick up): run it with the endpoint named, as docs/judge.md shows,
 *
 * <pre>
 * PERBENCH_JUDGE_TEST_URL=http://localhost:11434/v1 PERBENCH_JUDGE_TEST_MODEL=llama3.1:8b \
 *   mvn -B -ntp verify -pl src -am -Dfuzz.skip=true -Dtest=LiveJudgeIT \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>It fails, rather than skips, without them: it only runs when asked for. A key, when the
 * endpoint needs one, comes from PERBENCH_JUDGE_KEY or OPENAI_API_KEY as for the command.
 */
class LiveJudgeIT {
  @TempDir Path dir;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void scoreWithARealJudgeRatesEveryDescriptionAndTheSecondRunIsCached() throws Exception {
    String url = System.getenv("PERBENCH_JUDGE_TEST_URL");
    String model = System.getenv("PERBENCH_JUDGE_TEST_MODEL");
    assertNotNull(url, "set PERBENCH_JUDGE_TEST_URL, e.g. http://localhost:11434/v1");
    assertNotNull(model, "set PERBENCH_JUDGE_TEST_MODEL, e.g. llama3.1:8b");
    Path predictions = JudgeCommandTest.subset(dir.resolve("predictions.jsonl"), 5);
    Map<String, String> env = new HashMap<>();
    for (String k : new String[] {"PERBENCH_JUDGE_KEY", "OPENAI_API_KEY"}) {
      if (System.getenv(k) != null) {
        env.put(k, System.getenv(k));
      }
    }
    String[] args = {
      "score",
      "--bench",
      "perbench-mini",
      "--predictions",
      predictions.toString(),
      "--out",
      dir.resolve("out").toString(),
      "--judge",
      "openai:" + model,
      "--judge-url",
      url,
      "--judge-cache",
      dir.resolve("cache").toString(),
      "--judge-concurrency",
      "2"
    };
    CommandRun first = CommandRun.withEnv(env, args);
    assertEquals(0, first.exitCode(), first.err());
    JsonNode judge =
        new ObjectMapper()
            .readTree(dir.resolve("out/metrics.json").toFile())
            .at("/tasks/caption/judges")
            .elements()
            .next();
    // 5 descriptions (one of them says UNREADABLE, which a real judge still rates or not)
    assertEquals(
        5, judge.get("n").asLong() + judge.get("unparsed").asLong() + judge.get("failed").asLong());
    assertEquals(0, judge.get("failed").asLong(), "no call failed: " + judge);
    assertTrue(judge.get("n").asLong() >= 3, "a real judge rates most of them: " + judge);
    assertFalse(judge.get("judge_model_reported").isNull(), "the endpoint says which model");
    assertTrue(judge.get("prompt_tokens").asLong() > 0, "the endpoint counts tokens: " + judge);
    assertTrue(Files.exists(dir.resolve("out/judgements.jsonl")));

    CommandRun second = CommandRun.withEnv(env, args);
    assertEquals(0, second.exitCode(), second.err());
    JsonNode again =
        new ObjectMapper()
            .readTree(dir.resolve("out/metrics.json").toFile())
            .at("/tasks/caption/judges")
            .elements()
            .next();
    assertEquals(0, again.get("calls").asLong(), "every chat from the cache: " + again);
    assertEquals(judge.get("score"), again.get("score"));
  }
}

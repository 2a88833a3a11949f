package dev.perbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which key goes to which judge endpoint: PERBENCH_JUDGE_KEY to any; OPENAI_API_KEY, which people
 * export for other tools, to OpenAI's own endpoint only.
 */
class JudgeOptionsKeyTest {
  static String key(String url, Map<String, String> env) {
    JudgeOptions o = new JudgeOptions();
    o.url = url;
    o.environment(env);
    return o.key();
  }

  @Test
  void openAisKeyGoesToOpenAiOnlyAndPerbenchsToAny() {
    Map<String, String> openai = Map.of("OPENAI_API_KEY", "sk-openai");
    assertEquals("sk-openai", key("https://api.openai.com/v1", openai));
    assertNull(key("http://localhost:8000/v1", openai));
    assertNull(key("https://api.openai.com.evil.example/v1", openai));
    Map<String, String> both = Map.of("OPENAI_API_KEY", "sk-openai", "PERBENCH_JUDGE_KEY", "pk");
    assertEquals("pk", key("http://localhost:8000/v1", both));
    assertEquals("pk", key("https://api.openai.com/v1", both));
    assertNull(key("http://localhost:8000/v1", Map.of()));
  }
}

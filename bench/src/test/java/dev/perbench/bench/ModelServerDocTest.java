package dev.perbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.data.model.VisualPrompt;
import dev.perbench.harness.http.InfoJson;
import dev.perbench.harness.http.PredictRequestJson;
import dev.perbench.harness.http.PredictResponseJson;
import dev.perbench.harness.json.RleJson;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.prompt.PromptTemplates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of {@code docs/model-server.md} are true: each request is byte for byte (as JSON)
 * what the harness sends for that sample, uses the task's prompt template, and is accepted by the
 * echo server; each answer is valid for the request before it.
 */
class ModelServerDocTest {
  private static final Path DOC = Path.of("..", "docs", "model-server.md");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyExampleExchangeIsWhatTheHarnessSendsAndAccepts() throws Exception {
    List<JsonNode> blocks = jsonBlocks(Files.readString(DOC));
    assertEquals("pixel-sail-3b", InfoJson.read(bytes(blocks.get(0)), "u").name());

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Sample last = null;
    int requests = 0;
    int answers = 0;
    try (EchoModelServer echo = EchoModelServer.start(0, 1)) {
      for (JsonNode block : blocks.subList(1, blocks.size())) {
        if (block.has("task")) {
          ModelInput input = input(block);
          assertEquals(block, JSON.readTree(PredictRequestJson.write(input, false, Map.of())));
          assertMatchesTemplate(input);
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(URI.create(echo.url() + "/v1/predict"))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(block)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertEquals(200, r.statusCode(), r.body());
          last = input.sample();
          requests++;
        } else if (last != null) {
          assertNull(PredictResponseJson.read(bytes(block), last).error());
          answers++;
        }
      }
    }
    assertEquals(4, requests, "one request per task");
    assertEquals(5, answers);
  }

  private ModelInput input(JsonNode req) throws Exception {
    Task task = Task.fromId(req.get("task").asText());
    byte[] png = Base64.getDecoder().decode(req.get("image").get("png_base64").asText());
    Path file = dir.resolve(req.get("sample_id").asText().replace(':', '_') + ".png");
    Files.write(file, png);
    ImageRef image =
        new ImageRef(
            file.getFileName().toString(),
            file,
            req.get("image_size").get(0).asInt(),
            req.get("image_size").get(1).asInt());
    List<VisualPrompt> prompts = new ArrayList<>();
    for (JsonNode p : req.get("visual_prompts")) {
      prompts.add(new VisualPrompt(p.get("slot").asInt(), RleJson.read(p.get("mask"))));
    }
    Sample sample =
        new Sample(
            req.get("sample_id").asText(),
            task,
            image,
            "",
            prompts,
            new Target.Descriptions(List.of()));
    return new ModelInput(sample, req.get("prompt").asText());
  }

  private static void assertMatchesTemplate(ModelInput input) {
    String template = PromptTemplates.forTask(input.sample().task()).template();
    String[] parts = template.split(Pattern.quote("{text}"), -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      regex.append("(?s).+").append(Pattern.quote(parts[i]));
    }
    assertTrue(
        input.prompt().matches(regex.toString()),
        "the "
            + input.sample().task()
            + " example's prompt is not its template: "
            + input.prompt());
  }

  private static byte[] bytes(JsonNode node) throws Exception {
    return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
  }

  /** The fenced {@code json} blocks, parsed. */
  private static List<JsonNode> jsonBlocks(String markdown) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      JsonNode node = JSON.readTree(m.group(1));
      assertNotNull(node);
      out.add(node);
    }
    return out;
  }
}

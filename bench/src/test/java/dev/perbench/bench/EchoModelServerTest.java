package dev.perbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Task;
import dev.perbench.harness.http.HttpModel;
import dev.perbench.harness.http.TestSamples;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EchoModelServerTest {
  @TempDir Path dir;

  @Test
  void itAnswersEveryTaskAtOnceWithAFixedAnswerOfTheImagesSize() throws Exception {
    ImageRef image = TestSamples.image(dir);
    try (EchoModelServer server = EchoModelServer.start(0);
        HttpModel model = HttpModel.create(server.url(), TestSamples.options(0))) {
      assertTrue(server.port() > 0);
      assertEquals(List.of(Task.RES, Task.VRES, Task.MCQ, Task.CAPTION), model.info().tasks());
      Mask empty = Mask.empty(TestSamples.H, TestSamples.W);
      assertEquals(
          List.of(
              Prediction.masks("res:0", List.of(empty)),
              Prediction.masks("vres:0", List.of(empty)),
              Prediction.text("mcq:0:0", "A"),
              Prediction.text("caption:0:0", EchoModelServer.CAPTION)),
          model.predict(
              List.of(
                  TestSamples.res(image, "res:0"),
                  TestSamples.vres(image, "vres:0"),
                  TestSamples.mcq(image, "mcq:0:0"),
                  TestSamples.caption(image, "caption:0:0"))));
      assertEquals(4, server.predictions());
    }
  }

  @Test
  void badRequestsGetA400AndOtherPathsA404WithAJsonError() throws Exception {
    try (EchoModelServer server = EchoModelServer.start(0)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/v1/predict"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"task\": \"res\", \"image_size\": [2, 2]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(400, r.statusCode());
      assertEquals(
          "{\"error\":\"\\\"image\\\" must hold one of png_base64, jpeg_base64, path\"}", r.body());
      r =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/v2/predict")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(404, r.statusCode());
      r =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/v1/predict")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(405, r.statusCode());
      assertEquals(0, server.predictions());
    }
  }

  @Test
  void manyThreadsSharingOneModelGetEveryAnswerRight() throws Exception {
    ImageRef image = TestSamples.image(dir);
    ModelOptions options = new ModelOptions("cpu", 1, 8, Duration.ofSeconds(10), 0, false, 0);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (EchoModelServer server = EchoModelServer.start(0, 2);
        HttpModel model = HttpModel.create(server.url(), options)) {
      List<Future<Prediction>> futures = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String id = "mcq:" + i + ":0";
        ModelInput input = TestSamples.mcq(image, id);
        futures.add(threads.submit(() -> model.predict(List.of(input)).get(0)));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertEquals(Prediction.text("mcq:" + i + ":0", "A"), futures.get(i).get());
      }
      assertEquals(400, server.predictions());
    } finally {
      threads.shutdownNow();
    }
  }
}

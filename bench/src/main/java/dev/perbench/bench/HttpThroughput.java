package dev.perbench.bench;

import dev.perbench.data.model.ImageRef;
import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.data.model.VisualPrompt;
import dev.perbench.harness.http.HttpModel;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.ModelUnavailableException;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.mask.Mask;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;

/**
 * Times the HTTP client alone: {@link HttpModel} against an {@link EchoModelServer} in the same
 * process on loopback, {@code concurrency} threads each calling {@code predict} with one sample at
 * a time (what the runner does with batch size 1), over small samples of the four tasks in turn (a
 * 96x128 PNG of about 1 KB sent as base64; a region prompt for vres, mcq and caption; an RLE mask
 * decoded and checked in every res and vres answer). The server's work counts against the same
 * processors, so the figure is a lower bound for the client. The client retries as in a real run (3
 * times, standard backoff); {@link Result#retried()} says how often it had to.
 */
public final class HttpThroughput {
  /** Image height of the timed samples. */
  public static final int HEIGHT = 96;

  /** Image width of the timed samples. */
  public static final int WIDTH = 128;

  private static final Task[] TASKS = {Task.RES, Task.VRES, Task.MCQ, Task.CAPTION};

  /**
   * The figures of one run.
   *
   * @param failed samples that came back failed (0 unless something is wrong)
   * @param retried requests sent again (the client retries as in a real run: 3 times)
   * @param firstError the first failed sample's error, or null
   * @param imageBytes size of the PNG sent with every request
   * @param warmupSamples samples run before timing (JIT warm-up), not counted
   * @param seconds wall-clock time of the timed samples
   * @param peakHeapBytes the sum of the heap pools' peaks during the timed run (an upper bound on
   *     the true peak, since pools peak at different moments)
   * @param maxHeapBytes the JVM's heap limit
   */
  public record Result(
      int samples,
      int concurrency,
      int failed,
      long retried,
      String firstError,
      int imageBytes,
      int warmupSamples,
      double seconds,
      long peakHeapBytes,
      long maxHeapBytes) {
    /** Samples per second. */
    public double samplesPerSecond() {
      return samples / seconds;
    }
  }

  private HttpThroughput() {}

  /** As {@link #measure(int, int, Path)} in a temporary directory, removed afterwards. */
  public static Result measure(int samples, int concurrency)
      throws IOException, InterruptedException, ModelUnavailableException {
    Path dir = Files.createTempDirectory("perbench-http-throughput");
    try {
      return measure(samples, concurrency, dir);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /**
   * Writes the image into {@code workDir}, starts an echo server, runs a warm-up of a tenth of
   * {@code samples} (at most 2,000), then times {@code samples} predictions.
   */
  public static Result measure(int samples, int concurrency, Path workDir)
      throws IOException, InterruptedException, ModelUnavailableException {
    if (samples <= 0 || concurrency <= 0) {
      throw new IllegalArgumentException("need samples > 0 and concurrency > 0");
    }
    Path png = workDir.resolve("throughput.png");
    Files.write(png, image());
    ImageRef image = new ImageRef("throughput.png", png, HEIGHT, WIDTH);
    ModelOptions options =
        new ModelOptions("cpu", 1, concurrency, Duration.ofSeconds(30), 3, false, 0);
    int warmup = Math.min(2_000, Math.max(1, samples / 10));

    try (EchoModelServer server = EchoModelServer.start(0);
        HttpModel model = HttpModel.create(server.url(), options)) {
      model.info();
      run(model, image, warmup, concurrency, new AtomicReference<>());

      List<MemoryPoolMXBean> pools =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == MemoryType.HEAP)
              .toList();
      System.gc();
      pools.forEach(MemoryPoolMXBean::resetPeakUsage);
      AtomicReference<String> firstError = new AtomicReference<>();
      long retriedBefore = model.retriedRequests();
      long t0 = System.nanoTime();
      int failed = run(model, image, samples, concurrency, firstError);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      return new Result(
          samples,
          concurrency,
          failed,
          model.retriedRequests() - retriedBefore,
          firstError.get(),
          (int) Files.size(png),
          warmup,
          seconds,
          peak,
          Runtime.getRuntime().maxMemory());
    }
  }

  /** Runs {@code n} samples on {@code threads} threads; returns the number that failed. */
  private static int run(
      HttpModel model, ImageRef image, int n, int threads, AtomicReference<String> firstError)
      throws InterruptedException {
    Mask region = region();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Thread> workers = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  try {
                    Prediction p = model.predict(List.of(input(i, image, region))).get(0);
                    if (p.failed() || !plausible(p)) {
                      failed.incrementAndGet();
                      firstError.compareAndSet(
                          null, p.failed() ? p.error() : "implausible answer " + p);
                    }
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "http-throughput-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    return failed.get();
  }

  private static boolean plausible(Prediction p) {
    return p.text() != null || p.masks() != null && p.masks().size() == 1;
  }

  private static ModelInput input(int i, ImageRef image, Mask region) {
    Task task = TASKS[i % TASKS.length];
    String id = task.id() + ":" + i;
    Mask empty = Mask.empty(HEIGHT, WIDTH);
    return switch (task) {
      case RES ->
          new ModelInput(
              new Sample(
                  id,
                  task,
                  image,
                  "the red box on the left",
                  List.of(),
                  new Target.Masks(List.of(empty), false)),
              "<image>\nPlease segment the red box on the left.");
      case VRES ->
          new ModelInput(
              new Sample(
                  id,
                  task,
                  image,
                  "the thing left of <Prompt0>",
                  List.of(new VisualPrompt(0, region)),
                  new Target.Masks(List.of(empty), false)),
              "<image>\nthe thing left of <Prompt0>");
      case MCQ ->
          new ModelInput(
              new Sample(
                  id,
                  task,
                  image,
                  "What colour is it? A. red B. blue",
                  List.of(new VisualPrompt(0, region)),
                  new Target.Choice("A. red", Map.of("A", "red", "B", "blue"), "A")),
              "<image>\nPlease answer the question according to the <Prompt0>. What colour is it? "
                  + "A. red B. blue Select a correct choice.");
      case CAPTION ->
          new ModelInput(
              new Sample(
                  id,
                  task,
                  image,
                  "",
                  List.of(new VisualPrompt(0, region)),
                  new Target.Descriptions(List.of("a red box"))),
              "<image>\n"
                  + "Can you provide me with a detailed description of the region in the picture"
                  + " marked by <Prompt0>? Please provide as detailed as possible.");
    };
  }

  /** A rectangle as the region prompt. */
  private static Mask region() {
    byte[] bits = new byte[HEIGHT * WIDTH];
    for (int y = 20; y < 60; y++) {
      for (int x = 30; x < 90; x++) {
        bits[y * WIDTH + x] = 1;
      }
    }
    return Mask.fromBitmap(HEIGHT, WIDTH, bits);
  }

  /** A small synthetic scene: a few flat shapes on a gradient, about 1 KB as PNG. */
  static byte[] image() throws IOException {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    for (int y = 0; y < HEIGHT; y += 8) {
      g.setColor(new Color(40 + y, 90, 160 - y));
      g.fillRect(0, y, WIDTH, 8);
    }
    g.setColor(Color.RED);
    g.fillRect(10, 20, 30, 40);
    g.setColor(Color.YELLOW);
    g.fillOval(60, 30, 40, 30);
    g.dispose();
    var out = new java.io.ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}

package dev.perbench.harness.djl;

import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Predictions per second of the fixture on all of perbench-mini (a measurement, not a test). Each
 * argument is a batch size, optionally with a number of concurrent callers ({@code 8x4}). From
 * harness/, after {@code mvn test-compile}:
 *
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Dai.djl.offline=true -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.perbench.harness.djl.DjlThroughput 1 8 8x4
 * </pre>
 */
public final class DjlThroughput {
  private DjlThroughput() {}

  public static void main(String[] args) throws Exception {
    List<ModelInput> inputs = Fixtures.inputs(List.copyOf(Fixtures.mini().values()));
    for (String arg : args.length == 0 ? new String[] {"1", "8"} : args) {
      String[] parts = arg.split("x");
      int batch = Integer.parseInt(parts[0]);
      int callers = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
      try (DjlModel model = DjlModel.open(Fixtures.MODEL, Fixtures.options("cpu", batch))) {
        run(model, inputs, batch, callers); // warm-up: libtorch's first calls allocate and tune
        int passes = 3;
        long start = System.nanoTime();
        for (int p = 0; p < passes; p++) {
          run(model, inputs, batch, callers);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "batch %d, %d caller(s): %d predictions in %.2f s = %.0f predictions/s"
                + " (%d cores)%n",
            batch,
            callers,
            passes * inputs.size(),
            seconds,
            passes * inputs.size() / seconds,
            Runtime.getRuntime().availableProcessors());
      }
    }
  }

  /** Every input once, in batches, the batches shared out among the callers. */
  private static void run(DjlModel model, List<ModelInput> inputs, int batch, int callers)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<List<Prediction>>> futures = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i += batch) {
        List<ModelInput> chunk = inputs.subList(i, Math.min(inputs.size(), i + batch));
        futures.add(pool.submit(() -> model.predict(chunk)));
      }
      for (Future<List<Prediction>> f : futures) {
        if (f.get().stream().anyMatch(Prediction::failed)) {
          throw new IllegalStateException("a prediction failed");
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}

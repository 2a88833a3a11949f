package dev.perbench.harness.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.perbench.harness.model.Model;
import dev.perbench.harness.model.ModelInfo;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.ModelOptions;
import dev.perbench.harness.model.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code djl:PATH}: a TorchScript model that follows the tensor contract of {@code
 * docs/djl-models.md}, run in-process by DJL's PyTorch engine, with its sidecar {@code PATH.json}.
 *
 * <p>Opening checks everything that can be checked before a run starts: the file, the sidecar, the
 * device, that the engine loads the module, and that one all-zero sample comes back with the output
 * shapes the sidecar promises. {@link #predict} splits a batch into chunks of {@code --batch-size}
 * and runs each through one DJL {@code batchPredict} call. Samples that cannot be run (a task the
 * model does not do, a prompt slot beyond its channels, a missing image) fail alone; a batch that
 * fails for another reason is retried sample by sample so that one undecodable image does not take
 * its neighbours down; outputs that break the contract fail the batch with a {@link
 * ContractViolation}.
 *
 * <p>Thread-safe: the weights ({@code ai.djl.Model}) are shared and DJL allows concurrent forward
 * calls on them; each call borrows its own {@code Predictor} from a pool.
 */
public final class DjlModel implements Model {
  /** The model-spec prefix. */
  public static final String SCHEME = "djl:";

  /** Batch size when {@code --batch-size} is not given; see docs/djl-models.md for timings. */
  public static final int DEFAULT_BATCH_SIZE = 8;

  private static final String ENGINE = "PyTorch";

  private final ai.djl.Model model;
  private final DjlTranslator translator;
  private final PredictorPool<ModelInput, Prediction> pool;
  private final int batchSize;
  private final ModelInfo info;

  private DjlModel(ai.djl.Model model, DjlSidecar sidecar, int batchSize, ModelInfo info) {
    this.model = model;
    this.translator = new DjlTranslator(sidecar);
    this.pool = new PredictorPool<>(() -> model.newPredictor(translator));
    this.batchSize = batchSize;
    this.info = info;
  }

  /** Opens {@code djl:PATH} (a relative PATH is relative to the working directory). */
  public static DjlModel open(String spec, ModelOptions options) throws DjlModelException {
    if (!spec.startsWith(SCHEME)) {
      throw new IllegalArgumentException("not a djl: model spec: " + spec);
    }
    return open(Path.of(spec.substring(SCHEME.length())), options);
  }

  /**
   * Opens a TorchScript file and its sidecar.
   *
   * @throws DjlModelException saying what is missing, malformed or unavailable, and where
   */
  public static DjlModel open(Path file, ModelOptions options) throws DjlModelException {
    if (Files.isDirectory(file)) {
      throw new DjlModelException(
          SCHEME
              + file
              + ": is a directory; give the TorchScript file"
              + " (its sidecar is the file's name with .json appended)");
    }
    if (!Files.isRegularFile(file)) {
      throw new DjlModelException(SCHEME + file + ": model file not found");
    }
    DjlSidecar sidecar = SidecarReader.read(file);
    Engine engine = engine();
    Device device = DeviceSelector.select(options.device(), engine);
    ai.djl.Model model = ai.djl.Model.newInstance(sidecar.name(), device, ENGINE);
    try {
      // mapLocation: a module saved from a GPU loads on the CPU and the other way round.
      model.load(file, null, Map.of("mapLocation", "true"));
      selfCheck(model, sidecar, file);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new DjlModelException(
          SCHEME
              + file
              + ": DJL's PyTorch engine "
              + engine.getVersion()
              + " could not load it as a TorchScript module: "
              + rootMessage(e),
          e);
    } catch (DjlModelException e) {
      model.close();
      throw e;
    }
    int batch = options.batchSize() > 0 ? options.batchSize() : DEFAULT_BATCH_SIZE;
    return new DjlModel(model, sidecar, batch, describe(sidecar, file, engine, device));
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public int preferredBatchSize() {
    return batchSize;
  }

  @Override
  public List<Prediction> predict(List<ModelInput> batch) throws DjlModelException {
    Prediction[] out = new Prediction[batch.size()];
    List<Integer> runnable = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      String problem = translator.encoder().problem(batch.get(i));
      if (problem == null) {
        runnable.add(i);
      } else {
        out[i] = Prediction.failed(batch.get(i).sample().id(), problem);
      }
    }
    for (int from = 0; from < runnable.size(); from += batchSize) {
      List<Integer> chunk = runnable.subList(from, Math.min(runnable.size(), from + batchSize));
      List<Prediction> predictions = run(chunk.stream().map(batch::get).toList());
      for (int j = 0; j < chunk.size(); j++) {
        out[chunk.get(j)] = predictions.get(j);
      }
    }
    return Arrays.asList(out);
  }

  /** The loaded weights, for tests that run the bare module. */
  ai.djl.Model djlModel() {
    return model;
  }

  /** The translator, for tests that encode inputs as the adapter does. */
  DjlTranslator translator() {
    return translator;
  }

  @Override
  public void close() {
    pool.close();
    model.close();
  }

  private List<Prediction> run(List<ModelInput> inputs) throws DjlModelException {
    Predictor<ModelInput, Prediction> predictor = pool.borrow();
    TranslateException failure;
    try {
      return predictor.batchPredict(inputs);
    } catch (TranslateException e) {
      failure = e;
    } finally {
      pool.release(predictor);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ContractViolation v) {
        throw v;
      }
    }
    if (inputs.size() == 1) {
      return List.of(Prediction.failed(inputs.get(0).sample().id(), rootMessage(failure)));
    }
    List<Prediction> out = new ArrayList<>(inputs.size());
    for (ModelInput input : inputs) {
      out.addAll(run(List.of(input)));
    }
    return out;
  }

  private static Engine engine() throws DjlModelException {
    try {
      return Engine.getEngine(ENGINE);
    } catch (RuntimeException e) {
      throw new DjlModelException(
          "DJL's PyTorch engine did not start: "
              + rootMessage(e)
              + " (libtorch comes from pytorch-native-cpu on the class path; see "
              + TensorContract.DOC
              + ")",
          e);
    }
  }

  /** One all-zero caption-task sample through the bare module: the contract's shapes, early. */
  private static void selfCheck(ai.djl.Model model, DjlSidecar sidecar, Path file)
      throws DjlModelException {
    int h = sidecar.inputHeight();
    int w = sidecar.inputWidth();
    try (Predictor<NDList, NDList> raw = model.newPredictor(new NoopTranslator(null));
        NDManager manager = model.getNDManager().newSubManager()) {
      NDList zeros =
          new NDList(
              manager.zeros(new Shape(1, 3, h, w), DataType.FLOAT32),
              manager.zeros(new Shape(1, sidecar.promptChannels(), h, w), DataType.FLOAT32),
              manager.zeros(new Shape(1, sidecar.maxTokens()), DataType.INT64),
              manager.zeros(new Shape(1), DataType.INT64));
      NDList outputs;
      try {
        outputs = raw.predict(zeros);
      } catch (TranslateException e) {
        throw new DjlModelException(
            SCHEME
                + file
                + ": forward(image [1, 3, "
                + h
                + ", "
                + w
                + "], prompts [1, "
                + sidecar.promptChannels()
                + ", "
                + h
                + ", "
                + w
                + "], tokens [1, "
                + sidecar.maxTokens()
                + "], task [1]) failed on an all-zero sample: "
                + rootMessage(e)
                + "; see "
                + TensorContract.DOC,
            e);
      }
      new OutputContract(sidecar).check(outputs, 1);
    }
  }

  private static ModelInfo describe(DjlSidecar sidecar, Path file, Engine engine, Device device)
      throws DjlModelException {
    Map<String, String> details = new LinkedHashMap<>(sidecar.details());
    details.put("djl.file", file.toAbsolutePath().normalize().toString());
    details.put("djl.sha256", sha256(file));
    details.put("djl.format", sidecar.format());
    details.put(
        "djl.engine",
        "DJL "
            + Engine.getDjlVersion()
            + ", "
            + engine.getEngineName()
            + " "
            + engine.getVersion());
    details.put("djl.device", device.toString());
    details.put("djl.input_size", sidecar.inputHeight() + "x" + sidecar.inputWidth());
    details.put("djl.mask_stride", Integer.toString(sidecar.maskStride()));
    return new ModelInfo(sidecar.name(), sidecar.version(), sidecar.tasks(), details);
  }

  private static String sha256(Path file) throws DjlModelException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new DjlModelException(SCHEME + file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The innermost cause's message: DJL wraps engine errors several times over. Of a TorchScript
   * interpreter error only the last line (e.g. {@code RuntimeError: mat1 and mat2 shapes cannot be
   * multiplied}) is kept; the tracebacks above it point into the exporting script.
   */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    m = m.strip();
    if (m.contains("TorchScript") && m.contains("\n")) {
      m = m.substring(m.lastIndexOf('\n') + 1).strip();
    }
    return m;
  }
}

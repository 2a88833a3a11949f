package dev.perbench.harness.djl;

import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.perbench.harness.model.ModelInput;
import dev.perbench.harness.model.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code djl:} adapter's pre- and post-processing, around one forward call that DJL's {@code
 * Predictor} makes. Inputs are stacked into a batch by DJL's stack batchifier; the batch's outputs
 * are checked against the contract once, whole, before being split per sample. Every tensor made
 * here belongs to the call's own {@code NDManager} (the context's), which DJL closes when the call
 * returns.
 *
 * <p>Stateless apart from the sidecar, so one instance serves every predictor and thread; the
 * inputs of a call travel in the call's context, not in a field.
 */
final class DjlTranslator implements Translator<ModelInput, Prediction> {
  private static final String INPUTS = "perbench.inputs";

  private final InputEncoder encoder;
  private final OutputContract contract;
  private final OutputDecoder decoder;

  DjlTranslator(DjlSidecar sidecar) {
    this.encoder = new InputEncoder(sidecar);
    this.contract = new OutputContract(sidecar);
    this.decoder = new OutputDecoder(sidecar);
  }

  InputEncoder encoder() {
    return encoder;
  }

  @Override
  public Batchifier getBatchifier() {
    return Batchifier.STACK;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, ModelInput input) throws Exception {
    return encoder.encode(ctx.getNDManager(), input);
  }

  @Override
  public NDList batchProcessInput(TranslatorContext ctx, List<ModelInput> inputs) throws Exception {
    ctx.setAttachment(INPUTS, List.copyOf(inputs));
    return Translator.super.batchProcessInput(ctx, inputs);
  }

  @Override
  public List<Prediction> batchProcessOutput(TranslatorContext ctx, NDList outputs)
      throws Exception {
    List<?> inputs = (List<?>) ctx.getAttachment(INPUTS);
    NDList[] perSample = getBatchifier().unbatchify(contract.check(outputs, inputs.size()));
    List<Prediction> predictions = new ArrayList<>(perSample.length);
    for (int i = 0; i < perSample.length; i++) {
      predictions.add(decoder.decode((ModelInput) inputs.get(i), perSample[i]));
    }
    return predictions;
  }

  /**
   * Never called: with a batchifier, DJL's {@code predict} and {@code batchPredict} both go through
   * {@link #batchProcessOutput}, which needs the whole batch to check shapes.
   */
  @Override
  public Prediction processOutput(TranslatorContext ctx, NDList list) {
    throw new UnsupportedOperationException("djl: outputs are decoded per batch");
  }
}

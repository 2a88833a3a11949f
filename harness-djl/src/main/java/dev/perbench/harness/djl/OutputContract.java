package dev.perbench.harness.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Checks a batch's raw outputs against the contract before anything reads them: three tensors, mask
 * logits [B, M, H/s, W/s], answer logits [B, 4], caption logits [B, C] (C = the caption template's
 * value count; any C when the model does no captions). A half-precision model's outputs are widened
 * to float32.
 */
final class OutputContract {
  private final DjlSidecar sidecar;

  OutputContract(DjlSidecar sidecar) {
    this.sidecar = sidecar;
  }

  /** The outputs as float32, after the checks. */
  NDList check(NDList outputs, int batch) throws ContractViolation {
    if (outputs.size() != TensorContract.OUTPUTS.length) {
      throw violation(
          "forward returned "
              + outputs.size()
              + " output tensor(s); the contract expects 3:"
              + " (mask logits, answer logits, caption logits)");
    }
    int captions = sidecar.caption() == null ? -1 : sidecar.caption().size();
    expect(
        outputs,
        0,
        new long[] {batch, sidecar.maskChannels(), sidecar.maskHeight(), sidecar.maskWidth()},
        "[B, mask_channels, H/s, W/s] with B="
            + batch
            + ", mask_channels "
            + sidecar.maskChannels()
            + ", input_size "
            + sidecar.inputHeight()
            + "x"
            + sidecar.inputWidth()
            + " and mask_stride "
            + sidecar.maskStride());
    expect(outputs, 1, new long[] {batch, McqOptions.LETTERS}, "[B, 4] (A-D) with B=" + batch);
    expect(
        outputs,
        2,
        new long[] {batch, captions},
        captions < 0
            ? "[B, C] with B=" + batch
            : "[B, C] with B="
                + batch
                + " and C="
                + captions
                + ", the caption fields' value count");
    NDList out = new NDList(outputs.size());
    for (NDArray a : outputs) {
      out.add(a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false));
    }
    return out;
  }

  /** Dimensions given as -1 are not checked. */
  private void expect(NDList outputs, int index, long[] dims, String meaning)
      throws ContractViolation {
    NDArray a = outputs.get(index);
    Shape shape = a.getShape();
    boolean ok = shape.dimension() == dims.length;
    for (int i = 0; ok && i < dims.length; i++) {
      ok = dims[i] < 0 || shape.get(i) == dims[i];
    }
    if (!ok) {
      throw violation(
          "output "
              + index
              + " ("
              + TensorContract.OUTPUTS[index]
              + ") has shape "
              + shape
              + "; the contract expects "
              + describe(dims)
              + ": "
              + meaning);
    }
    if (!a.getDataType().isFloating()) {
      throw violation(
          "output "
              + index
              + " ("
              + TensorContract.OUTPUTS[index]
              + ") is "
              + a.getDataType()
              + "; the contract expects floating-point logits");
    }
  }

  private static String describe(long[] dims) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      b.append(i == 0 ? "" : ", ").append(dims[i] < 0 ? "C" : Long.toString(dims[i]));
    }
    return b.append(')').toString();
  }

  private ContractViolation violation(String what) {
    return new ContractViolation(
        DjlModel.SCHEME
            + sidecar.modelFile()
            + ": "
            + what
            + " (sidecar "
            + sidecar.file().getFileName()
            + "); see "
            + TensorContract.DOC);
  }
}

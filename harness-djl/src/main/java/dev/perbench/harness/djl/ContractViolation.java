package dev.perbench.harness.djl;

/**
 * The model's outputs do not have the shapes the contract and its sidecar promise. This is a fault
 * of the model, not of one sample, so a batch that raises it is not retried sample by sample.
 */
public final class ContractViolation extends DjlModelException {
  private static final long serialVersionUID = 1L;

  public ContractViolation(String message) {
    super(message);
  }
}

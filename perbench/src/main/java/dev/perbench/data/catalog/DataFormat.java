package dev.perbench.data.catalog;

/** The file layouts a benchmark can come in. */
public enum DataFormat {
  /** PerBench's release: {@code STBench_*.json} and an image folder. */
  STBENCH,
  /**
   * The refer layout: {@code <dataset>/refs(<splitBy>).p} (or grefs) and {@code instances.json}.
   */
  REFER,
  /** The bundled mini benchmark: both of the above in one folder. */
  MINI
}

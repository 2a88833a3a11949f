package dev.perbench.metrics.mask;

import java.util.Arrays;

/**
 * Pairwise OR / AND of two run lists, producing the same runs as pycocotools' {@code rleMerge}
 * (canonical runs: a new run at every change of value, the first run counting zeros).
 *
 * <p>pycocotools' walk goes wrong on inputs with zero-length runs after the first (it can emit
 * counts that no longer cover the image; see golden/quirks.json), so such inputs are folded to
 * canonical runs first. On canonical inputs, which is all that pycocotools itself produces, the
 * result is identical to pycocotools'.
 */
final class RunMerger {
  private RunMerger() {}

  static int[] merge(int[] a, int[] b, boolean intersect) {
    a = canonical(a);
    b = canonical(b);
    int[] out = new int[a.length + b.length + 1];
    int m = 0;
    long ca = a[0];
    long cb = b[0];
    int ia = 1;
    int ib = 1;
    boolean va = false;
    boolean vb = false;
    boolean v = false;
    long cc = 0;
    boolean more = true;
    while (more) {
      long c = Math.min(ca, cb);
      cc += c;
      ca -= c;
      if (ca == 0 && ia < a.length) {
        ca = a[ia++];
        va = !va;
      }
      cb -= c;
      if (cb == 0 && ib < b.length) {
        cb = b[ib++];
        vb = !vb;
      }
      more = ca + cb > 0;
      boolean previous = v;
      v = intersect ? va && vb : va || vb;
      if (v != previous || !more) {
        if (m == out.length) {
          out = Arrays.copyOf(out, m * 2);
        }
        out[m++] = (int) cc;
        cc = 0;
      }
    }
    return Arrays.copyOf(out, m);
  }

  /** Folds zero-length runs after the first into their neighbours (same pixels, fewer runs). */
  static int[] canonical(int[] runs) {
    boolean clean = true;
    for (int i = 1; i < runs.length && clean; i++) {
      clean = runs[i] != 0;
    }
    if (clean) {
      return runs;
    }
    int[] out = new int[runs.length];
    out[0] = runs[0];
    int m = 1;
    for (int i = 1; i < runs.length; i++) {
      if (runs[i] == 0) {
        continue;
      }
      // Output run k holds value k % 2; a run of the same value as the last one extends it.
      if (((m - 1) & 1) == (i & 1)) {
        out[m - 1] += runs[i];
      } else {
        out[m++] = runs[i];
      }
    }
    return Arrays.copyOf(out, m);
  }
}

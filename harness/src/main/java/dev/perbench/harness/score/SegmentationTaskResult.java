package dev.perbench.harness.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Referring segmentation (res, vres): cIoU, gIoU, precision at IoU 0.5 to 0.9, N-acc and T-acc
 * (gRefCOCO profile only), the number of masks compared, and intervals for cIoU and gIoU.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "convention",
  "n",
  "missing",
  "failed",
  "ciou",
  "giou",
  "precision@0.5",
  "precision@0.6",
  "precision@0.7",
  "precision@0.8",
  "precision@0.9",
  "n_acc",
  "t_acc",
  "masks",
  "ci"
})
public record SegmentationTaskResult(
    @JsonProperty(value = "convention", required = true) String convention,
    Long n,
    Long missing,
    Long failed,
    Double ciou,
    Double giou,
    @JsonProperty("precision@0.5") Double precision50,
    @JsonProperty("precision@0.6") Double precision60,
    @JsonProperty("precision@0.7") Double precision70,
    @JsonProperty("precision@0.8") Double precision80,
    @JsonProperty("precision@0.9") Double precision90,
    @JsonProperty("n_acc") Double nAcc,
    @JsonProperty("t_acc") Double tAcc,
    Long masks,
    Ci ci)
    implements TaskResult {
  /**
   * Types and ranges; which fields must be present depends on the file (see {@link Evaluation}).
   */
  public SegmentationTaskResult {
    Fractions.convention(convention);
    Fractions.counts(n, missing, failed);
    Fractions.fraction("ciou", ciou);
    Fractions.fraction("giou", giou);
    Fractions.fraction("precision@0.5", precision50);
    Fractions.fraction("precision@0.6", precision60);
    Fractions.fraction("precision@0.7", precision70);
    Fractions.fraction("precision@0.8", precision80);
    Fractions.fraction("precision@0.9", precision90);
    Fractions.fraction("n_acc", nAcc);
    Fractions.fraction("t_acc", tAcc);
    Fractions.count("masks", masks);
  }

  /** The intervals; either may be absent (no masks were compared). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ci(Interval ciou, Interval giou) {}

  @Override
  public List<MetricValue> values() {
    Ci c = ci == null ? new Ci(null, null) : ci;
    List<MetricValue> out = new ArrayList<>();
    add(out, "ciou", ciou, c.ciou());
    add(out, "giou", giou, c.giou());
    add(out, "precision@0.5", precision50, null);
    add(out, "precision@0.6", precision60, null);
    add(out, "precision@0.7", precision70, null);
    add(out, "precision@0.8", precision80, null);
    add(out, "precision@0.9", precision90, null);
    add(out, "n_acc", nAcc, null);
    add(out, "t_acc", tAcc, null);
    if (masks != null) {
      out.add(new MetricValue("masks", masks, true, null));
    }
    return out;
  }

  private static void add(List<MetricValue> out, String name, Double v, Interval ci) {
    if (v != null) {
      out.add(new MetricValue(name, v, false, ci));
    }
  }
}

package dev.perbench.harness.score;

import dev.perbench.data.model.Task;
import java.util.List;

/**
 * A task metric as a ratio of sums over {@link SampleScore}s, which is what lets two entries be
 * compared by resampling their samples in pairs. Each reproduces the task-level figure of {@link
 * Evaluation}: cIoU is summed intersections over summed unions; gIoU is the mean over targets,
 * summed target IoUs over the number of targets; accuracy and METEOR are means over samples.
 */
public enum SampleMetric {
  CIOU("ciou", true) {
    @Override
    public double numerator(SampleScore s) {
      return s.intersection();
    }

    @Override
    public double denominator(SampleScore s) {
      return s.union();
    }
  },
  GIOU("giou", true) {
    @Override
    public double numerator(SampleScore s) {
      return s.iouSum();
    }

    @Override
    public double denominator(SampleScore s) {
      return s.targets();
    }
  },
  ACCURACY("accuracy", false) {
    @Override
    public double numerator(SampleScore s) {
      return s.score();
    }

    @Override
    public double denominator(SampleScore s) {
      return 1;
    }
  },
  METEOR("meteor", false) {
    @Override
    public double numerator(SampleScore s) {
      return s.score();
    }

    @Override
    public double denominator(SampleScore s) {
      return 1;
    }
  };

  private final String id;
  private final boolean segmentation;

  SampleMetric(String id, boolean segmentation) {
    this.id = id;
    this.segmentation = segmentation;
  }

  /** The metric's name as metrics.json spells it. */
  public String id() {
    return id;
  }

  public abstract double numerator(SampleScore s);

  public abstract double denominator(SampleScore s);

  /** The metrics of a task, its main one first. */
  public static List<SampleMetric> of(Task task) {
    return switch (task) {
      case RES, VRES -> List.of(CIOU, GIOU);
      case MCQ -> List.of(ACCURACY);
      case CAPTION -> List.of(METEOR);
    };
  }

  /** Whether the metric is a segmentation overlap (shown as a percentage of IoU). */
  public boolean segmentation() {
    return segmentation;
  }
}

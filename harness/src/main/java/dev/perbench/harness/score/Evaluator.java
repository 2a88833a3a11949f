package dev.perbench.harness.score;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.choice.ChoiceAccuracy;
import dev.perbench.metrics.choice.ChoiceQuestion;
import dev.perbench.metrics.choice.ChoiceResult;
import dev.perbench.metrics.choice.Verdict;
import dev.perbench.metrics.mask.Mask;
import dev.perbench.metrics.score.PerBenchScore;
import dev.perbench.metrics.seg.SampleResult;
import dev.perbench.metrics.seg.SegProfile;
import dev.perbench.metrics.seg.SegmentationAccumulator;
import dev.perbench.metrics.seg.SegmentationResult;
import dev.perbench.metrics.stats.Bootstrap;
import dev.perbench.metrics.stats.ConfidenceInterval;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns (sample, prediction) pairs into per-task metrics. The same evaluator scores a prediction
 * file and a live run. A missing prediction (null) and a failed one ({@link Prediction#failed}) are
 * both scored as "no prediction" under the profile, and counted apart.
 *
 * <p>Per-sample values are kept (a few doubles per sample) for the bootstrap intervals.
 */
public final class Evaluator {
  private final EvalProfile profile;
  private final CaptionMetric captionMetric;
  private final Map<Task, Object> states = new EnumMap<>(Task.class);
  private long samples;
  private long missing;
  private long failed;

  public Evaluator(EvalProfile profile, CaptionMetric captionMetric) {
    this.profile = profile;
    this.captionMetric = captionMetric;
  }

  /**
   * Scores one sample.
   *
   * @param prediction the model's prediction, or null when there is none
   * @throws IllegalArgumentException when a predicted mask's size differs from the image's
   */
  public void add(Sample sample, Prediction prediction) {
    samples++;
    boolean absent = prediction == null;
    boolean error = !absent && prediction.failed();
    if (absent) {
      missing++;
    }
    if (error) {
      failed++;
    }
    Prediction usable = absent || error ? null : prediction;
    switch (sample.task()) {
      case RES -> seg(Task.RES, profile.res()).addRes(sample, usable, absent, error);
      case VRES ->
          seg(Task.VRES, profile.vres())
              .addVres(sample, usable, absent, error, profile.vresFirstTargetOnly());
      case MCQ -> choice().add(sample, usable, absent, error);
      case CAPTION -> caption().add(sample, usable, absent, error);
    }
  }

  /** The metrics so far, with percentile-bootstrap intervals. */
  public Evaluation result(String benchmark, double ciLevel, int ciResamples, long ciSeed) {
    Map<Task, TaskMetrics> tasks = new EnumMap<>(Task.class);
    for (Map.Entry<Task, Object> e : states.entrySet()) {
      Object s = e.getValue();
      TaskMetrics m =
          s instanceof SegState seg
              ? seg.metrics(ciLevel, ciResamples, ciSeed)
              : s instanceof ChoiceState c
                  ? c.metrics(ciLevel, ciResamples, ciSeed)
                  : ((CaptionState) s).metrics(ciLevel, ciResamples, ciSeed);
      tasks.put(e.getKey(), m);
    }
    Double overall = null;
    if (tasks.containsKey(Task.CAPTION)
        && tasks.containsKey(Task.MCQ)
        && tasks.containsKey(Task.VRES)) {
      Map<String, Double> vres = tasks.get(Task.VRES).values();
      overall =
          PerBenchScore.overall(
              100 * tasks.get(Task.CAPTION).values().get("meteor"),
              tasks.get(Task.MCQ).values().get("accuracy"),
              100 * vres.get("ciou"),
              100 * vres.get("giou"));
    }
    return new Evaluation(
        benchmark, profile, samples, missing, failed, tasks, overall, ciLevel, ciResamples, ciSeed);
  }

  private SegState seg(Task task, SegProfile segProfile) {
    return (SegState) states.computeIfAbsent(task, t -> new SegState(t, segProfile));
  }

  private ChoiceState choice() {
    return (ChoiceState)
        states.computeIfAbsent(Task.MCQ, t -> new ChoiceState(new ChoiceAccuracy(profile.mcq())));
  }

  private CaptionState caption() {
    return (CaptionState)
        states.computeIfAbsent(
            Task.CAPTION,
            t ->
                new CaptionState(
                    profile.meteorSwapped()
                        ? "meteor (authors' call: prediction and reference swapped)"
                        : "meteor (NLTK)"));
  }

  /** Counts shared by the task states. */
  private abstract static class Counts {
    long samples;
    long missing;
    long failed;

    void count(boolean absent, boolean error) {
      samples++;
      if (absent) {
        missing++;
      }
      if (error) {
        failed++;
      }
    }
  }

  private static final class SegState extends Counts {
    private final Task task;
    private final SegmentationAccumulator acc;
    private final DoubleList iou = new DoubleList();
    private final DoubleList intersection = new DoubleList();
    private final DoubleList union = new DoubleList();

    SegState(Task task, SegProfile profile) {
      this.task = task;
      this.acc = new SegmentationAccumulator(profile);
    }

    void addRes(Sample s, Prediction p, boolean absent, boolean error) {
      count(absent, error);
      Target.Masks target = (Target.Masks) s.target();
      Mask gt = target.masks().get(0);
      Mask pred = null;
      if (p != null) {
        pred =
            Boolean.TRUE.equals(p.noTarget()) || p.masks() == null || p.masks().isEmpty()
                ? Mask.empty(gt.height(), gt.width())
                : Mask.merge(checked(p.masks(), gt, s), false);
      }
      record(acc.add(gt, pred));
    }

    void addVres(Sample s, Prediction p, boolean absent, boolean error, boolean firstOnly) {
      count(absent, error);
      List<Mask> targets = ((Target.Masks) s.target()).masks();
      List<Mask> preds =
          p == null || p.masks() == null ? List.of() : checked(p.masks(), targets.get(0), s);
      for (int i = 0; i < targets.size(); i++) {
        boolean compared = i < preds.size() && (!firstOnly || i == 0);
        record(acc.add(targets.get(i), compared ? preds.get(i) : null));
      }
    }

    private static List<Mask> checked(List<Mask> masks, Mask like, Sample s) {
      for (Mask m : masks) {
        if (!m.sameSizeAs(like)) {
          throw new IllegalArgumentException(
              "sample "
                  + s.id()
                  + ": a predicted mask is "
                  + m.height()
                  + "x"
                  + m.width()
                  + " but the image is "
                  + like.height()
                  + "x"
                  + like.width());
        }
      }
      return masks;
    }

    private void record(SampleResult r) {
      iou.add(r.iou());
      intersection.add(r.intersection());
      union.add(r.union());
    }

    TaskMetrics metrics(double level, int resamples, long seed) {
      SegmentationResult r = acc.result();
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("ciou", r.ciou());
      values.put("giou", r.giou());
      r.precision().forEach((t, v) -> values.put("precision@" + t, v));
      if (r.nAcc() != null) {
        values.put("n_acc", r.nAcc());
      }
      if (r.tAcc() != null) {
        values.put("t_acc", r.tAcc());
      }
      values.put("masks", (double) r.n());
      Map<String, ConfidenceInterval> ci = new LinkedHashMap<>();
      if (r.n() > 0) {
        ci.put(
            "ciou",
            Bootstrap.ratioOfSums(intersection.toArray(), union.toArray(), level, resamples, seed));
        ci.put("giou", Bootstrap.mean(iou.toArray(), level, resamples, seed));
      }
      return new TaskMetrics(task, r.profile().id(), samples, missing, failed, values, ci);
    }
  }

  private static final class ChoiceState extends Counts {
    private final ChoiceAccuracy acc;
    private final DoubleList correct = new DoubleList();

    ChoiceState(ChoiceAccuracy acc) {
      this.acc = acc;
    }

    void add(Sample s, Prediction p, boolean absent, boolean error) {
      count(absent, error);
      Target.Choice c = (Target.Choice) s.target();
      Verdict v;
      if (p == null || p.text() == null) {
        v = Verdict.WRONG;
        acc.add(v);
      } else {
        v = acc.add(p.text(), new ChoiceQuestion(c.options(), c.correctLetter(), c.answer()));
      }
      correct.add(v == Verdict.CORRECT ? 1 : 0);
    }

    TaskMetrics metrics(double level, int resamples, long seed) {
      ChoiceResult r = acc.result();
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("accuracy", r.accuracy());
      values.put("correct", (double) r.correct());
      values.put("unparsed", (double) r.unparsed());
      Map<String, ConfidenceInterval> ci = new LinkedHashMap<>();
      if (r.n() > 0) {
        ci.put("accuracy", Bootstrap.mean(correct.toArray(), level, resamples, seed));
      }
      return new TaskMetrics(Task.MCQ, r.profile().id(), samples, missing, failed, values, ci);
    }
  }

  private final class CaptionState extends Counts {
    private final String convention;
    private final DoubleList scores = new DoubleList();

    CaptionState(String convention) {
      this.convention = convention;
    }

    void add(Sample s, Prediction p, boolean absent, boolean error) {
      count(absent, error);
      List<String> refs = ((Target.Descriptions) s.target()).references();
      scores.add(p == null || p.text() == null ? 0 : captionMetric.score(p.text(), refs));
    }

    TaskMetrics metrics(double level, int resamples, long seed) {
      double[] v = scores.toArray();
      double sum = 0;
      for (double x : v) {
        sum += x;
      }
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("meteor", v.length == 0 ? 0 : sum / v.length);
      Map<String, ConfidenceInterval> ci = new LinkedHashMap<>();
      if (v.length > 0) {
        ci.put("meteor", Bootstrap.mean(v, level, resamples, seed));
      }
      return new TaskMetrics(Task.CAPTION, convention, samples, missing, failed, values, ci);
    }
  }
}

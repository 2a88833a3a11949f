package dev.perbench.harness.score;

import dev.perbench.data.model.Sample;
import dev.perbench.data.model.Target;
import dev.perbench.data.model.Task;
import dev.perbench.harness.model.Prediction;
import dev.perbench.metrics.choice.AnswerExtractor;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

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
  // samples whose prediction carried a warning, by the warning's code, in code order
  private final Map<String, Long> warned = new TreeMap<>();
  private Consumer<SampleScore> perSample = s -> {};

  public Evaluator(EvalProfile profile, CaptionMetric captionMetric) {
    this.profile = profile;
    this.captionMetric = captionMetric;
  }

  /** Hands each sample's score to {@code listener} as it is scored (the sample browser's rows). */
  public Evaluator onSample(Consumer<SampleScore> listener) {
    this.perSample = listener;
    return this;
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
    if (!absent && prediction.warnings() != null) {
      prediction.warnings().stream()
          .map(Prediction::warningCode)
          .distinct()
          .forEach(code -> warned.merge(code, 1L, Long::sum));
    }
    Prediction usable = absent || error ? null : prediction;
    String status = absent ? SampleScore.MISSING : error ? SampleScore.FAILED : SampleScore.OK;
    perSample.accept(
        switch (sample.task()) {
          case RES ->
              seg(Task.RES, profile.res())
                  .addRes(sample, usable, absent, error, profile.resFirstMaskOnly(), status);
          case VRES ->
              seg(Task.VRES, profile.vres())
                  .addVres(sample, usable, absent, error, profile.vresFirstTargetOnly(), status);
          case MCQ -> choice().add(sample, usable, absent, error, status);
          case CAPTION -> caption().add(sample, usable, absent, error, status);
        });
  }

  /** The metrics so far, with percentile-bootstrap intervals. */
  public Evaluation result(String benchmark, BootstrapSettings ci) {
    CaptionTaskResult caption =
        states.get(Task.CAPTION) instanceof CaptionState c ? c.result(ci) : null;
    ChoiceTaskResult mcq = states.get(Task.MCQ) instanceof ChoiceState c ? c.result(ci) : null;
    SegmentationTaskResult vres = states.get(Task.VRES) instanceof SegState v ? v.result(ci) : null;
    SegmentationTaskResult res = states.get(Task.RES) instanceof SegState r ? r.result(ci) : null;
    Double overall = null;
    if (caption != null && mcq != null && vres != null) {
      overall =
          PerBenchScore.overall(
              100 * caption.meteor(), mcq.accuracy(), 100 * vres.ciou(), 100 * vres.giou());
    }
    return new Evaluation(
        Evaluation.METRICS_VERSION,
        benchmark,
        profile.id(),
        samples,
        missing,
        failed,
        warned.isEmpty() ? null : new TreeMap<>(warned),
        new TaskResults(caption, mcq, vres, res),
        overall,
        null,
        ci);
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

    SampleScore addRes(
        Sample s, Prediction p, boolean absent, boolean error, boolean firstMask, String status) {
      count(absent, error);
      Target.Masks target = (Target.Masks) s.target();
      Mask gt = target.masks().get(0);
      Mask pred = null;
      if (p != null) {
        boolean none = p.masks() == null || p.masks().isEmpty();
        if (none || (!firstMask && Boolean.TRUE.equals(p.noTarget()))) {
          pred = Mask.empty(gt.height(), gt.width());
        } else if (firstMask) {
          pred = checked(p.masks().subList(0, 1), gt, s).get(0);
        } else {
          pred = Mask.merge(checked(p.masks(), gt, s), false);
        }
      }
      SampleResult r = acc.add(gt, pred);
      record(r);
      return new SampleScore(
          s.id(), s.task(), status, r.iou(), 1, r.iou(), r.intersection(), r.union(), null);
    }

    SampleScore addVres(
        Sample s, Prediction p, boolean absent, boolean error, boolean firstOnly, String status) {
      count(absent, error);
      List<Mask> targets = ((Target.Masks) s.target()).masks();
      List<Mask> preds =
          p == null || p.masks() == null ? List.of() : checked(p.masks(), targets.get(0), s);
      double iouSum = 0;
      double intersectionSum = 0;
      double unionSum = 0;
      for (int i = 0; i < targets.size(); i++) {
        boolean compared = i < preds.size() && (!firstOnly || i == 0);
        SampleResult r = acc.add(targets.get(i), compared ? preds.get(i) : null);
        record(r);
        iouSum += r.iou();
        intersectionSum += r.intersection();
        unionSum += r.union();
      }
      int n = targets.size();
      return new SampleScore(
          s.id(),
          s.task(),
          status,
          n == 0 ? 0 : iouSum / n,
          n,
          iouSum,
          intersectionSum,
          unionSum,
          null);
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

    SegmentationTaskResult result(BootstrapSettings ci) {
      SegmentationResult r = acc.result();
      Map<Double, Double> p = r.precision();
      SegmentationTaskResult.Ci intervals = new SegmentationTaskResult.Ci(null, null);
      if (r.n() > 0) {
        intervals =
            new SegmentationTaskResult.Ci(
                Interval.of(
                    Bootstrap.ratioOfSums(
                        intersection.toArray(),
                        union.toArray(),
                        ci.level(),
                        ci.resamples(),
                        ci.seed())),
                Interval.of(Bootstrap.mean(iou.toArray(), ci.level(), ci.resamples(), ci.seed())));
      }
      return new SegmentationTaskResult(
          r.profile().id(),
          samples,
          missing,
          failed,
          r.ciou(),
          r.giou(),
          p.get(0.5),
          p.get(0.6),
          p.get(0.7),
          p.get(0.8),
          p.get(0.9),
          r.nAcc(),
          r.tAcc(),
          r.n(),
          intervals);
    }
  }

  private static final class ChoiceState extends Counts {
    private final ChoiceAccuracy acc;
    private final DoubleList correct = new DoubleList();

    ChoiceState(ChoiceAccuracy acc) {
      this.acc = acc;
    }

    SampleScore add(Sample s, Prediction p, boolean absent, boolean error, String status) {
      count(absent, error);
      Target.Choice c = (Target.Choice) s.target();
      Verdict v;
      if (p == null || p.text() == null) {
        v = Verdict.WRONG;
        acc.add(v);
      } else {
        v = acc.add(p.text(), new ChoiceQuestion(c.options(), c.correctLetter(), c.answer()));
      }
      int hit = v == Verdict.CORRECT ? 1 : 0;
      correct.add(hit);
      return new SampleScore(s.id(), s.task(), status, hit, 1, 0, 0, 0, chosen(p, c));
    }

    /** The letter the answer names, for people to read; null when it names none. */
    private static String chosen(Prediction p, Target.Choice c) {
      if (p == null || p.text() == null || c.options().isEmpty()) {
        return null;
      }
      try {
        return AnswerExtractor.extract(p.text(), c.options()).orElse(null);
      } catch (IllegalArgumentException e) {
        return null; // options keyed other than A-Z: nothing to show
      }
    }

    ChoiceTaskResult result(BootstrapSettings ci) {
      ChoiceResult r = acc.result();
      Interval accuracy =
          r.n() > 0
              ? Interval.of(
                  Bootstrap.mean(correct.toArray(), ci.level(), ci.resamples(), ci.seed()))
              : null;
      return new ChoiceTaskResult(
          r.profile().id(),
          samples,
          missing,
          failed,
          r.accuracy(),
          r.correct(),
          r.unparsed(),
          new ChoiceTaskResult.Ci(accuracy));
    }
  }

  private final class CaptionState extends Counts {
    private final String convention;
    private final DoubleList scores = new DoubleList();

    CaptionState(String convention) {
      this.convention = convention;
    }

    SampleScore add(Sample s, Prediction p, boolean absent, boolean error, String status) {
      count(absent, error);
      List<String> refs = ((Target.Descriptions) s.target()).references();
      double score = p == null || p.text() == null ? 0 : captionMetric.score(p.text(), refs);
      scores.add(score);
      return new SampleScore(s.id(), s.task(), status, score, 1, 0, 0, 0, null);
    }

    CaptionTaskResult result(BootstrapSettings ci) {
      double[] v = scores.toArray();
      double sum = 0;
      for (double x : v) {
        sum += x;
      }
      Interval meteor =
          v.length > 0
              ? Interval.of(Bootstrap.mean(v, ci.level(), ci.resamples(), ci.seed()))
              : null;
      return new CaptionTaskResult(
          convention,
          samples,
          missing,
          failed,
          v.length == 0 ? 0 : sum / v.length,
          new CaptionTaskResult.Ci(meteor));
    }
  }
}

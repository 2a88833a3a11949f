#!/usr/bin/env python3
"""Independent reference vectors for the seg, choice and stats packages.

Standard library only, fully seeded. Run from the repository root:

    python3 metrics/src/test/python/gen_reference.py

It writes three files under metrics/src/test/resources/reference/:

seg_profiles.json
    Random small masks (COCO RLE, uncompressed, column-major, starting with a run of zeros)
    and, per profile, the expected cIoU, gIoU, precision@0.5..0.9, n_acc and t_acc. The
    expected values come from transcriptions of the authors' scoring loops run on pixel lists
    (never from the Java code):
      standard         LISA train_ds.py validate() (per-class intersectionAndUnion, +1 rule)
      pycocotools      maskApi.c rleIou for one pair
      pixel-sail-vres  Sa2VA sa2va_eval/projects/ST/eval/stbench_vres_eval.py STBench.evaluate
      grefcoco         ReLA gres_model/evaluation/refer_evaluation.py ReferEvaluator.evaluate
    The scripts add 1e-5 to each union and 1e-10 to the summed union; the library uses exact
    I/U instead. Each profile therefore carries "expected" (the loops with those epsilons set
    to 0, the library's definition) and, where the epsilons exist, "authors_literal" (the loops
    exactly as written, float64 instead of the scripts' float32 tensors).
    Precision thresholds 0.5..0.9 are this project's addition for every profile (ReLA reports
    only 0.7, 0.8, 0.9); rates with an empty denominator are 0, n_acc/t_acc are null then.

bootstrap.json
    SplitMix64 outputs, and percentile-bootstrap intervals for a mean and for a paired mean
    difference, with numpy's default 'linear' percentile transcribed (including its _lerp).

choice.json
    Multiple-choice outputs with hand-labelled expected letters (checked here against an
    independent Python transcription of the documented extraction rules) and the authors'
    substring verdicts (Sa2VA sa2va_eval/projects/ST/eval/metrics_acc.py: `gt in pred`).
"""

import json
import math
import os
import random
import re

OUT_DIR = os.path.join("metrics", "src", "test", "resources", "reference")
THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9]
PROFILES = ["standard", "pycocotools", "pixel-sail-vres", "grefcoco"]


# ---------------------------------------------------------------------------------------------
# Masks as flat column-major pixel lists
# ---------------------------------------------------------------------------------------------

def encode_counts(pixels):
    """Uncompressed COCO RLE counts: alternating runs, the first one a run of zeros."""
    counts = []
    current = 0
    run = 0
    for p in pixels:
        if p != current:
            counts.append(run)
            run = 0
            current = p
        run += 1
    counts.append(run)
    return counts


def decode_counts(counts):
    pixels = []
    value = 0
    for c in counts:
        pixels.extend([value] * c)
        value = 1 - value
    return pixels


def rect(rng, h, w):
    y0 = rng.randrange(h)
    x0 = rng.randrange(w)
    y1 = rng.randrange(y0, h) + 1
    x1 = rng.randrange(x0, w) + 1
    return [1 if (x0 <= i // h < x1 and y0 <= i % h < y1) else 0 for i in range(h * w)]


def random_mask(rng, h, w):
    kind = rng.random()
    n = h * w
    if kind < 0.08:
        return [0] * n
    if kind < 0.14:
        return [1] * n
    if kind < 0.55:
        return rect(rng, h, w)
    if kind < 0.75:
        a, b = rect(rng, h, w), rect(rng, h, w)
        return [x | y for x, y in zip(a, b)]
    density = rng.random()
    return [1 if rng.random() < density else 0 for _ in range(n)]


def perturb(rng, pixels, rate):
    return [1 - p if rng.random() < rate else p for p in pixels]


def disjoint_from(rng, pixels):
    return [0 if p else (1 if rng.random() < 0.6 else 0) for p in pixels]


def prediction_for(rng, gt, h, w):
    """A prediction related to gt in one of several ways; None means no prediction at all."""
    base = gt if gt is not None else [0] * (h * w)
    kind = rng.random()
    if kind < 0.12:
        return None
    if kind < 0.25:
        return list(base)
    if kind < 0.55:
        return perturb(rng, base, rng.choice([0.05, 0.1, 0.2, 0.4]))
    if kind < 0.65:
        return disjoint_from(rng, base)
    if kind < 0.72:
        return [0] * (h * w)
    return random_mask(rng, h, w)


# ---------------------------------------------------------------------------------------------
# Transcriptions of the authors' scoring loops
# ---------------------------------------------------------------------------------------------

def intersection_and_union(output, target, k=2):
    """LISA / Sa2VA utils intersectionAndUnionGPU: per-class histograms of the label maps."""
    area_intersection = [0] * k
    area_output = [0] * k
    area_target = [0] * k
    for o, t in zip(output, target):
        if o == t:
            area_intersection[o] += 1
        area_output[o] += 1
        area_target[t] += 1
    area_union = [area_output[c] + area_target[c] - area_intersection[c] for c in range(k)]
    return area_intersection, area_union


def lisa_ratio(i, u, eps):
    """`intersect / (union_ + eps)`; with eps = 0 and u = 0 the script would produce nan,
    which the +1 rule then cannot repair; our exact variant treats that 0/0 as 0 before +1."""
    return i / (u + eps) if (u + eps) != 0 else 0.0


def score_lisa(pairs, size, eps_union, eps_sum):
    """LISA validate(): one sample per pair, a missing prediction is an all-zero mask."""
    n_pix = size[0] * size[1]
    sum_i = [0, 0]
    sum_u = [0, 0]
    acc_sum = [0.0, 0.0]
    count = 0
    ious = []
    for gt, pred in pairs:
        target = gt if gt is not None else [0] * n_pix
        output = pred if pred is not None else [0] * n_pix
        inter, union = intersection_and_union(output, target)
        acc = [0.0, 0.0]
        for c in range(2):
            acc[c] += lisa_ratio(inter[c], union[c], eps_union)
            if union[c] == 0:
                acc[c] += 1.0  # "no-object target"
        masks = 1
        acc = [a / masks for a in acc]
        for c in range(2):
            sum_i[c] += inter[c]
            sum_u[c] += union[c]
            acc_sum[c] += acc[c] * masks  # AverageMeter.update(val, n): sum += val * n
        count += masks
        ious.append(acc[1])
    ciou = ratio_or_zero(sum_i[1], sum_u[1] + eps_sum)
    giou = acc_sum[1] / count if count else 0.0
    return ciou, giou, ious, sum_i[1], sum_u[1]


def score_pycocotools(pairs, size):
    """maskApi.c rleIou for one (dt, gt) pair, iscrowd = 0: bbIou first, and only pairs whose
    boxes overlap get i / u. Boxes overlap whenever the masks share a pixel, so this is
    i / u when u > 0 and i > 0, and 0 otherwise (two empty masks score 0)."""
    h = size[0]
    sum_i = sum_u = 0
    ious = []
    for gt, pred in pairs:
        n_pix = size[0] * size[1]
        g = gt if gt is not None else [0] * n_pix
        d = pred if pred is not None else [0] * n_pix
        i = sum(1 for a, b in zip(d, g) if a and b)
        u = sum(1 for a, b in zip(d, g) if a or b)
        if boxes_overlap(bbox(d, h), bbox(g, h)):
            iou = i / u
        else:
            iou = 0.0
        sum_i += i
        sum_u += u
        ious.append(iou)
    giou = accumulate(ious) / len(ious) if ious else 0.0
    return ratio_or_zero(sum_i, sum_u), giou, ious, sum_i, sum_u


def bbox(pixels, h):
    xs = [i // h for i, p in enumerate(pixels) if p]
    ys = [i % h for i, p in enumerate(pixels) if p]
    if not xs:
        return (0, 0, 0, 0)
    return (min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)


def boxes_overlap(a, b):
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w > 0 and h > 0


def score_stbench_vres(records, size, eps_union, eps_sum):
    """STBench.evaluate (stbench_vres_eval.py). records: list of (targets, predictions) where
    predictions[i] is matched with targets[i] and None is a missing prediction (skipped, but
    its target still counts in the gIoU denominator)."""
    n_pix = size[0] * size[1]
    sum_i = [0, 0]
    sum_u = [0, 0]
    giou_sum = [0.0, 0.0]
    giou_count = 0
    ious = []
    for targets, predictions in records:
        intersection = [0, 0]
        union = [0, 0]
        accuracy_iou = [0.0, 0.0]
        record_ious = [0.0] * len(targets)
        for i_item, mask in enumerate(predictions):
            if mask is None:
                continue
            target = targets[i_item] if targets[i_item] is not None else [0] * n_pix
            inter, uni = intersection_and_union(mask, target)
            for c in range(2):
                intersection[c] += inter[c]
                union[c] += uni[c]
                term = lisa_ratio(inter[c], uni[c], eps_union)
                if uni[c] == 0:
                    term += 1.0
                accuracy_iou[c] += term
                if c == 1:
                    record_ious[i_item] = term
        n_targets = len(targets)
        accuracy_iou = [a / n_targets for a in accuracy_iou]
        for c in range(2):
            sum_i[c] += intersection[c]
            sum_u[c] += union[c]
            giou_sum[c] += accuracy_iou[c] * n_targets
        giou_count += n_targets
        ious.extend(record_ious)
    ciou = ratio_or_zero(sum_i[1], sum_u[1] + eps_sum)
    giou = giou_sum[1] / giou_count if giou_count else 0.0
    return ciou, giou, ious, sum_i[1], sum_u[1]


def score_rela(pairs, size):
    """ReferEvaluator.evaluate after commit 884ef17 ("fix eval metrics"). A prediction is
    'no target' (pred_nt) when it is missing or empty; a ground truth is 'no target' when it
    is null or empty."""
    n_pix = size[0] * size[1]
    accum_i = accum_u = 0
    accum_iou = 0.0
    pr_count = {t: 0 for t in THRESHOLDS}
    total = not_empty = empty = 0
    nt = {"TP": 0, "TN": 0, "FP": 0, "FN": 0}
    ious = []
    in_precision = []
    for gt, pred in pairs:
        gt_mask = gt if gt is not None else [0] * n_pix
        pred_mask = pred if pred is not None else [0] * n_pix
        gt_nt = sum(gt_mask) == 0
        pred_nt = sum(pred_mask) == 0
        i = sum(1 for a, b in zip(pred_mask, gt_mask) if a and b)
        u = sum(1 for a, b in zip(pred_mask, gt_mask) if a or b)
        if gt_nt:
            empty += 1
            if pred_nt:
                nt["TP"] += 1
                accum_iou += 1
                this_iou = 1.0
            else:
                nt["FN"] += 1
                accum_iou += 0
                accum_u += u
                this_iou = 0.0
            in_precision.append(False)
        else:
            if pred_nt:
                nt["FP"] += 1
                i = 0
            else:
                nt["TN"] += 1
            this_iou = 0.0 if u == 0 else float(i) / float(u)
            accum_iou += this_iou
            accum_i += i
            accum_u += u
            not_empty += 1
            for t in THRESHOLDS:
                if this_iou >= t:
                    pr_count[t] += 1
            in_precision.append(True)
        total += 1
        ious.append(this_iou)
    result = {
        "ciou": ratio_or_zero(accum_i, accum_u),  # ReLA: ZeroDivisionError when accum_u == 0
        "giou": accum_iou / total if total else 0.0,
        "precision": {str(t): (pr_count[t] / not_empty if not_empty else 0.0) for t in THRESHOLDS},
        "n_acc": nt["TP"] / (nt["TP"] + nt["FN"]) if nt["TP"] + nt["FN"] else None,
        "t_acc": nt["TN"] / (nt["TN"] + nt["FP"]) if nt["TN"] + nt["FP"] else None,
        "sum_intersection": accum_i,
        "sum_union": accum_u,
        "precision_samples": not_empty,
    }
    return result, ious, in_precision


def ratio_or_zero(a, b):
    return a / b if b != 0 else 0.0


def accumulate(values):
    """Left-to-right float sum (Python >= 3.12 sum() compensates, which the Java side doesn't)."""
    total = 0.0
    for v in values:
        total += v
    return total


def precision(ious):
    return {str(t): (sum(1 for x in ious if x >= t) / len(ious) if ious else 0.0)
            for t in THRESHOLDS}


def group_records(rng, pairs):
    """Split a case's pairs into V-T RES records of 1..3 targets; the grouping must not matter."""
    records = []
    k = 0
    while k < len(pairs):
        m = rng.randint(1, 3)
        chunk = pairs[k:k + m]
        records.append(([g for g, _ in chunk], [p for _, p in chunk]))
        k += m
    return records


def expected_for_case(rng, pairs, size):
    out = {}
    n = len(pairs)
    missing = sum(1 for _, p in pairs if p is None)
    no_target = sum(1 for g, _ in pairs if g is None or sum(g) == 0)
    common = {"n": n, "missing_predictions": missing, "no_target_samples": no_target}

    exact = score_lisa(pairs, size, 0.0, 0.0)
    literal = score_lisa(pairs, size, 1e-5, 1e-10)
    out["standard"] = dict(common, **summary(exact), authors_literal={
        "ciou": literal[0], "giou": literal[1]})

    coco = score_pycocotools(pairs, size)
    out["pycocotools"] = dict(common, **summary(coco))

    records = group_records(rng, pairs)
    exact = score_stbench_vres(records, size, 0.0, 0.0)
    literal = score_stbench_vres(records, size, 1e-5, 1e-10)
    out["pixel-sail-vres"] = dict(common, **summary(exact), authors_literal={
        "ciou": literal[0], "giou": literal[1]})

    rela, _, _ = score_rela(pairs, size)
    out["grefcoco"] = dict(common, **rela)
    return out


def summary(scored):
    ciou, giou, ious, sum_i, sum_u = scored
    return {"ciou": ciou, "giou": giou, "precision": precision(ious), "n_acc": None,
            "t_acc": None, "sum_intersection": sum_i, "sum_union": sum_u,
            "precision_samples": len(ious)}


def rle(pixels, size):
    return None if pixels is None else {"size": list(size), "counts": encode_counts(pixels)}


def seg_cases():
    rng = random.Random(20250415)
    cases = []

    def add(name, size, pairs):
        for g, p in pairs:
            for m in (g, p):
                assert m is None or len(m) == size[0] * size[1]
                assert m is None or decode_counts(encode_counts(m)) == m
        cases.append({
            "name": name,
            "pairs": [{"gt": rle(g, size), "pred": rle(p, size)} for g, p in pairs],
            "expected": expected_for_case(rng, pairs, size),
        })

    def z(size):
        return [0] * (size[0] * size[1])

    def f(size):
        return [1] * (size[0] * size[1])

    # Hand-picked edge cases.
    s = (4, 5)
    add("no samples", s, [])
    add("empty vs empty", s, [(z(s), z(s))])
    add("no target, no prediction", s, [(None, None)])
    add("empty gt, missing prediction", s, [(z(s), None)])
    add("all unions empty", s, [(z(s), z(s)), (None, None), (None, z(s)), (z(s), None)])
    add("identical full masks", s, [(f(s), f(s))])
    add("full vs empty", s, [(f(s), z(s))])
    add("missing prediction on a target", s, [(rect(rng, *s), None)])
    add("only missing predictions", s, [(rect(rng, *s), None), (f(s), None)])
    add("mask predicted on no target", s, [(None, rect(rng, *s)), (z(s), f(s))])
    add("1x1 hit", (1, 1), [([1], [1])])
    add("1x1 miss and empties", (1, 1), [([1], [0]), ([0], [1]), ([0], [0]), ([1], None)])
    g = rect(rng, 10, 10)
    add("identical and disjoint", (10, 10), [(g, list(g)), (g, disjoint_from(rng, g))])
    # IoU exactly at thresholds: 10 pixels of gt, prediction covering k of them.
    at = []
    for k in (5, 6, 7, 8, 9):
        gt = [1] * 10 + [0] * 10
        at.append((gt, [1] * k + [0] * (20 - k)))
    add("iou exactly on each threshold", (4, 5), at)
    add("just below thresholds", (10, 10),
        [([1] * 100, [1] * 49 + [0] * 51), ([1] * 100, [1] * 69 + [0] * 31)])
    add("grefcoco: every outcome once", (5, 5),
        [(None, None), (z((5, 5)), rect(rng, 5, 5)), (rect(rng, 5, 5), None),
         (f((5, 5)), rect(rng, 5, 5))])

    # Random cases.
    while len(cases) < 64:
        h = rng.randint(1, 20)
        w = rng.randint(1, 20)
        size = (h, w)
        pairs = []
        for _ in range(rng.randint(1, 10)):
            gt = None if rng.random() < 0.15 else random_mask(rng, h, w)
            pairs.append((gt, prediction_for(rng, gt, h, w)))
        add("random %d (%dx%d, %d pairs)" % (len(cases), h, w, len(pairs)), size, pairs)
    return cases


# ---------------------------------------------------------------------------------------------
# SplitMix64, numpy's 'linear' percentile, the bootstrap
# ---------------------------------------------------------------------------------------------

MASK64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def next_double(self):
        return (self.next() >> 11) * 2.0 ** -53

    def next_index(self, n):
        return int(math.floor(self.next_double() * n))


def percentile_linear(sorted_values, q):
    """numpy.quantile(..., method='linear') for one q in [0, 1], including numpy's _lerp."""
    n = len(sorted_values)
    virtual = (n - 1) * q
    previous = int(math.floor(virtual))
    nxt = min(previous + 1, n - 1)
    previous = min(max(previous, 0), n - 1)
    gamma = virtual - math.floor(virtual)
    a = sorted_values[previous]
    b = sorted_values[nxt]
    diff = b - a
    if gamma >= 0.5:
        return b - diff * (1 - gamma)
    return a + diff * gamma


def mean(values):
    return accumulate(values) / len(values)


def bootstrap_mean(values, level, resamples, seed):
    rng = SplitMix64(seed)
    n = len(values)
    means = []
    for _ in range(resamples):
        total = 0.0
        for _ in range(n):
            total += values[rng.next_index(n)]
        means.append(total / n)
    means.sort()
    alpha = 1 - level
    return {"estimate": mean(values), "lower": percentile_linear(means, alpha / 2),
            "upper": percentile_linear(means, 1 - alpha / 2)}


def bootstrap_cases():
    rng = random.Random(7)
    seeds = [0, 1, 42, 2025, -1, 0x7FFFFFFFFFFFFFFF]
    raw = []
    for seed in seeds:
        g = SplitMix64(seed)
        outs = [g.next() for _ in range(5)]
        g = SplitMix64(seed)
        doubles = [g.next_double() for _ in range(3)]
        raw.append({"seed": seed, "next_unsigned": [str(o) for o in outs], "next_double": doubles})
    index_checks = []
    for seed, n in [(3, 1), (3, 7), (99, 1000), (12345, 2 ** 31 - 1)]:
        g = SplitMix64(seed)
        index_checks.append({"seed": seed, "n": n, "indices": [g.next_index(n) for _ in range(8)]})

    vectors = {
        "binary": [1.0 if rng.random() < 0.7 else 0.0 for _ in range(40)],
        "uniform": [rng.random() for _ in range(25)],
        "single": [0.25],
        "ties": [0.5] * 6 + [0.0, 1.0],
        "iou_like": [min(1.0, max(0.0, rng.gauss(0.6, 0.3))) for _ in range(60)],
    }
    means = []
    for name, values in vectors.items():
        for level, resamples, seed in [(0.95, 1000, 11), (0.9, 257, 2025), (0.5, 50, -7)]:
            means.append(dict(name=name, values=values, level=level, resamples=resamples,
                              seed=seed, **bootstrap_mean(values, level, resamples, seed)))
    paired = []
    for k, (n, level, resamples, seed) in enumerate(
            [(30, 0.95, 1000, 5), (12, 0.8, 400, 77), (1, 0.95, 10, 3), (50, 0.99, 2000, 123)]):
        a = [rng.random() for _ in range(n)]
        b = [min(1.0, x + rng.gauss(0.05, 0.1)) for x in a]
        diffs = [x - y for x, y in zip(a, b)]
        paired.append(dict(name="paired %d" % k, a=a, b=b, level=level, resamples=resamples,
                           seed=seed, **bootstrap_mean(diffs, level, resamples, seed)))
    percentiles = []
    for values in ([3.0], [1.0, 2.0], [5.0, 1.0, 4.0, 2.0, 3.0], vectors["uniform"]):
        s = sorted(values)
        percentiles.append({"values": values, "q": [0.0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.975, 1.0],
                            "expected": [percentile_linear(s, q)
                                         for q in [0.0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.975, 1.0]]})
    return {"splitmix64": raw, "indices": index_checks, "percentiles": percentiles,
            "mean": means, "paired_difference": paired}


# ---------------------------------------------------------------------------------------------
# Multiple choice
# ---------------------------------------------------------------------------------------------

OPTS = {"A": "red car", "B": "blue bicycle", "C": "a dog", "D": "the tree"}
OPTS_NESTED = {"A": "red", "B": "dark red", "C": "blue"}
OPTS_YES_NO = {"A": "yes", "B": "no"}

# (output, options, expected letter or "UNPARSED"): the documented rules, labelled by hand.
CHOICE_CASES = [
    ("B", OPTS, "B"),
    ("  C  ", OPTS, "C"),
    ("(B)", OPTS, "B"),
    ("B.", OPTS, "B"),
    ("B)", OPTS, "B"),
    ("[D]", OPTS, "D"),
    ("Answer: B", OPTS, "B"),
    ("answer: (D)", OPTS, "D"),
    ("The answer is C.", OPTS, "C"),
    ("The correct answer is (A) red car.", OPTS, "A"),
    ("B. blue bicycle", OPTS, "B"),
    ("(C) a dog", OPTS, "C"),
    ("D) the tree, because it is tall", OPTS, "D"),
    ("blue bicycle", OPTS, "B"),
    ("Blue Bicycle.", OPTS, "B"),
    ("It is the red car parked on the left.", OPTS, "A"),
    ("I think it is a dog", OPTS, "C"),
    ("Either the red car or the tree.", OPTS, "UNPARSED"),
    ("The answer is B or C", OPTS, "UNPARSED"),
    ("(A) or (B)", OPTS, "UNPARSED"),
    ("E", OPTS, "UNPARSED"),
    ("Answer: E", OPTS, "UNPARSED"),
    ("", OPTS, "UNPARSED"),
    ("   ", OPTS, "UNPARSED"),
    ("I cannot tell from the image.", OPTS, "UNPARSED"),
    ("b", OPTS, "UNPARSED"),
    ("A red object is visible.", OPTS, "UNPARSED"),
    ("A car.", OPTS, "UNPARSED"),
    ("It is dark red.", OPTS_NESTED, "B"),
    ("red", OPTS_NESTED, "A"),
    ("The object is red, not blue.", OPTS_NESTED, "UNPARSED"),
    ("Dark red", OPTS_NESTED, "B"),
    ("Yes", OPTS_YES_NO, "A"),
    ("No.", OPTS_YES_NO, "B"),
    ("Yes and no", OPTS_YES_NO, "UNPARSED"),
    ("nothing here", OPTS_YES_NO, "UNPARSED"),
    ("The answer is B. Option A is wrong.", OPTS, "B"),
    ("B. The red car is wrong.", OPTS, "B"),
    ("redcar", OPTS, "UNPARSED"),
    ("Answer - C", OPTS, "C"),
]


def normalize(text):
    text = " ".join(text.lower().split())
    return text.rstrip(".!?;:, ")


WHOLE_LETTER = re.compile(r"^\s*(?:\(([A-Z])\)|\[([A-Z])\]|([A-Z])[.):]?)\s*$")
LEADING_LETTER = re.compile(r"^\s*(?:\(([A-Z])\)|\[([A-Z])\]|([A-Z])[.):])(?:\s|$)")
ANSWER_LETTER = re.compile(
    r"(?i:\banswer)\s*(?:(?i:is)|:|-)?\s*:?\s*(?:\(([A-Z])\)|\[([A-Z])\]|([A-Z]))(?=$|[\s.,;:!)\]])")
ANSWER_MORE = re.compile(
    r"\s*(?:,|/|\bor\b|\band\b)\s*(?:\(([A-Z])\)|\[([A-Z])\]|([A-Z]))(?=$|[\s.,;:!)\]])")
PAREN_LETTER = re.compile(r"\(([A-Z])\)")


def first_group(m):
    return next(g for g in m.groups() if g is not None)


def extract(output, options):
    """Independent transcription of the documented rules (AnswerExtractor's Javadoc)."""
    if output is None:
        return "UNPARSED"
    m = WHOLE_LETTER.match(output)
    if m:
        letter = first_group(m)
        return letter if letter in options else "UNPARSED"
    norm = normalize(output)
    whole = [k for k, v in options.items() if normalize(v) == norm]
    if len(whole) == 1:
        return whole[0]
    letters = set()
    m = LEADING_LETTER.match(output)
    if m:
        letters.add(first_group(m))
    for m in ANSWER_LETTER.finditer(output):
        letters.add(first_group(m))
        more = ANSWER_MORE.match(output, m.end())
        while more:  # "the answer is B or C" names two letters
            letters.add(first_group(more))
            more = ANSWER_MORE.match(output, more.end())
    for m in PAREN_LETTER.finditer(output):
        letters.add(m.group(1))
    letters = {x for x in letters if x in options}
    if len(letters) == 1:
        return letters.pop()
    if len(letters) > 1:
        return "UNPARSED"
    spans = {}
    for k, v in options.items():
        needle = normalize(v)
        if not needle:
            continue
        found = []
        for mm in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", norm):
            found.append((mm.start(), mm.end()))
        if found:
            spans[k] = found
    alive = []
    for k, occ in spans.items():
        inside_longer = all(
            any(j != k and s2 <= s and e <= e2 and (e2 - s2) > (e - s)
                for j, occ2 in spans.items() for s2, e2 in occ2)
            for s, e in occ)
        if not inside_longer:
            alive.append(k)
    return alive[0] if len(alive) == 1 else "UNPARSED"


SUBSTRING_CASES = [
    ("The answer is (B) blue bicycle.", "(B) blue bicycle"),
    ("The answer is (b) blue bicycle.", "(B) blue bicycle"),
    ("B", "B"),
    ("Because of B, the answer is A", "B"),
    ("blue bicycle", "(B) blue bicycle"),
    ("", "A"),
    ("anything at all", ""),
    ("A", "A. red car"),
    ("A. red car", "A. red car"),
    ("ä", "a"),
]


def choice_cases():
    extraction = []
    for output, options, expected in CHOICE_CASES:
        got = extract(output, options)
        assert got == expected, (output, got, expected)
        extraction.append({"output": output, "options": options, "expected": expected})
    substring = [{"output": o, "answer": a, "hit": a in o} for o, a in SUBSTRING_CASES]
    return {"extraction": extraction, "pixel_sail_substring": substring}


def write(name, obj):
    """Top-level keys one per line, each list element on its own compact line (diffable)."""
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name)
    lines = []
    for key, value in obj.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n  ".join(json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(" %s: [\n  %s\n ]" % (json.dumps(key), items))
        else:
            lines.append(" %s: %s" % (json.dumps(key), json.dumps(value, ensure_ascii=False)))
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")
    json.load(open(path, encoding="utf-8"))  # still valid JSON
    print("wrote", path)


def main():
    write("seg_profiles.json", {
        "generator": "metrics/src/test/python/gen_reference.py",
        "thresholds": THRESHOLDS,
        "profiles": PROFILES,
        "cases": seg_cases(),
    })
    write("bootstrap.json", dict(generator="metrics/src/test/python/gen_reference.py",
                                 **bootstrap_cases()))
    write("choice.json", dict(generator="metrics/src/test/python/gen_reference.py",
                              **choice_cases()))


if __name__ == "__main__":
    main()

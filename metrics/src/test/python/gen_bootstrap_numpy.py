#!/usr/bin/env python3
"""Reference vectors for Bootstrap.ratioOfSums (cIoU), Bootstrap.mean and
Bootstrap.pairedRatioDifference, computed with numpy.

Needs numpy (1.22 or later, for quantile(method=...)); the committed file was written by
Debian 12's python3-numpy 1.24.2 under its CPython 3.11.2. Run from the repository root:

    apt-get install -y --no-install-recommends python3-numpy
    /usr/bin/python3 metrics/src/test/python/gen_bootstrap_numpy.py

It writes metrics/src/test/resources/reference/bootstrap_numpy.json. The output is
deterministic: the inputs of ratio_of_sums and mean come from numpy.random.default_rng(SEED),
those of paired_ratio_difference from a separate numpy.random.default_rng(SEED + 1) (so that
adding paired cases cannot shift the older ones), floats are written with Python's repr (they
round-trip exactly), one case per line.

Independence. Nothing here comes from the Java code, and nothing is shared with
gen_reference.py (which transcribes numpy's percentile in plain Python and draws one index at a
time): the only parts re-implemented are the ones the Java API fixes and numpy cannot know,

  the index stream   SplitMix64 (Steele, Lea and Flood): the i-th output (i = 1, 2, ...) of a
                     generator seeded with s mixes the state s + i * 0x9E3779B97F4A7C15 (mod 2^64)
                     with Stafford's Mix13, z ^= z >> 30; z *= 0xBF58476D1CE4E5B9;
                     z ^= z >> 27; z *= 0x94D049BB133111EB; z ^= z >> 31. Here it is computed
                     for all draws at once from that closed form, in uint64 arithmetic (which
                     wraps mod 2^64), instead of stepping a state. A draw becomes a double
                     u = (z >> 11) * 2^-53 in [0, 1), and an index floor(u * n).
  the draw order     resample r (0-based) takes draws r*n .. r*n + n - 1, in that order.
  the percentile     numpy.quantile(stats, q, method="linear") (numpy's default) at
                     q = alpha / 2 and q = 1 - alpha / 2, alpha = 1 - level, in float64.

and everything else is numpy's: the resampled sums (numpy's pairwise summation, which adds in
another order than Java's left-to-right loop: exact for the integer pixel counts of cIoU, within
a few ulps for the fractional cases), the ratios, the sort, the quantiles. Each case carries
the tolerance the Java test allows: 0 (bit for bit) where every input is a whole number, so
that every sum is exact in any order, and 1e-12 otherwise.

ratio_of_sums
    {name, numerators, denominators, level, resamples, seed, estimate, lower, upper, tolerance}:
    statistic sum(num[idx]) / sum(den[idx]) per resample, 0 where the resampled denominators
    sum to 0 (cIoU's convention); estimate sum(num) / sum(den), 0 when sum(den) is 0.
mean
    {name, values, level, resamples, seed, estimate, lower, upper, tolerance}: statistic
    mean(values[idx]).
paired_ratio_difference
    {name, num_a, den_a, num_b, den_b, level, resamples, seed, estimate, lower, upper, p_value,
    tolerance}: two runs on the same samples, resampled in pairs (one index matrix for all four
    arrays); statistic d = ratio_a - ratio_b per resample, each ratio as in ratio_of_sums (0 where
    the resampled denominators sum to 0); estimate the same on the full sample; p_value
    min(1, 2 * min(count(d <= 0), count(d >= 0)) / resamples). The p-value is a count, so a d
    within a few ulps of 0 could be counted on the other side by Java's left-to-right sums: every
    case with fractional inputs is checked here to have each d either exactly 0 or at least
    1e-9 away from it (whole-number cases are exact, so any d is safe). Accuracy-like and
    METEOR-like cases (a mean of per-sample values) have all denominators 1.
"""

import json
import os
import platform
import sys

import numpy as np

SEED = 20261127
OUT = os.path.join("metrics", "src", "test", "resources", "reference", "bootstrap_numpy.json")
GAMMA = np.uint64(0x9E3779B97F4A7C15)
MASK64 = (1 << 64) - 1


def splitmix64(seed, count):
    """The first `count` outputs of SplitMix64(seed), as uint64, from the closed form."""
    state0 = np.uint64(seed & MASK64)
    i = np.arange(1, count + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = state0 + i * GAMMA
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def indices(seed, resamples, n):
    """A resamples x n matrix of indices in [0, n): row r holds draws r*n .. r*n + n - 1."""
    u = (splitmix64(seed, resamples * n) >> np.uint64(11)).astype(np.float64) * 2.0**-53
    return np.floor(u * n).astype(np.int64).reshape(resamples, n)


def tolerance(*arrays):
    """0 where all inputs are whole numbers (every sum exact in any order), else 1e-12."""
    return 0.0 if all(np.all(a == np.floor(a)) for a in arrays) else 1e-12


def bounds(stats, level):
    alpha = 1 - level
    lower, upper = np.quantile(np.sort(stats), [alpha / 2, 1 - alpha / 2], method="linear")
    return float(lower), float(upper)


def ratio_case(name, num, den, level, resamples, seed):
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    idx = indices(seed, resamples, len(num))
    a = num[idx].sum(axis=1)
    b = den[idx].sum(axis=1)
    ratios = np.divide(a, b, out=np.zeros_like(a), where=b != 0)
    lower, upper = bounds(ratios, level)
    total_den = float(den.sum())
    return {"name": name, "numerators": num.tolist(), "denominators": den.tolist(),
            "level": level, "resamples": resamples, "seed": seed,
            "estimate": float(num.sum()) / total_den if total_den != 0 else 0.0,
            "lower": lower, "upper": upper, "tolerance": tolerance(num, den)}


def mean_case(name, values, level, resamples, seed):
    values = np.asarray(values, dtype=np.float64)
    means = values[indices(seed, resamples, len(values))].mean(axis=1)
    lower, upper = bounds(means, level)
    return {"name": name, "values": values.tolist(), "level": level, "resamples": resamples,
            "seed": seed, "estimate": float(values.mean()), "lower": lower, "upper": upper,
            "tolerance": tolerance(values)}


def ratios(num, den):
    """Row sums of num over row sums of den, 0 where the denominator sums to 0."""
    a = num.sum(axis=-1)
    b = den.sum(axis=-1)
    return np.divide(a, b, out=np.zeros_like(a), where=b != 0)


def paired_case(name, num_a, den_a, num_b, den_b, level, resamples, seed):
    num_a, den_a, num_b, den_b = (np.asarray(x, dtype=np.float64)
                                  for x in (num_a, den_a, num_b, den_b))
    assert len(num_a) == len(den_a) == len(num_b) == len(den_b), name
    idx = indices(seed, resamples, len(num_a))
    d = ratios(num_a[idx], den_a[idx]) - ratios(num_b[idx], den_b[idx])
    lower, upper = bounds(d, level)
    tol = tolerance(num_a, den_a, num_b, den_b)
    if tol != 0:
        assert np.all((d == 0) | (np.abs(d) >= 1e-9)), name + ": a difference is too near 0"
    far = min(np.count_nonzero(d <= 0), np.count_nonzero(d >= 0))
    return {"name": name, "num_a": num_a.tolist(), "den_a": den_a.tolist(),
            "num_b": num_b.tolist(), "den_b": den_b.tolist(), "level": level,
            "resamples": resamples, "seed": seed,
            "estimate": float(ratios(num_a, den_a) - ratios(num_b, den_b)),
            "lower": lower, "upper": upper, "p_value": min(1.0, 2 * int(far) / resamples),
            "tolerance": tol}


def perturbed(rng, inter, union, share, spread):
    """Another run on the same mask samples: a `share` of the intersections moved by up to
    `spread` of themselves (a changed prediction), the union moved by the opposite amount."""
    inter = np.asarray(inter, dtype=np.int64)
    union = np.asarray(union, dtype=np.int64)
    change = rng.uniform(0, 1, len(inter)) < share
    delta = np.floor(inter * rng.uniform(-spread, spread, len(inter))).astype(np.int64)
    delta[~change] = 0
    inter_b = np.clip(inter + delta, 0, union)
    union_b = np.maximum(union - (inter_b - inter), inter_b)
    return inter_b.tolist(), union_b.tolist()


def paired_cases():
    rng = np.random.default_rng(SEED + 1)
    paired = []
    paired.append(paired_case("hand-written 8 samples",
                              [3, 0, 5, 2, 8, 1, 0, 4], [4, 2, 9, 2, 10, 3, 1, 4],
                              [2, 1, 5, 1, 7, 1, 0, 3], [5, 2, 9, 3, 11, 3, 1, 5],
                              0.9, 500, 42))
    for n, share, spread, level, resamples, seed in [(50, 0.5, 0.3, 0.95, 1000, 11),
                                                     (200, 0.3, 0.2, 0.9, 2000, -5),
                                                     (1000, 0.2, 0.1, 0.95, 500, 2**63 - 1)]:
        i, u = masks_like(rng, n)
        ib, ub = perturbed(rng, i, u, share, spread)
        paired.append(paired_case("masks n=%d, B perturbs A" % n, i, u, ib, ub,
                                  level, resamples, seed))
    for n, flip, level, resamples, seed in [(40, 0.2, 0.95, 1000, 7), (300, 0.1, 0.95, 2000, 99)]:
        a = (rng.uniform(0, 1, n) < 0.7).astype(np.float64)
        b = np.where(rng.uniform(0, 1, n) < flip, 1 - a, a)
        paired.append(paired_case("accuracy 0/1 n=%d" % n, a.tolist(), np.ones(n).tolist(),
                                  b.tolist(), np.ones(n).tolist(), level, resamples, seed))
    a = np.clip(rng.normal(0.45, 0.2, 60), 0, 1)
    b = np.clip(a + rng.normal(0.02, 0.05, 60), 0, 1)
    paired.append(paired_case("meteor-like n=60", a.tolist(), np.ones(60).tolist(),
                              b.tolist(), np.ones(60).tolist(), 0.95, 1000, 2026))
    i, u = masks_like(rng, 50)
    paired.append(paired_case("identical runs", i, u, i, u, 0.95, 1000, 3))
    # One sample in three is 0/0 in both runs, and the second run misses sample 1 entirely:
    # many resamples have a zero denominator sum in one run or both.
    paired.append(paired_case("zero denominators", [0, 4, 6], [0, 5, 8], [0, 0, 6], [0, 0, 9],
                              0.8, 400, 77))
    i, u = masks_like(rng, 100)
    ib = (np.asarray(i) // 2).tolist()  # B finds half the overlap A finds on every sample
    ub = (np.asarray(u) + np.asarray(i) - np.asarray(ib)).tolist()
    paired.append(paired_case("A clearly beats B", i, u, ib, ub, 0.95, 1000, 13))
    return paired


def masks_like(rng, n, empty_share=0.0):
    """Per-sample intersection and union pixel counts of plausible mask pairs."""
    gt = rng.integers(1, 5000, n)
    pred = rng.integers(0, 6000, n)
    inter = np.minimum(gt, pred) * rng.uniform(0, 1, n)
    inter = np.floor(inter).astype(np.int64)
    union = gt + pred - inter
    empty = rng.uniform(0, 1, n) < empty_share  # no target, no prediction: 0 / 0
    inter[empty] = 0
    union[empty] = 0
    return inter.tolist(), union.tolist()


def check_closed_form():
    """The closed form against stepping the state, and SplitMix64(0)'s published first output."""
    assert int(splitmix64(0, 1)[0]) == 0xE220A8397B1DCDAF
    for seed in (0, 42, -1, 2**63 - 1, -(2**63)):
        state, stepped = seed & MASK64, []
        for _ in range(50):
            state = (state + 0x9E3779B97F4A7C15) & MASK64
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
            stepped.append(z ^ (z >> 31))
        assert [int(x) for x in splitmix64(seed, 50)] == stepped, seed


def main():
    check_closed_form()
    rng = np.random.default_rng(SEED)
    ratio = []
    ratio.append(ratio_case("hand-written 8 samples", [3, 0, 5, 2, 8, 1, 0, 4],
                            [4, 2, 9, 2, 10, 3, 1, 4], 0.9, 500, 42))
    for n, level, resamples, seed in [(50, 0.95, 1000, 11), (50, 0.9, 257, 2025),
                                      (200, 0.95, 2000, 7), (17, 0.99, 10000, -3),
                                      (1000, 0.95, 300, 2**63 - 1), (5, 0.5, 50, -(2**63))]:
        i, u = masks_like(rng, n)
        ratio.append(ratio_case("masks n=%d" % n, i, u, level, resamples, seed))
    i, u = masks_like(rng, 30, empty_share=0.3)
    ratio.append(ratio_case("masks with empty unions", i, u, 0.95, 1000, 5))
    # Two of three samples have 0/0: about 30% of the resamples have no union at all.
    ratio.append(ratio_case("mostly empty unions", [0, 0, 7], [0, 0, 10], 0.8, 400, 77))
    ratio.append(ratio_case("all unions empty", [0, 0, 0, 0], [0, 0, 0, 0], 0.95, 100, 1))
    ratio.append(ratio_case("one sample", [12], [30], 0.95, 100, 3))
    ratio.append(ratio_case("fractional values", rng.uniform(0, 1, 40).tolist(),
                            rng.uniform(1, 2, 40).tolist(), 0.95, 1000, 123))
    ratio.append(ratio_case("n=1 resample", [1, 2, 3], [2, 2, 4], 0.95, 1, 9))

    mean = []
    binary = (rng.uniform(0, 1, 40) < 0.7).astype(np.float64).tolist()
    for level, resamples, seed in [(0.95, 1000, 11), (0.9, 257, 2025), (0.5, 50, -7)]:
        mean.append(mean_case("binary 40", binary, level, resamples, seed))
    mean.append(mean_case("iou-like 60", np.clip(rng.normal(0.6, 0.3, 60), 0, 1).tolist(),
                          0.95, 2000, 99))
    mean.append(mean_case("uniform 25", rng.uniform(0, 1, 25).tolist(), 0.99, 5000, 2**62))
    mean.append(mean_case("one value", [0.25], 0.95, 100, 1))

    paired = paired_cases()

    header = {
        "generator": "metrics/src/test/python/gen_bootstrap_numpy.py",
        "made_with": "numpy %s, %s %s" % (np.__version__, platform.python_implementation(),
                                          platform.python_version()),
        "seed": SEED,
    }
    lines = ["{"] + ["  %s: %s," % (json.dumps(k), json.dumps(v)) for k, v in header.items()]
    sections = (("ratio_of_sums", ratio), ("mean", mean), ("paired_ratio_difference", paired))
    for key, cases in sections:
        body = ",\n    ".join(json.dumps(c) for c in cases)
        lines.append("  %s: [\n    %s\n  ]%s" % (json.dumps(key), body,
                                                 "" if key == sections[-1][0] else ","))
    lines.append("}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(OUT, encoding="utf-8") as f:
        json.load(f)  # still valid JSON
    print("wrote %s (%d ratio, %d mean, %d paired cases)"
          % (OUT, len(ratio), len(mean), len(paired)), file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference vectors for WeightedKappa.quadratic, RankCorrelation.spearman and their bootstrap
intervals (AgreementBootstrap), computed with scikit-learn and scipy.

Needs numpy, scipy and scikit-learn; the committed file was written by Debian 12's packages
(python3-numpy 1.24.2, python3-scipy 1.10.1, python3-sklearn 1.2.1) under its CPython 3.11.2,
the versions it records in "made_with". Run from the repository root:

    apt-get install -y python3-scipy python3-sklearn
    /usr/bin/python3 metrics/src/test/python/gen_agreement.py

It writes metrics/src/test/resources/reference/agreement.json. The Java tests read only that
file; CI does not install these packages. The output is deterministic: every random input comes
from numpy.random.default_rng with a seed per section (SEED for kappa, SEED + 1 for spearman,
SEED + 2 for the bootstraps, so that adding cases to one section cannot shift another), floats
are written with Python's repr (they round-trip exactly), one case per line, and a NaN result
(an undefined statistic) is written as null, since JSON has no NaN.

Where the numbers come from. Every statistic is the reference tool's own:

  kappa      sklearn.metrics.cohen_kappa_score(a, b, weights="quadratic",
             labels=list(range(min_rating, max_rating + 1)))
  spearman   scipy.stats.spearmanr(x, y).statistic

The only parts re-implemented here are the ones the Java API fixes and the tools cannot know,
the bootstrap's resampling: the index stream is gen_bootstrap_numpy.py's (imported from it, so
it is the same SplitMix64 closed form and draw order that checks Bootstrap: resample r takes
draws r*n .. r*n + n - 1, index floor(u * n)); each resample's statistic is the tool's own on
a[idx], b[idx] (pairs kept together); resamples where it is NaN are dropped and counted
("undefined"); the bounds are numpy.quantile(defined, [alpha / 2, 1 - alpha / 2],
method="linear") of the sorted defined values, alpha = 1 - level, or null when none is defined.

The reference itself is checked before anything is written, against computations that share
nothing with it or with the Java code: kappa against the exact rational value
1 - n * sum(w * C) / sum(w * outer(count_a, count_b)) (fractions.Fraction), and rho against
the Pearson correlation of average ranks computed here in plain Python, exact up to one square
root; both within 1e-12 (the tools round along the way), and NaN exactly where the exact value
is 0 / 0.

The Java code follows the tools' order of operations, so the tests compare bit for bit.

kappa
    {name, a, b, min_rating, max_rating, expected}: integer ratings of n samples by two raters.
spearman
    {name, x, y, expected}: float scores of n samples.
kappa_bootstrap
    {name, a, b, min_rating, max_rating, level, resamples, seed, estimate, lower, upper,
    undefined}
spearman_bootstrap
    {name, x, y, level, resamples, seed, estimate, lower, upper, undefined}
"""

import json
import math
import os
import platform
import sys
import warnings
from fractions import Fraction

import numpy as np
import scipy
import sklearn
from scipy.stats import spearmanr
from sklearn.metrics import cohen_kappa_score

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_bootstrap_numpy import check_closed_form, indices  # noqa: E402  (the same stream)

SEED = 20261201
OUT = os.path.join("metrics", "src", "test", "resources", "reference", "agreement.json")


def quiet(f, *args, **kwargs):
    """f(...) without the tools' warnings for undefined results (constant input, 0 / 0)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return f(*args, **kwargs)


def sk_kappa(a, b, lo, hi):
    return float(quiet(cohen_kappa_score, a, b, weights="quadratic",
                       labels=list(range(lo, hi + 1))))


def sp_rho(x, y):
    return float(quiet(spearmanr, x, y).statistic)


def json_float(v):
    return None if math.isnan(v) else v


def exact_kappa(a, b, lo, hi):
    """1 - n * sum(w * C) / sum(w[i][j] * count_a[i] * count_b[j]), exact; None for 0 / 0."""
    k = hi - lo + 1
    ca = [0] * k
    cb = [0] * k
    observed = 0
    for x, y in zip(a, b):
        ca[x - lo] += 1
        cb[y - lo] += 1
        observed += (x - y) ** 2
    expected = sum((i - j) ** 2 * ca[i] * cb[j] for i in range(k) for j in range(k))
    if expected == 0:
        return None
    return 1 - Fraction(len(a) * observed, expected)


def average_ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i])
    ranks = [None] * len(v)
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for t in range(i, j + 1):
            ranks[order[t]] = Fraction(i + j + 2, 2)
        i = j + 1
    return ranks


def exact_rho(x, y):
    """Pearson's r of the average ranks: exact sums, one square root; None for 0 / 0."""
    rx = average_ranks(x)
    ry = average_ranks(y)
    mx = sum(rx) / len(rx)
    my = sum(ry) / len(ry)
    sxy = sum((u - mx) * (v - my) for u, v in zip(rx, ry))
    sxx = sum((u - mx) ** 2 for u in rx)
    syy = sum((v - my) ** 2 for v in ry)
    if sxx == 0 or syy == 0:
        return None
    sign = 1 if sxy >= 0 else -1
    return sign * math.sqrt(sxy * sxy / (sxx * syy))


def agrees(name, got, exact):
    if exact is None:
        assert math.isnan(got), "%s: %r, but the exact value is 0 / 0" % (name, got)
    else:
        assert abs(got - float(exact)) <= 1e-12, "%s: %r vs exact %r" % (name, got, float(exact))


def ints(v):
    return [int(t) for t in v]


def floats(v):
    return [float(t) for t in v]


def kappa_case(name, a, b, lo, hi):
    a, b = ints(a), ints(b)
    assert len(a) == len(b) and all(lo <= t <= hi for t in a + b), name
    value = sk_kappa(a, b, lo, hi)
    agrees(name, value, exact_kappa(a, b, lo, hi))
    return {"name": name, "a": a, "b": b, "min_rating": lo, "max_rating": hi,
            "expected": json_float(value)}


def spearman_case(name, x, y):
    x, y = floats(x), floats(y)
    assert len(x) == len(y), name
    value = sp_rho(x, y)
    agrees(name, value, exact_rho(x, y))
    return {"name": name, "x": x, "y": y, "expected": json_float(value)}


def bounds(stats, level):
    """The kept statistics' percentile bounds and the number dropped as NaN."""
    stats = np.asarray(stats, dtype=np.float64)
    defined = np.sort(stats[~np.isnan(stats)])
    if defined.size == 0:
        return None, None, int(stats.size)
    alpha = 1 - level
    lower, upper = np.quantile(defined, [alpha / 2, 1 - alpha / 2], method="linear")
    return float(lower), float(upper), int(stats.size - defined.size)


def kappa_bootstrap_case(name, a, b, lo, hi, level, resamples, seed):
    a, b = np.asarray(ints(a)), np.asarray(ints(b))
    idx = indices(seed, resamples, len(a))
    stats = [sk_kappa(a[row], b[row], lo, hi) for row in idx]
    lower, upper, undefined = bounds(stats, level)
    return {"name": name, "a": a.tolist(), "b": b.tolist(), "min_rating": lo, "max_rating": hi,
            "level": level, "resamples": resamples, "seed": seed,
            "estimate": json_float(sk_kappa(a, b, lo, hi)), "lower": lower, "upper": upper,
            "undefined": undefined}


def spearman_bootstrap_case(name, x, y, level, resamples, seed):
    x, y = np.asarray(floats(x)), np.asarray(floats(y))
    idx = indices(seed, resamples, len(x))
    stats = [sp_rho(x[row], y[row]) for row in idx]
    lower, upper, undefined = bounds(stats, level)
    return {"name": name, "x": x.tolist(), "y": y.tolist(), "level": level,
            "resamples": resamples, "seed": seed, "estimate": json_float(sp_rho(x, y)),
            "lower": lower, "upper": upper, "undefined": undefined}


def judge_pair(rng, n, lo=1, hi=10, bias=0, noise=1.5):
    """Two judges' ratings: a drawn around the scale's upper half, b = a + bias + noise."""
    a = np.clip(np.rint(rng.normal(lo + 0.6 * (hi - lo), (hi - lo) / 4, n)), lo, hi)
    b = np.clip(np.rint(a + bias + rng.normal(0, noise, n)), lo, hi)
    return a.astype(int), b.astype(int)


def kappa_cases():
    rng = np.random.default_rng(SEED)
    out = [kappa_case("hand-checked 2x2: a=[1,1,2,2], b=[1,2,2,2] is 0.5",
                      [1, 1, 2, 2], [1, 2, 2, 2], 1, 2)]
    for n in (2, 3, 10, 200):
        for t in range(3):
            out.append(kappa_case("uniform 1..10 n=%d #%d" % (n, t),
                                  rng.integers(1, 11, n), rng.integers(1, 11, n), 1, 10))
        for t, bias in enumerate((0, 0, 1, -2)):
            a, b = judge_pair(rng, n, bias=bias)
            out.append(kappa_case("judges 1..10 n=%d bias %d #%d" % (n, bias, t), a, b, 1, 10))
    a, b = judge_pair(rng, 5000, bias=1)
    out.append(kappa_case("judges 1..10 n=5000", a, b, 1, 10))
    for n in (1, 2, 10, 200):
        a = rng.integers(1, 11, n)
        out.append(kappa_case("perfect agreement n=%d" % n, a, a, 1, 10))
    out.append(kappa_case("perfect reverse 1..10 each once (-1)", range(1, 11), range(10, 0, -1),
                          1, 10))
    # -1 exactly, but the expected terms are thirds: sklearn gives -1.0000000000000004.
    out.append(kappa_case("perfect reverse 1..3 each once (rounds past -1)", [1, 2, 3], [3, 2, 1],
                          1, 3))
    a = rng.integers(1, 11, 200)
    out.append(kappa_case("perfect reverse n=200 (b = 11 - a)", a, 11 - a, 1, 10))
    out.append(kappa_case("reverse on 1..5, both ends only", [1, 5, 1, 5], [5, 1, 5, 1], 1, 5))
    out.append(kappa_case("ties: three distinct ratings, n=30",
                          rng.choice([3, 5, 8], 30), rng.choice([3, 5, 8], 30), 1, 10))
    # Degenerate and constant columns.
    out.append(kappa_case("one sample, same rating (NaN)", [4], [4], 1, 10))
    out.append(kappa_case("one sample, different ratings (0)", [4], [9], 1, 10))
    out.append(kappa_case("both constant, same rating (NaN)", [7] * 5, [7] * 5, 1, 10))
    out.append(kappa_case("both constant, different ratings (0)", [7] * 5, [3] * 5, 1, 10))
    out.append(kappa_case("a constant, b varies", [6] * 20, rng.integers(1, 11, 20), 1, 10))
    out.append(kappa_case("a varies, b constant", rng.integers(1, 11, 20), [2] * 20, 1, 10))
    out.append(kappa_case("single category 3..3 (NaN)", [3, 3, 3], [3, 3, 3], 3, 3))
    # Part of the range, and other ranges (K*K terms: 4 < 8, 9, 144 and 256 > 128, 10201).
    a, b = judge_pair(rng, 100, lo=4, hi=7, noise=0.8)
    out.append(kappa_case("ratings 4..7 on the scale 1..10", a, b, 1, 10))
    out.append(kappa_case("same ratings 4..7 on the scale 4..7", a, b, 4, 7))
    out.append(kappa_case("only the ends 1 and 10", rng.choice([1, 10], 40),
                          rng.choice([1, 10], 40), 1, 10))
    out.append(kappa_case("only low ratings 1..3 of 1..10", rng.integers(1, 4, 25),
                          rng.integers(1, 4, 25), 1, 10))
    for lo, hi, n in ((1, 2, 30), (1, 3, 30), (0, 4, 50), (1, 5, 80), (-2, 2, 40),
                      (1, 12, 150), (0, 15, 200), (0, 100, 300)):
        a, b = judge_pair(rng, n, lo=lo, hi=hi, noise=max(0.7, (hi - lo) / 6))
        out.append(kappa_case("judges %d..%d n=%d" % (lo, hi, n), a, b, lo, hi))
    return out


def spearman_cases():
    rng = np.random.default_rng(SEED + 1)
    out = [spearman_case("hand-checked ties: x=[1,2,2,3], y=[1,3,2,4] is sqrt(0.9)",
                         [1, 2, 2, 3], [1, 3, 2, 4]),
           spearman_case("hand-checked: x=[1,2,3], y=[1,3,2] is 0.5", [1, 2, 3], [1, 3, 2])]
    for n in (2, 3, 10, 200):
        for t in range(3):
            out.append(spearman_case("normal n=%d #%d" % (n, t),
                                     rng.normal(0, 1, n), rng.normal(0, 1, n)))
        x = rng.normal(0, 1, n)
        out.append(spearman_case("correlated normal n=%d" % n, x, x + rng.normal(0, 0.7, n)))
    for n in (10, 200, 2000):
        a, b = judge_pair(rng, n, bias=1)
        out.append(spearman_case("judge ratings 1..10 vs each other n=%d" % n, a, b))
        meteor = np.clip(0.04 * a + rng.normal(0.1, 0.12, n), 0, 1)
        out.append(spearman_case("judge ratings vs meteor-like n=%d" % n, a, meteor))
        human = np.clip(np.rint(a / 2 + rng.normal(0, 1, n)), 1, 5)
        out.append(spearman_case("judge ratings 1..10 vs human 1..5 n=%d" % n, a, human))
    x = np.round(rng.normal(0.5, 0.2, 300), 1)
    out.append(spearman_case("floats with many ties (1 decimal) n=300", x,
                             np.round(x + rng.normal(0, 0.1, 300), 1)))
    x = np.round(rng.uniform(0, 1, 500), 2)
    out.append(spearman_case("floats with ties (2 decimals) n=500", x,
                             np.round(x * x + rng.normal(0, 0.05, 500), 2)))
    x = np.rint(rng.normal(0, 3, 20000))
    out.append(spearman_case("integers with heavy ties n=20000", x, np.rint(x + rng.normal(0, 3,
                                                                                       20000))))
    x = rng.normal(0, 1, 3000)
    out.append(spearman_case("normal n=3000", x, x + rng.normal(0, 1, 3000)))
    x = rng.normal(0, 1, 50)
    out.append(spearman_case("monotone, not linear: y = exp(x) (1)", x, np.exp(x)))
    out.append(spearman_case("reverse: y = -x^3 (-1)", x, -x ** 3))
    x = rng.integers(1, 6, 40).astype(float)
    out.append(spearman_case("identical with ties (1)", x, x))
    out.append(spearman_case("reverse with ties (-1)", x, 6 - x))
    for n in (7, 64, 1000):
        x = rng.permutation(n).astype(float)
        out.append(spearman_case("permutation vs itself n=%d (1)" % n, x, x))
        out.append(spearman_case("permutation reversed n=%d (-1)" % n, x, -x))
    out.append(spearman_case("n=2 increasing (1)", [0.1, 0.7], [3, 9]))
    out.append(spearman_case("n=2 decreasing (-1)", [0.1, 0.7], [9, 3]))
    # Degenerate: a constant side, one sample.
    out.append(spearman_case("one sample (NaN)", [0.3], [0.8]))
    out.append(spearman_case("n=2 with a tie in x (NaN)", [0.5, 0.5], [1, 2]))
    out.append(spearman_case("x constant (NaN)", [4.0] * 12, rng.normal(0, 1, 12)))
    out.append(spearman_case("y constant (NaN)", rng.normal(0, 1, 12), [0.25] * 12))
    out.append(spearman_case("both constant (NaN)", [1.0] * 5, [2.0] * 5))
    out.append(spearman_case("-0.0 and 0.0 only: constant (NaN)", [0.0, -0.0, 0.0], [1, 2, 3]))
    out.append(spearman_case("-0.0 and 0.0 tie", [-0.0, 0.0, 1.0, -1.0, 0.0], [5, 4, 3, 1, 2]))
    out.append(spearman_case("all tied but one", [2.0] * 9 + [3.0], rng.normal(0, 1, 10)))
    out.append(spearman_case("extreme magnitudes and subnormals",
                             [1e308, -1e308, 5e-324, -5e-324, 1e-300, 0.0, 2.0, 1e-320],
                             [1, 2, 3, 4, 5, 6, 7, 8]))
    out.append(spearman_case("neighbouring doubles", [1.0, 1.0000000000000002, 0.9999999999999999,
                                                      1.0], [3, 2, 1, 4]))
    return out


def bootstrap_cases():
    rng = np.random.default_rng(SEED + 2)
    kappa = []
    a, b = judge_pair(rng, 200, bias=1)
    kappa.append(kappa_bootstrap_case("judges 1..10 n=200", a, b, 1, 10, 0.95, 2000, 11))
    a, b = judge_pair(rng, 10)
    kappa.append(kappa_bootstrap_case("judges 1..10 n=10", a, b, 1, 10, 0.9, 1000, -5))
    kappa.append(kappa_bootstrap_case("uniform 1..10 n=3", rng.integers(1, 11, 3),
                                      rng.integers(1, 11, 3), 1, 10, 0.95, 1000, 2**63 - 1))
    # Three of four pairs are (5, 5): a resample of only those (about a third) is undefined.
    kappa.append(kappa_bootstrap_case("three equal constant pairs of four",
                                      [5, 5, 5, 2], [5, 5, 5, 7], 1, 10, 0.95, 1000, 3))
    kappa.append(kappa_bootstrap_case("n=2, one pair equal", [4, 6], [4, 9], 1, 10, 0.8, 500,
                                      -(2**63)))
    kappa.append(kappa_bootstrap_case("both constant, same rating: all undefined",
                                      [4, 4, 4], [4, 4, 4], 1, 10, 0.95, 200, 1))
    kappa.append(kappa_bootstrap_case("one sample, different ratings", [2], [3], 1, 10, 0.95,
                                      100, 9))
    a, b = judge_pair(rng, 60, lo=0, hi=15, noise=2)
    kappa.append(kappa_bootstrap_case("judges 0..15 n=60", a, b, 0, 15, 0.99, 1500, 2026))
    a, b = judge_pair(rng, 40, lo=4, hi=7, noise=0.8)
    kappa.append(kappa_bootstrap_case("ratings 4..7 of 1..10 n=40", a, b, 1, 10, 0.5, 300, 77))
    kappa.append(kappa_bootstrap_case("one resample", a, b, 1, 10, 0.95, 1, 5))

    spear = []
    a, b = judge_pair(rng, 200, bias=1)
    meteor = np.clip(0.04 * a + rng.normal(0.1, 0.12, 200), 0, 1)
    spear.append(spearman_bootstrap_case("judge vs meteor-like n=200", a, meteor,
                                         0.95, 2000, 11))
    spear.append(spearman_bootstrap_case("judge vs judge n=200 (ties)", a, b, 0.9, 1000, -3))
    x = rng.normal(0, 1, 50)
    spear.append(spearman_bootstrap_case("normal n=50", x, x + rng.normal(0, 1, 50),
                                         0.99, 1500, 2**62))
    spear.append(spearman_bootstrap_case("n=2: half the resamples constant", [0.2, 0.9],
                                         [1, 3], 0.95, 1000, 42))
    spear.append(spearman_bootstrap_case("n=5 few distinct values", [1, 1, 2, 2, 3],
                                         [0.5, 0.5, 0.5, 0.7, 0.9], 0.95, 1000, 7))
    a, b = judge_pair(rng, 12)
    spear.append(spearman_bootstrap_case("judges n=12", a, b, 0.8, 800, -(2**63)))
    spear.append(spearman_bootstrap_case("x constant: all undefined", [3.0] * 6,
                                         rng.normal(0, 1, 6), 0.95, 200, 1))
    spear.append(spearman_bootstrap_case("one resample", x, -x, 0.95, 1, 5))
    return kappa, spear


def main():
    check_closed_form()
    kappa = kappa_cases()
    spear = spearman_cases()
    kappa_boot, spear_boot = bootstrap_cases()
    header = {
        "generator": "metrics/src/test/python/gen_agreement.py",
        "made_with": "scikit-learn %s, scipy %s, numpy %s, %s %s" % (
            sklearn.__version__, scipy.__version__, np.__version__,
            platform.python_implementation(), platform.python_version()),
        "seed": SEED,
    }
    lines = ["{"] + ["  %s: %s," % (json.dumps(k), json.dumps(v)) for k, v in header.items()]
    sections = (("kappa", kappa), ("spearman", spear), ("kappa_bootstrap", kappa_boot),
                ("spearman_bootstrap", spear_boot))
    for key, cases in sections:
        body = ",\n    ".join(json.dumps(c, allow_nan=False) for c in cases)
        lines.append("  %s: [\n    %s\n  ]%s" % (json.dumps(key), body,
                                                 "" if key == sections[-1][0] else ","))
    lines.append("}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(OUT, encoding="utf-8") as f:
        json.load(f)  # still valid JSON
    print("wrote %s (%s)" % (OUT, ", ".join("%d %s" % (len(c), k) for k, c in sections)),
          file=sys.stderr)


if __name__ == "__main__":
    main()

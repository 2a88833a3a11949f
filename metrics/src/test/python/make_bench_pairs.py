#!/usr/bin/env python3
"""Write a synthetic pairs file for bench_pycocotools.py (standard library only).

Format (JSONL, one pair per line), the project's `mask eval` pairs format:
    {"id": str, "size": [h, w], "gt": SEG or null, "pred": SEG or null}
Here every SEG is a COCO polygon list [[x1, y1, x2, y2, ...], ...] with coordinates
rounded to 2 decimals, as in COCO annotations.

gt:   a star-ish or convex (elliptic) object of 20..60 vertices covering about 1%..40%
      of a 480x640-ish image; 10% of objects have a second, smaller part (occlusion).
pred: the gt polygon scaled (0.8..1.2), shifted and with per-vertex jitter, so IoUs
      spread over roughly 0.3..0.95.
A small fraction of pairs (--null-frac, default 0.02 each) has pred = null (missed
object) or gt = null (false positive).

Usage:
    python3 make_bench_pairs.py --count 2000 --out /tmp/pairs.jsonl [--seed 20261126]
"""

import argparse
import json
import math
import random

SIZES = [(480, 640), (427, 640), (640, 480), (480, 640), (425, 640), (640, 427),
         (375, 500), (500, 375), (512, 512), (480, 600)]


def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v


def object_polygon(rng, h, w, frac, n):
    """Vertices (list of (x, y)) of an object whose area is roughly frac*h*w."""
    target = frac * h * w
    aspect = math.exp(rng.uniform(-0.6, 0.6))
    star = rng.random() < 0.6
    spik = rng.uniform(0.1, 0.35) if star else 0.0
    # mean squared radius of r(1+s*u), u~U(-1,1) is r^2 (1 + s^2/3)
    r = math.sqrt(target / (math.pi * (1 + spik * spik / 3)))
    rx, ry = r * aspect, r / aspect
    rx, ry = min(rx, 0.49 * w), min(ry, 0.49 * h)
    cx = rng.uniform(rx, w - rx) if w > 2 * rx else w / 2
    cy = rng.uniform(ry, h - ry) if h > 2 * ry else h / 2
    angs = sorted(rng.uniform(0, 2 * math.pi) for _ in range(n))
    # smooth radial noise: a few low-frequency harmonics plus per-vertex noise
    harm = [(rng.uniform(-1, 1) * spik, rng.randint(2, 6), rng.uniform(0, 2 * math.pi))
            for _ in range(3)]
    pts = []
    for a in angs:
        m = 1.0 + sum(amp * math.sin(k * a + ph) for amp, k, ph in harm)
        m += spik * 0.5 * rng.uniform(-1, 1)
        m = max(0.2, m)
        pts.append((cx + rx * m * math.cos(a), cy + ry * m * math.sin(a)))
    return pts, (cx, cy, r)


def to_coco(pts, h, w):
    out = []
    for x, y in pts:
        out.append(round(clamp(x, 0.0, float(w)), 2))
        out.append(round(clamp(y, 0.0, float(h)), 2))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--null-frac", type=float, default=0.02)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="ascii", newline="\n") as f:
        for i in range(args.count):
            h, w = SIZES[rng.randrange(len(SIZES))]
            frac = math.exp(rng.uniform(math.log(0.01), math.log(0.40)))
            n = rng.randint(20, 60)
            pts, (cx, cy, r) = object_polygon(rng, h, w, frac, n)
            parts = [pts]
            if rng.random() < 0.10:
                p2, _ = object_polygon(rng, h, w, frac * rng.uniform(0.05, 0.3), rng.randint(8, 20))
                parts.append(p2)
            gt = [to_coco(p, h, w) for p in parts]
            s = rng.uniform(0.8, 1.2)
            dx, dy = rng.gauss(0, 0.12 * r), rng.gauss(0, 0.12 * r)
            pred = []
            for p in parts:
                q = [(cx + (x - cx) * s + dx + rng.gauss(0, 0.03 * r),
                      cy + (y - cy) * s + dy + rng.gauss(0, 0.03 * r)) for x, y in p]
                pred.append(to_coco(q, h, w))
            u = rng.random()
            if u < args.null_frac:
                pred = None
            elif u < 2 * args.null_frac:
                gt = None
            f.write(json.dumps({"id": f"pair{i:06d}", "size": [h, w], "gt": gt, "pred": pred},
                               separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measure pycocotools' speed on a pairs file (the project's `mask eval` JSONL format).

    bench_pycocotools.py PAIRS.jsonl [--repeat 3]

Each line: {"id": str, "size": [h, w], "gt": SEG or null, "pred": SEG or null}, where SEG is
  - a compressed RLE object   {"size": [h, w], "counts": "<string>"},
  - an uncompressed RLE object {"size": [h, w], "counts": [ints]}, or
  - a COCO polygon list        [[x1, y1, x2, y2, ...], ...] rasterised at `size`.
null means "no mask" and is benchmarked as an empty mask of that size.

Reference setup: pycocotools 2.0.11 (PyPI wheel) in a venv outside the repository:
    python3 -m venv /work/venv-coco && /work/venv-coco/bin/pip install numpy pycocotools
    /work/venv-coco/bin/python metrics/src/test/python/bench_pycocotools.py pairs.jsonl

Measured (time.perf_counter, best of --repeat full passes, rate = items / best seconds):
  iou_rle          maskUtils.iou([pred], [gt], [0]) once per pair on compressed-RLE dicts.
                   Includes pycocotools' own parsing of both counts strings (iou() always
                   runs _frString on dict inputs; it has no public pre-parsed entry point),
                   the bbox pre-filter and the run-merge IoU.  This is what COCOeval does
                   per image (there with all dt x gt of an image in one call).
  area_floor       maskUtils.area([gt]) once per pair: one string parse + area, i.e. roughly
                   the per-call Python/Cython overhead floor for a one-mask call.
  frstring         pycocotools._mask._frString([pred]) per pred mask: string -> counts
                   (the C rleFrString) plus the RLEs wrapper; nothing else.
  decode           maskUtils.decode(pred) per pred mask: string -> counts -> dense HxW uint8
                   (Fortran order) array.
  encode           maskUtils.encode(asfortranarray(dense)) per pred mask: dense -> string
                   (dense arrays prepared beforehand, not timed).
  poly_rasterise   maskUtils.merge(maskUtils.frPyObjects(polys, h, w)) per gt polygon list:
                   polygon(s) -> one compressed RLE (the union of the parts).
Conversions of all inputs to compressed RLE dicts are done before timing.
"""

import argparse
import json
import platform
import sys
import time
from importlib.metadata import version as _pkg_version

import numpy as np
import pycocotools.mask as maskUtils
from pycocotools import _mask


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


_EMPTY = {}


def empty_rle(h, w):
    key = (h, w)
    if key not in _EMPTY:
        _EMPTY[key] = maskUtils.frPyObjects({"size": [h, w], "counts": [h * w]}, h, w)
    return _EMPTY[key]


def clean_polys(polys):
    # frPyObjects treats a list whose first entry has 4 numbers as boxes; polygons with
    # fewer than 3 points rasterise to nothing anyway, so drop them.
    return [[float(v) for v in p] for p in polys if len(p) >= 6]


def to_rle(seg, h, w):
    """Any SEG -> compressed RLE dict with bytes counts (pycocotools' native form)."""
    if seg is None:
        return empty_rle(h, w)
    if isinstance(seg, dict):
        sh, sw = seg["size"]
        if (sh, sw) != (h, w):
            raise ValueError(f"RLE size {seg['size']} != pair size {[h, w]}")
        c = seg["counts"]
        if isinstance(c, list):
            return maskUtils.frPyObjects({"size": [h, w], "counts": c}, h, w)
        return {"size": [h, w], "counts": c.encode("ascii") if isinstance(c, str) else c}
    if isinstance(seg, list):
        polys = clean_polys(seg)
        if not polys:
            return empty_rle(h, w)
        return maskUtils.merge(maskUtils.frPyObjects(polys, h, w))
    raise ValueError(f"unrecognised segmentation: {type(seg)}")


def best_of(repeat, fn):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best = min(best, dt)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    pairs = []
    with open(args.pairs, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                pairs.append(json.loads(line))
    if not pairs:
        sys.exit("no pairs")

    # ---- preparation (not timed)
    gt_rles, pred_rles, gt_polys = [], [], []
    n_null_gt = n_null_pred = 0
    for p in pairs:
        h, w = int(p["size"][0]), int(p["size"][1])
        g, d = p.get("gt"), p.get("pred")
        n_null_gt += g is None
        n_null_pred += d is None
        gt_rles.append(to_rle(g, h, w))
        pred_rles.append(to_rle(d, h, w))
        if isinstance(g, list):
            polys = clean_polys(g)
            if polys:
                gt_polys.append((polys, h, w))
    pred_dense = [np.asfortranarray(maskUtils.decode(r)) for r in pred_rles]
    n = len(pairs)
    zero = [0]

    # ---- timed loops
    def run_iou():
        iou = maskUtils.iou
        for d, g in zip(pred_rles, gt_rles):
            iou([d], [g], zero)

    def run_area():
        area = maskUtils.area
        for g in gt_rles:
            area([g])

    def run_frstring():
        fr = _mask._frString
        for d in pred_rles:
            fr([d])

    def run_decode():
        decode = maskUtils.decode
        for d in pred_rles:
            decode(d)

    def run_encode():
        encode = maskUtils.encode
        for m in pred_dense:
            encode(m)

    def run_poly():
        fr, merge = maskUtils.frPyObjects, maskUtils.merge
        for polys, h, w in gt_polys:
            merge(fr(polys, h, w))

    # sanity: IoU values (not timed), to show the workload is realistic
    ious = np.array([float(np.asarray(maskUtils.iou([d], [g], zero)).reshape(-1)[0])
                     for d, g in zip(pred_rles, gt_rles)])

    results = []

    def record(name, unit, count, fn, what):
        secs = best_of(args.repeat, fn)
        results.append({"name": name, "unit": unit, "count": count, "best_s": secs,
                        "per_s": count / secs if secs > 0 else float("inf"),
                        "us_each": 1e6 * secs / count if count else 0.0, "what": what})

    record("iou_rle", "pairs", n, run_iou, "maskUtils.iou([pred],[gt],[0]) per pair, incl. string parse")
    record("area_floor", "pairs", n, run_area, "maskUtils.area([gt]) per pair (call-overhead floor)")
    record("frstring", "masks", n, run_frstring, "_mask._frString([pred]) per mask (string -> counts)")
    record("decode", "masks", n, run_decode, "maskUtils.decode(pred) per mask (string -> dense)")
    record("encode", "masks", n, run_encode, "maskUtils.encode(dense) per mask (dense -> string)")
    if gt_polys:
        record("poly_rasterise", "masks", len(gt_polys), run_poly,
               "maskUtils.merge(maskUtils.frPyObjects(polys,h,w)) per gt polygon list")

    areas = np.array([int(maskUtils.area(g)) for g in gt_rles])
    sizes = sorted({tuple(p["size"]) for p in pairs})
    info = {
        "pairs_file": args.pairs,
        "pairs": n,
        "null_gt": n_null_gt,
        "null_pred": n_null_pred,
        "gt_polygon_lists": len(gt_polys),
        "distinct_sizes": len(sizes),
        "gt_area_mean_px": float(areas.mean()),
        "iou_mean": float(ious.mean()),
        "iou_median": float(np.median(ious)),
        "repeat": args.repeat,
        "python": platform.python_version(),
        "pycocotools": _pkg_version("pycocotools"),
        "numpy": np.__version__,
        "cpu": cpu_model(),
    }

    print(f"pycocotools {info['pycocotools']}  numpy {info['numpy']}  python {info['python']}")
    print(f"cpu: {info['cpu']}")
    print(f"pairs: {n} ({n_null_gt} null gt, {n_null_pred} null pred), gt polygon lists: {len(gt_polys)}, "
          f"mean gt area {info['gt_area_mean_px']:.0f} px, IoU mean {info['iou_mean']:.3f} "
          f"median {info['iou_median']:.3f}; best of {args.repeat}")
    print()
    print(f"{'measure':<16}{'items':>8}{'best s':>10}{'per s':>12}{'us each':>10}  what")
    for r in results:
        print(f"{r['name']:<16}{r['count']:>8}{r['best_s']:>10.4f}{r['per_s']:>12.0f}{r['us_each']:>10.2f}  {r['what']}")
    print()
    out = dict(info)
    out["results"] = {r["name"]: {"unit": r["unit"], "count": r["count"], "best_s": r["best_s"],
                                  "per_s": r["per_s"], "us_each": r["us_each"], "what": r["what"]}
                      for r in results}
    print(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main()

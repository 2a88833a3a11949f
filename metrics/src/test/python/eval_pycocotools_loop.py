#!/usr/bin/env python3
"""The plain pycocotools loop that `perbench mask eval --pairs FILE` is measured against.

    eval_pycocotools_loop.py PAIRS.jsonl

What a user would write instead of `mask eval` (profile `standard`): json.loads per line,
polygons through frPyObjects + merge, then merge(intersect=1) and merge for intersection and
union, area of each. Prints {"n", "ciou", "giou"} as `mask eval` computes them, so the two
can be compared to the last digit. Time it as a whole process, side by side with mask eval:
    /usr/bin/time -f "%e %U %S %M" python eval_pycocotools_loop.py pairs.jsonl
pycocotools 2.0.11 (PyPI wheel) in a venv outside the repository, as for bench_pycocotools.py.
"""
import json
import sys

import pycocotools.mask as mu


def rle(seg, h, w):
    if seg is None:
        return mu.frPyObjects({"size": [h, w], "counts": [h * w]}, h, w)
    if isinstance(seg, list):
        return mu.merge(mu.frPyObjects(seg, h, w))
    if isinstance(seg["counts"], list):
        return mu.frPyObjects(seg, h, w)
    return {"size": seg["size"], "counts": seg["counts"].encode("ascii")}


n = i_sum = u_sum = 0
iou_sum = 0.0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        p = json.loads(line)
        h, w = p["size"]
        gt, pred = rle(p["gt"], h, w), rle(p["pred"], h, w)
        i = int(mu.area(mu.merge([gt, pred], intersect=1)))
        u = int(mu.area(mu.merge([gt, pred], intersect=0)))
        n, i_sum, u_sum = n + 1, i_sum + i, u_sum + u
        iou_sum += i / u if u else 1.0
print(json.dumps({"n": n, "ciou": i_sum / u_sum if u_sum else 0.0, "giou": iou_sum / n}))

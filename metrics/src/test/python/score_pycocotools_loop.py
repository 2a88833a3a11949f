#!/usr/bin/env python3
"""The plain pycocotools script that `perbench score` (res, profile standard) is measured against.

    score_pycocotools_loop.py DATASET_DIR PREDICTIONS.jsonl

DATASET_DIR holds a refer dataset as the REFER toolkit reads it (refs(unc).p and
instances.json); `bin/perbench bench score --python PY` writes one and runs this script on it.
Loading the benchmark (the pickle, instances.json, every referred object's mask through
frPyObjects + merge, as the REFER toolkit's getMask does) is timed apart from scoring, since
`perbench score` too scores against a benchmark it has loaded. Scoring is what a user would
write: json.loads per prediction line, its first mask as an RLE, merge(intersect=1) and merge
for intersection and union, area of each, cIoU and gIoU as `perbench score` computes them.
Prints one JSON object: n, ciou, giou, load_seconds, score_seconds (wall) and
score_cpu_seconds (this process's CPU time). pycocotools 2.0.11 (PyPI wheel), in a venv outside
the repository, as for bench_pycocotools.py.
"""
import json
import pickle
import sys
import time

import pycocotools.mask as mu

t0 = time.perf_counter()
with open(f"{sys.argv[1]}/refs(unc).p", "rb") as f:
    refs = pickle.load(f)
with open(f"{sys.argv[1]}/instances.json", encoding="utf-8") as f:
    instances = json.load(f)
images = {i["id"]: i for i in instances["images"]}
anns = {a["id"]: a for a in instances["annotations"]}
gt_by_sentence = {}
for ref in refs:
    ann = anns[ref["ann_id"]]
    image = images[ref["image_id"]]
    h, w = image["height"], image["width"]
    seg = ann["segmentation"]
    gt = mu.merge(mu.frPyObjects(seg, h, w)) if isinstance(seg, list) else mu.frPyObjects(seg, h, w)
    for sentence in ref["sentences"]:
        gt_by_sentence[str(sentence["sent_id"])] = gt
load_seconds = time.perf_counter() - t0

t1, c1 = time.perf_counter(), time.process_time()
n = i_sum = u_sum = 0
iou_sum = 0.0
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        p = json.loads(line)
        gt = gt_by_sentence[p["sample_id"]]
        m = p["masks"][0]
        pred = {"size": m["size"], "counts": m["counts"].encode("ascii")}
        i = int(mu.area(mu.merge([gt, pred], intersect=1)))
        u = int(mu.area(mu.merge([gt, pred], intersect=0)))
        n, i_sum, u_sum = n + 1, i_sum + i, u_sum + u
        iou_sum += i / u if u else 1.0
score_seconds, score_cpu = time.perf_counter() - t1, time.process_time() - c1
print(json.dumps({"n": n, "ciou": i_sum / u_sum if u_sum else 0.0, "giou": iou_sum / n,
                  "load_seconds": load_seconds, "score_seconds": score_seconds,
                  "score_cpu_seconds": score_cpu}))

#!/usr/bin/env python3
"""Generate golden test vectors for the pure-Java COCO RLE mask library.

Reference implementation: pycocotools 2.0.11, installed from the PyPI binary wheel
(pycocotools-2.0.11-cp311-cp311-manylinux2014_x86_64 ... .whl) into a venv outside the
repository, with numpy 2.x, under CPython 3.11:

    python3 -m venv /work/venv-coco
    /work/venv-coco/bin/pip install numpy pycocotools

(A build from the source distribution was tried first with
`pip install --no-binary pycocotools pycocotools`, but only the wheel was reachable
through the package index available when these vectors were made.)

Run from the repository root:

    /work/venv-coco/bin/python metrics/src/test/python/gen_golden.py

It writes metrics/src/test/resources/golden/{rle_strings,polygons,boxes,iou,merge,quirks}.json.
Output is deterministic: every file has its own numpy.random.default_rng seed (see SEEDS).
Floats are written with Python's repr (json's default), so they round-trip exactly.
Compressed RLE strings are written as ASCII str (pycocotools returns bytes).

Before writing, every case is cross-checked against an independent numpy computation
(decode vs bitmap, area, bbox, IoU, merge) and against a pure-Python re-implementation
of the counts <-> string codec.  Any mismatch aborts the run.
"""

import json
import os
import sys
from importlib.metadata import version as _pkg_version

import numpy as np
import pycocotools.mask as M

SEEDS = {
    "rle_strings": 20261126,
    "polygons": 20261127,
    "boxes": 20261128,
    "iou": 20261129,
    "merge": 20261130,
    "quirks": 20261131,
}

PYCOCO_VERSION = _pkg_version("pycocotools")
GENERATOR = (
    f"pycocotools {PYCOCO_VERSION} (PyPI wheel), numpy {np.__version__}, "
    f"python {sys.version.split()[0]}; metrics/src/test/python/gen_golden.py"
)

OUT_DIR = os.path.join("metrics", "src", "test", "resources", "golden")
BITMAP_MAX = 4096


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------

def enc(bitmap):
    """pycocotools encode of a single 2-D 0/1 mask -> RLE dict (counts: bytes)."""
    b = np.asfortranarray(np.asarray(bitmap, dtype=np.uint8))
    assert b.ndim == 2
    return M.encode(b)


def s(rle):
    """counts string (ASCII str) of a compressed RLE dict."""
    c = rle["counts"]
    return c.decode("ascii") if isinstance(c, bytes) else c


def obj(h, w, string):
    return {"size": [int(h), int(w)], "counts": string.encode("ascii")}


def dec(rle):
    return M.decode(rle)


def area(rle):
    return int(M.area(rle))


def bbox(rle):
    return [float(v) for v in M.toBbox(rle)]


def counts_of_bitmap(bitmap):
    """Uncompressed COCO counts (column-major, starts with a run of zeros), in numpy."""
    flat = np.asarray(bitmap, dtype=np.uint8).flatten(order="F")
    if flat.size == 0:
        return [0]
    change = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    bounds = np.concatenate(([0], change, [flat.size]))
    runs = np.diff(bounds).tolist()
    if flat[0] == 1:
        runs = [0] + runs
    return [int(r) for r in runs]


def py_to_string(cnts):
    """Independent re-implementation of rleToString (for cross-checking only)."""
    out = []
    for i, c in enumerate(cnts):
        x = int(c)
        if i > 2:
            x -= int(cnts[i - 2])
        more = True
        while more:
            ch = x & 0x1F
            x >>= 5
            more = (x != -1) if (ch & 0x10) else (x != 0)
            if more:
                ch |= 0x20
            out.append(chr(ch + 48))
    return "".join(out)


def py_from_string(string):
    """Independent re-implementation of rleFrString (for cross-checking only)."""
    cnts = []
    p = 0
    while p < len(string):
        x = 0
        k = 0
        more = True
        while more:
            c = ord(string[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(cnts) > 2:
            x += cnts[-2]
        cnts.append(x & 0xFFFFFFFF)
    return cnts


def np_bbox(mask):
    ys, xs = np.nonzero(mask)
    if ys.size == 0:
        return [0.0, 0.0, 0.0, 0.0]
    # pycocotools: if any run of ones crosses a column boundary, y range becomes 0..h-1
    x0, x1 = int(xs.min()), int(xs.max())
    y0, y1 = int(ys.min()), int(ys.max())
    return [float(x0), float(y0), float(x1 - x0 + 1), float(y1 - y0 + 1)]


def check_rle(rle, mask):
    """Cross-check a pycocotools RLE against an independent dense mask."""
    h, w = mask.shape
    d = dec(rle)
    assert d.shape == (h, w), (d.shape, mask.shape)
    assert np.array_equal(d, mask.astype(np.uint8)), "decode mismatch"
    cnts = counts_of_bitmap(mask)
    st = s(rle)
    assert py_to_string(cnts) == st, "string codec mismatch (encode)"
    assert py_from_string(st) == cnts, "string codec mismatch (decode)"
    assert area(rle) == int(mask.sum())
    bb = bbox(rle)
    nb = np_bbox(mask)
    if nb[2] > 0:
        # x extent always exact; y extent exact unless a run of ones crosses a column
        assert bb[0] == nb[0] and bb[2] == nb[2], (bb, nb)
        crosses = any_run_crosses_column(cnts, h)
        if crosses:
            assert bb[1] == 0.0 and bb[3] == float(h), (bb, nb)
        else:
            assert bb[1] == nb[1] and bb[3] == nb[3], (bb, nb)
    else:
        assert bb == [0.0, 0.0, 0.0, 0.0]


def any_run_crosses_column(cnts, h):
    pos = 0
    for j, c in enumerate(cnts):
        if j % 2 == 1 and c > 0:
            start, end = pos, pos + c - 1
            if start // h != end // h:
                return True
        pos += c
    return False


def bitmap_str(mask):
    return "".join("1" if v else "0" for v in np.asarray(mask).flatten(order="C"))


def write_cases(name, header, cases):
    path = os.path.join(OUT_DIR, name + ".json")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("{")
        for k, v in header.items():
            f.write(json.dumps(k) + ": " + json.dumps(v) + ",\n")
        f.write('"cases": [\n')
        for i, c in enumerate(cases):
            f.write(json.dumps(c, separators=(",", ":"), ensure_ascii=True))
            f.write(",\n" if i + 1 < len(cases) else "\n")
        f.write("]}\n")
    # re-read to make sure it is valid JSON that round-trips
    with open(path, encoding="ascii") as f:
        back = json.load(f)
    assert back["cases"] == json.loads(json.dumps(cases))
    return path, os.path.getsize(path)


# --------------------------------------------------------------------------------------
# mask shape generators (numpy only)
# --------------------------------------------------------------------------------------

def rand_rect(rng, h, w, min_frac=0.02, max_frac=0.8):
    m = np.zeros((h, w), np.uint8)
    bh = max(1, int(h * rng.uniform(min_frac, max_frac)))
    bw = max(1, int(w * rng.uniform(min_frac, max_frac)))
    y = int(rng.integers(0, h - bh + 1))
    x = int(rng.integers(0, w - bw + 1))
    m[y:y + bh, x:x + bw] = 1
    return m


def rand_blobs(rng, h, w, n=None, max_r_frac=0.3):
    """Union of a few ellipses and rectangles, some cut by the image border."""
    m = np.zeros((h, w), bool)
    yy, xx = np.mgrid[0:h, 0:w]
    n = n if n is not None else int(rng.integers(1, 5))
    for _ in range(n):
        cy = rng.uniform(-0.1 * h, 1.1 * h)
        cx = rng.uniform(-0.1 * w, 1.1 * w)
        ry = max(0.6, rng.uniform(0.02, max_r_frac) * h)
        rx = max(0.6, rng.uniform(0.02, max_r_frac) * w)
        if rng.random() < 0.7:
            m |= ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1.0
        else:
            m |= (np.abs(yy - cy) <= ry) & (np.abs(xx - cx) <= rx)
    if rng.random() < 0.3:  # punch a hole
        cy, cx = rng.uniform(0, h), rng.uniform(0, w)
        r = rng.uniform(0.01, 0.1) * min(h, w) + 0.5
        m &= ~(((yy - cy) ** 2 + (xx - cx) ** 2) <= r * r)
    return m.astype(np.uint8)


def noise(rng, h, w, p):
    return (rng.random((h, w)) < p).astype(np.uint8)


def shift(mask, dy, dx):
    h, w = mask.shape
    out = np.zeros_like(mask)
    ys0, ys1 = max(0, dy), min(h, h + dy)
    xs0, xs1 = max(0, dx), min(w, w + dx)
    if ys0 < ys1 and xs0 < xs1:
        out[ys0:ys1, xs0:xs1] = mask[ys0 - dy:ys1 - dy, xs0 - dx:xs1 - dx]
    return out


def star_polygon(rng, cx, cy, r, n, spikiness=0.3, decimals=2):
    ang = np.sort(rng.uniform(0, 2 * np.pi, n))
    rad = r * (1 + spikiness * rng.uniform(-1, 1, n))
    xs = cx + rad * np.cos(ang)
    ys = cy + rad * np.sin(ang)
    pts = np.stack([xs, ys], 1).reshape(-1)
    if decimals is not None:
        pts = np.round(pts, decimals)
    return [float(v) for v in pts]


def poly_rle(polys, h, w):
    return M.merge(M.frPyObjects(polys, h, w))


def from_counts(cnts, h, w):
    """Dense mask (h, w) from uncompressed counts (column-major)."""
    vals = np.zeros(len(cnts), np.uint8)
    vals[1::2] = 1
    flat = np.repeat(vals, np.asarray(cnts, dtype=np.int64))
    assert flat.size == h * w
    return flat.reshape((h, w), order="F")


# --------------------------------------------------------------------------------------
# 1. rle_strings.json
# --------------------------------------------------------------------------------------

def gen_rle_strings():
    rng = np.random.default_rng(SEEDS["rle_strings"])
    cases = []

    def add(name, mask):
        mask = np.asarray(mask, dtype=np.uint8)
        h, w = mask.shape
        rle = enc(mask)
        check_rle(rle, mask)
        c = {
            "name": name,
            "h": int(h),
            "w": int(w),
            "counts": counts_of_bitmap(mask),
            "string": s(rle),
            "area": area(rle),
            "bbox": bbox(rle),
        }
        if h * w <= BITMAP_MAX:
            c["bitmap"] = bitmap_str(mask)
        cases.append(c)

    add("1x1_empty", np.zeros((1, 1)))
    add("1x1_full", np.ones((1, 1)))
    for n in (2, 3, 5, 16, 17, 33, 100, 1000):
        add(f"1x{n}_random", noise(rng, 1, n, 0.5))
        add(f"{n}x1_random", noise(rng, n, 1, 0.5))
    for n in (2, 7, 64):
        m = np.zeros((1, n)); m[0, 0] = 1
        add(f"1x{n}_first_only", m)
        m = np.zeros((n, 1)); m[-1, 0] = 1
        add(f"{n}x1_last_only", m)
    for (h, w) in [(1, 2), (2, 1), (2, 2), (3, 5), (5, 3), (16, 16), (31, 33), (64, 64),
                   (100, 37), (480, 640), (427, 640), (640, 480), (1, 4096), (4096, 1)]:
        add(f"empty_{h}x{w}", np.zeros((h, w)))
        add(f"full_{h}x{w}", np.ones((h, w)))
    # first pixel is 1 (counts begin with 0)
    for (h, w) in [(1, 3), (2, 2), (3, 3), (4, 7), (10, 10), (20, 13), (48, 64)]:
        m = noise(rng, h, w, 0.5); m[0, 0] = 1
        add(f"first_pixel_one_{h}x{w}", m)
    for (h, w) in [(5, 5), (40, 40)]:
        m = np.zeros((h, w)); m[0, 0] = 1
        add(f"only_first_pixel_{h}x{w}", m)
        m = np.zeros((h, w)); m[-1, -1] = 1
        add(f"only_last_pixel_{h}x{w}", m)
        m = np.ones((h, w)); m[0, 0] = 0
        add(f"all_but_first_{h}x{w}", m)
        m = np.ones((h, w)); m[-1, -1] = 0
        add(f"all_but_last_{h}x{w}", m)
    # alternating patterns (many short runs)
    for (h, w) in [(2, 2), (3, 3), (8, 8), (7, 9), (64, 64), (63, 65)]:
        yy, xx = np.mgrid[0:h, 0:w]
        add(f"checker_{h}x{w}", (yy + xx) % 2)
        add(f"checker_inv_{h}x{w}", 1 - (yy + xx) % 2)
        add(f"row_stripes_{h}x{w}", yy % 2)
        add(f"col_stripes_{h}x{w}", xx % 2)
    for (h, w) in [(480, 640)]:
        yy, xx = np.mgrid[0:h, 0:w]
        add(f"col_stripes_{h}x{w}", xx % 2)            # 640 long runs
        add(f"checker_8px_blocks_{h}x{w}", ((yy // 8) + (xx // 8)) % 2)
    # column-major alternating single pixels: counts = [0,1,1,1,...] or [1,1,...]
    for n in (10, 11, 1000):
        flat = np.arange(n) % 2
        add(f"alt_pixels_{n}x1", flat.reshape(n, 1))
        add(f"alt_pixels_inv_{n}x1", (1 - flat).reshape(n, 1))
    # random noise at several densities, small images (bitmap included)
    for p in (0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999):
        for (h, w) in [(8, 8), (13, 17), (40, 50), (64, 64)]:
            add(f"noise_p{p}_{h}x{w}", noise(rng, h, w, p))
    # noise at COCO size, sparse/dense only (keeps the file small)
    add("noise_p0.0005_480x640", noise(rng, 480, 640, 0.0005))
    add("noise_p0.9995_427x640", noise(rng, 427, 640, 0.9995))
    # random rectangles and blobs, small
    for i in range(40):
        h, w = int(rng.integers(1, 65)), int(rng.integers(1, 65))
        add(f"rect_small_{i}_{h}x{w}", rand_rect(rng, h, w, 0.05, 1.0))
    for i in range(40):
        h, w = int(rng.integers(4, 65)), int(rng.integers(4, 65))
        add(f"blobs_small_{i}_{h}x{w}", rand_blobs(rng, h, w))
    # COCO-like sizes
    for (h, w) in [(480, 640), (427, 640), (640, 480)]:
        for i in range(8):
            add(f"rect_{i}_{h}x{w}", rand_rect(rng, h, w))
        for i in range(14):
            add(f"blobs_{i}_{h}x{w}", rand_blobs(rng, h, w))
    # crafted counts that hit the 5-bit digit boundaries of the string codec,
    # including deltas (cnts[i]-cnts[i-2], i>2) of -1, -16, -17, -32, -33, ...
    crafted = [
        [0, 1],
        [1, 1, 1],
        [15, 16, 17, 31, 32, 33],
        [16, 15, 32, 17, 48, 1],
        [1, 17, 1, 1, 34, 18, 2],                # deltas +-16, +-17 etc.
        [40, 2, 8, 34, 40, 2],                   # deltas -32, +32, +32, -32
        [100, 100, 67, 68, 100, 100],            # deltas -33, -32, +33, +32
        [511, 512, 513, 1, 1, 1024, 1025],
        [0, 1023, 1024, 1, 1, 2047, 2048],
        [1 << 15, 1, 1, (1 << 15) + 1, 1 << 15],
        [3, 1 << 16, 5, 1, 6, (1 << 16) + 7],
    ]
    for i, cnts in enumerate(crafted):
        n = sum(cnts)
        add(f"crafted_counts_{i}_{n}x1", from_counts(cnts, n, 1))
    # long runs: counts beyond 2^20 and 2^25 (bitmaps omitted)
    m = np.ones((2000, 3000), np.uint8)
    for (y, x) in [(5, 3), (1000, 1500), (1999, 2999)]:
        m[y, x] = 0
    add("long_runs_2000x3000_three_holes", m)
    m = np.zeros((2000, 3000), np.uint8)
    m[100, 1] = 1
    m[1500:1510, 2600:2602] = 1
    add("long_runs_2000x3000_sparse", m)
    cnts = [3, (1 << 20) - 1, 1, 1 << 20, 5, (1 << 20) + 1, 7]
    n = sum(cnts)
    add(f"crafted_2pow20_{n}x1", from_counts(cnts, n, 1))
    # 6000x6000 = 36e6 pixels: runs longer than 2^25 = 33554432
    m = np.ones((6000, 6000), np.uint8)
    m[10, 0] = 0
    m[5, 5900] = 0
    add("long_runs_6000x6000_two_holes", m)
    cnts = [0, 1 << 25, 1, (1 << 25) + 3, 2]
    n = sum(cnts)
    h = 2
    w = n // h
    assert w * h == n
    add(f"crafted_2pow25_{h}x{w}", from_counts(cnts, h, w))

    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate names"
    return cases


# --------------------------------------------------------------------------------------
# 2. polygons.json and boxes.json
# --------------------------------------------------------------------------------------

def quantize(rng, v, mode):
    if mode == "int":
        return float(np.round(v))
    if mode == "half":
        return float(np.round(v * 2) / 2)
    if mode == "quarter":
        return float(np.round(v * 4) / 4)
    if mode == "near_half":
        return float(np.floor(v) + 0.5 + rng.choice([-1e-3, 0.0, 1e-3]))
    if mode == "near_int":
        return float(np.round(v) + rng.choice([-1e-3, 0.0, 1e-3]))
    if mode == "two_dec":
        return float(np.round(v, 2))
    if mode == "fifth":
        return float(np.round(v * 5) / 5 + rng.choice([0.0, 0.1, -0.1]))
    return float(v)


MODES = ["int", "half", "quarter", "near_half", "near_int", "two_dec", "fifth", "raw"]


def rand_poly(rng, h, w, n, mode, lo=-0.2, hi=1.2):
    pts = []
    for _ in range(n):
        x = rng.uniform(lo * w, hi * w)
        y = rng.uniform(lo * h, hi * h)
        pts += [quantize(rng, x, mode), quantize(rng, y, mode)]
    return pts


def polygon_case(name, h, w, polys):
    for p in polys:
        assert len(p) >= 6 and len(p) % 2 == 0, name
    assert len(polys[0]) > 4  # frPyObjects dispatches a first entry of length 4 as a bbox
    rles = M.frPyObjects(polys, h, w)
    assert len(rles) == len(polys)
    merged = M.merge(rles)
    # cross-check: merge == union of decoded
    dense = np.zeros((h, w), np.uint8)
    for r in rles:
        d = dec(r)
        check_rle(r, d)
        dense |= d
    check_rle(merged, dense)
    return {
        "name": name,
        "h": int(h),
        "w": int(w),
        "polygons": [[float(v) for v in p] for p in polys],
        "rles": [s(r) for r in rles],
        "merged": s(merged),
        "area": area(merged),
        "bbox": bbox(merged),
    }


def gen_polygons():
    rng = np.random.default_rng(SEEDS["polygons"])
    cases = []

    def add(name, h, w, polys):
        cases.append(polygon_case(name, h, w, polys))

    # random polygons, 3..30 vertices, every quantisation mode
    sizes = [(1, 1), (1, 2), (2, 1), (2, 2), (3, 3), (5, 7), (8, 8), (10, 10), (16, 9), (32, 32),
             (50, 40), (64, 64), (100, 100), (480, 640)]
    k = 0
    for mode in MODES:
        for (h, w) in sizes:
            for _ in range(2):
                n = int(rng.integers(3, 31))
                add(f"rand_{mode}_{h}x{w}_{k}", h, w, [rand_poly(rng, h, w, n, mode, 0.0, 1.0)])
                k += 1
    # random polygons with points outside on every side, negative coordinates
    for mode in MODES:
        for (h, w) in [(7, 5), (20, 30), (64, 48), (480, 640)]:
            for _ in range(2):
                n = int(rng.integers(3, 31))
                add(f"outside_{mode}_{h}x{w}_{k}", h, w, [rand_poly(rng, h, w, n, mode, -0.6, 1.6)])
                k += 1
    # entirely outside / partially outside, one side at a time
    for (h, w) in [(10, 10), (480, 640)]:
        for side, (dx, dy) in {"left": (-1, 0), "right": (1, 0), "top": (0, -1), "bottom": (0, 1)}.items():
            for frac, tag in [(0.6, "partial"), (1.3, "beyond")]:
                cx, cy = w / 2 + dx * frac * w, h / 2 + dy * frac * h
                poly = star_polygon(rng, cx, cy, 0.3 * min(h, w), 12, 0.2)
                add(f"side_{side}_{tag}_{h}x{w}", h, w, [poly])
    # strictly negative coordinates (C truncation toward zero after *5+.5)
    for mode in ["int", "half", "quarter", "near_half", "raw"]:
        for (h, w) in [(6, 6), (30, 30)]:
            poly = []
            for _ in range(int(rng.integers(3, 9))):
                poly += [quantize(rng, rng.uniform(-3, 0.5 * w), mode),
                         quantize(rng, rng.uniform(-3, 0.5 * h), mode)]
            add(f"negative_{mode}_{h}x{w}_{k}", h, w, [poly]); k += 1
    for v in [-0.05, -0.1, -0.1001, -0.0999, -0.15, -0.2, -0.3, -0.5, -0.9]:
        add(f"near_zero_negative_{v}", 4, 4, [[v, v, 3.0, v, 3.0, 3.0, v, 3.0]])
    # huge coordinates (kept below ~4e8/5 so the C code stays in int range)
    for big in [1e3, 1e4, 1e5, 1e6]:
        add(f"huge_cover_{big:g}", 48, 64, [[-big, -big, big, -big, big, big, -big, big]])
        add(f"huge_triangle_{big:g}", 48, 64, [[-big, 10.0, 30.0, 20.5, -big, 30.0]])
        add(f"huge_skew_{big:g}", 30, 40, [[0.0, 0.0, big, 1.0, big, 3.5, 0.0, 2.0]])
    # degenerate polygons
    for (h, w) in [(1, 1), (5, 5), (20, 20)]:
        add(f"degen_all_equal_int_{h}x{w}", h, w, [[1.0, 1.0] * 3])
        add(f"degen_all_equal_half_{h}x{w}", h, w, [[0.5, 0.5] * 5])
        add(f"degen_collinear_h_{h}x{w}", h, w, [[0.0, 0.5, 2.0, 0.5, 4.0, 0.5]])
        add(f"degen_collinear_v_{h}x{w}", h, w, [[0.5, 0.0, 0.5, 2.0, 0.5, 4.0]])
        add(f"degen_collinear_diag_{h}x{w}", h, w, [[0.0, 0.0, 2.0, 2.0, 4.0, 4.0, 1.0, 1.0]])
        add(f"degen_line_back_forth_{h}x{w}", h, w, [[0.0, 0.0, 4.0, 3.0, 0.0, 0.0]])
        add(f"tri_unit_{h}x{w}", h, w, [[0.0, 0.0, 1.0, 0.0, 1.0, 1.0]])
        add(f"tri_big_{h}x{w}", h, w, [[0.0, 0.0, float(w), 0.0, 0.0, float(h)]])
        add(f"repeated_vertices_{h}x{w}", h, w,
            [[0.0, 0.0, 0.0, 0.0, 3.0, 0.0, 3.0, 0.0, 3.0, 3.0, 0.0, 3.0, 0.0, 3.0]])
        add(f"closed_explicitly_{h}x{w}", h, w,
            [[0.5, 0.5, 3.5, 0.5, 3.5, 3.5, 0.5, 3.5, 0.5, 0.5]])
        add(f"bowtie_{h}x{w}", h, w, [[0.0, 0.0, 4.0, 4.0, 4.0, 0.0, 0.0, 4.0]])
    for (h, w) in [(20, 20), (100, 100)]:
        for npts in (5, 7, 9, 11):
            # self-intersecting {n/2} stars
            r = 0.45 * min(h, w)
            cx, cy = w / 2, h / 2
            step = npts // 2
            pts = []
            for i in range(npts):
                a = 2 * np.pi * ((i * step) % npts) / npts - np.pi / 2
                pts += [round(cx + r * np.cos(a), 3), round(cy + r * np.sin(a), 3)]
            add(f"star_selfint_{npts}_{h}x{w}", h, w, [pts])
    for i in range(10):
        h, w = int(rng.integers(5, 80)), int(rng.integers(5, 80))
        n = int(rng.integers(5, 31))
        pts = rand_poly(rng, h, w, n, MODES[i % len(MODES)], 0.0, 1.0)  # unordered -> self-intersecting
        add(f"selfint_random_{i}_{h}x{w}", h, w, [pts])
    # polygons exactly on the image border
    for (h, w) in [(1, 1), (2, 3), (10, 10), (480, 640)]:
        H, W = float(h), float(w)
        add(f"border_full_{h}x{w}", h, w, [[0.0, 0.0, W, 0.0, W, H, 0.0, H]])
        add(f"border_minus1_{h}x{w}", h, w, [[0.0, 0.0, W - 1, 0.0, W - 1, H - 1, 0.0, H - 1]])
        add(f"border_half_{h}x{w}", h, w, [[-0.5, -0.5, W - 0.5, -0.5, W - 0.5, H - 0.5, -0.5, H - 0.5]])
        add(f"border_left_edge_{h}x{w}", h, w, [[0.0, 0.0, 0.0, H, 0.5, H, 0.5, 0.0]])
        add(f"border_right_edge_{h}x{w}", h, w, [[W, 0.0, W, H, W - 0.5, H, W - 0.5, 0.0]])
        add(f"border_top_edge_{h}x{w}", h, w, [[0.0, 0.0, W, 0.0, W, 0.5, 0.0, 0.5]])
        add(f"border_bottom_edge_{h}x{w}", h, w, [[0.0, H, W, H, W, H - 0.5, 0.0, H - 0.5]])
        add(f"border_ccw_{h}x{w}", h, w, [[0.0, 0.0, 0.0, H, W, H, W, 0.0]])
    # axis-aligned squares with every fractional offset (rasterisation rule)
    for off in [0.0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.499, 0.5, 0.501, 0.6, 0.75, 0.9, 0.999]:
        x0 = 1 + off
        add(f"square_offset_{off}", 6, 6, [[x0, x0, x0 + 3, x0, x0 + 3, x0 + 3, x0, x0 + 3]])
        add(f"square_size_{off}", 6, 6, [[1.0, 1.0, 3 + off, 1.0, 3 + off, 3 + off, 1.0, 3 + off]])
    # several overlapping polygons per case
    for i in range(30):
        h, w = [(12, 12), (40, 30), (100, 120), (480, 640)][i % 4]
        npoly = int(rng.integers(2, 6))
        polys = []
        for j in range(npoly):
            n = int(rng.integers(3, 16))
            if rng.random() < 0.5:
                polys.append(star_polygon(rng, rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h,
                                          rng.uniform(0.1, 0.4) * min(h, w), max(3, n), 0.3,
                                          [None, 2, 1, 0][j % 4]))
            else:
                polys.append(rand_poly(rng, h, w, n, MODES[(i + j) % len(MODES)], -0.1, 1.1))
        add(f"multi_{npoly}_{i}_{h}x{w}", h, w, polys)
    # realistic COCO-like object polygons (2 decimals, 20..60 vertices)
    for i in range(60):
        h, w = [(480, 640), (427, 640), (640, 480)][i % 3]
        n = int(rng.integers(20, 61))
        r = rng.uniform(0.03, 0.35) * min(h, w)
        polys = [star_polygon(rng, rng.uniform(0.05, 0.95) * w, rng.uniform(0.05, 0.95) * h,
                              r, n, rng.uniform(0.05, 0.4), 2)]
        if i % 5 == 0:  # occluded objects: several parts
            for _ in range(int(rng.integers(1, 3))):
                polys.append(star_polygon(rng, rng.uniform(0.05, 0.95) * w, rng.uniform(0.05, 0.95) * h,
                                          r * 0.5, int(rng.integers(6, 20)), 0.2, 2))
        add(f"coco_like_{i}_{h}x{w}", h, w, polys)

    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate names"
    return cases


def gen_boxes():
    rng = np.random.default_rng(SEEDS["boxes"])
    cases = []

    def add(name, h, w, box):
        box = [float(v) for v in box]
        r = M.frPyObjects(np.array([box], dtype=np.float64), h, w)[0]
        d = dec(r)
        check_rle(r, d)
        cases.append({"name": name, "h": int(h), "w": int(w), "box": box, "rle": s(r),
                      "area": area(r), "bbox": bbox(r)})

    for (h, w) in [(1, 1), (3, 3), (10, 10), (480, 640)]:
        add(f"full_{h}x{w}", h, w, [0, 0, w, h])
        add(f"zero_w_{h}x{w}", h, w, [0, 0, 0, h])
        add(f"zero_h_{h}x{w}", h, w, [0, 0, w, 0])
        add(f"zero_both_{h}x{w}", h, w, [0.5, 0.5, 0, 0])
        add(f"outside_all_{h}x{w}", h, w, [-2 * w, -2 * h, 4 * w, 4 * h])
        add(f"outside_right_{h}x{w}", h, w, [w + 1, 0, 3, h])
        add(f"outside_left_{h}x{w}", h, w, [-5, 0, 4, h])
        add(f"outside_below_{h}x{w}", h, w, [0, h + 0.5, w, 2])
        add(f"negative_size_{h}x{w}", h, w, [w / 2, h / 2, -w / 3, -h / 3])
    for v in [0.0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.499, 0.5, 0.501, 0.6, 0.75, 0.9]:
        add(f"frac_origin_{v}", 6, 6, [1 + v, 1 + v, 2, 2])
        add(f"frac_size_{v}", 6, 6, [1, 1, 2 + v, 2 + v])
    for v in [0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5]:
        add(f"thin_w_{v}", 8, 8, [2, 1, v, 5])
        add(f"thin_h_{v}", 8, 8, [1, 2, 5, v])
    modes = ["int", "half", "quarter", "two_dec", "raw", "near_half"]
    for i in range(30):
        h, w = [(5, 5), (20, 30), (100, 80), (480, 640), (427, 640)][i % 5]
        mode = modes[i % len(modes)]
        x = quantize(rng, rng.uniform(-0.3 * w, 1.1 * w), mode)
        y = quantize(rng, rng.uniform(-0.3 * h, 1.1 * h), mode)
        bw = quantize(rng, rng.uniform(0, 0.8 * w), mode)
        bh = quantize(rng, rng.uniform(0, 0.8 * h), mode)
        add(f"rand_{mode}_{i}_{h}x{w}", h, w, [x, y, bw, bh])
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate names"
    return cases


# --------------------------------------------------------------------------------------
# 3. iou.json
# --------------------------------------------------------------------------------------

def gen_iou():
    rng = np.random.default_rng(SEEDS["iou"])
    cases = []

    def add(name, dmask, gmask, crowd):
        dmask = np.asarray(dmask, np.uint8)
        gmask = np.asarray(gmask, np.uint8)
        h, w = gmask.shape
        assert dmask.shape == gmask.shape
        dr, gr = enc(dmask), enc(gmask)
        # round-trip through strings to be sure the stored strings are what is measured
        dr, gr = obj(h, w, s(dr)), obj(h, w, s(gr))
        iou = float(M.iou([dr], [gr], [int(crowd)])[0][0])
        inter = area(M.merge([dr, gr], intersect=1))
        union = area(M.merge([dr, gr], intersect=0))
        # independent check
        ni = int((dmask & gmask).sum())
        nu = int((dmask | gmask).sum())
        assert ni == inter and nu == union, name
        if ni == 0:
            expect = 0.0
        elif crowd:
            expect = ni / float(dmask.sum())
        else:
            expect = ni / float(nu)
        assert iou == expect, (name, iou, expect)
        cases.append({
            "name": name,
            "dt": {"size": [int(h), int(w)], "counts": s(dr)},
            "gt": {"size": [int(h), int(w)], "counts": s(gr)},
            "iscrowd": bool(crowd),
            "iou": iou,
            "intersection": inter,
            "union": union,
        })

    for crowd in (False, True):
        c = "crowd" if crowd else "plain"
        # tiny sizes, exhaustive-ish
        for (h, w) in [(1, 1), (1, 2), (2, 1), (2, 2), (3, 3)]:
            for _ in range(6):
                add(f"tiny_{c}_{h}x{w}_{len(cases)}", noise(rng, h, w, 0.5), noise(rng, h, w, 0.5), crowd)
        for (h, w) in [(1, 1), (4, 4)]:
            z, o = np.zeros((h, w)), np.ones((h, w))
            add(f"both_empty_{c}_{h}x{w}", z, z, crowd)
            add(f"dt_empty_{c}_{h}x{w}", z, o, crowd)
            add(f"gt_empty_{c}_{h}x{w}", o, z, crowd)
            add(f"both_full_{c}_{h}x{w}", o, o, crowd)
        for (h, w) in [(480, 640)]:
            z = np.zeros((h, w))
            b = rand_blobs(rng, h, w)
            add(f"both_empty_{c}_{h}x{w}", z, z, crowd)
            add(f"dt_empty_{c}_{h}x{w}", z, b, crowd)
            add(f"gt_empty_{c}_{h}x{w}", b, z, crowd)
            add(f"identical_{c}_{h}x{w}", b, b, crowd)
        # identical
        for i in range(5):
            h, w = int(rng.integers(1, 50)), int(rng.integers(1, 50))
            m = rand_blobs(rng, h, w)
            add(f"identical_{c}_{i}_{h}x{w}", m, m, crowd)
        # shifted blobs: overlap from full to none
        for (h, w) in [(480, 640), (427, 640), (640, 480), (60, 80)]:
            for k in range(10):
                g = rand_blobs(rng, h, w)
                dy = int(rng.integers(-h // 4, h // 4 + 1) * (k / 9.0))
                dx = int(rng.integers(-w // 4, w // 4 + 1) * (k / 9.0))
                add(f"shifted_{c}_{k}_{h}x{w}", shift(g, dy, dx), g, crowd)
        # independent random blobs / rects
        for i in range(20):
            h, w = [(480, 640), (427, 640), (32, 32), (100, 70)][i % 4]
            add(f"indep_blobs_{c}_{i}_{h}x{w}", rand_blobs(rng, h, w), rand_blobs(rng, h, w), crowd)
        for i in range(10):
            h, w = [(480, 640), (10, 12)][i % 2]
            add(f"indep_rects_{c}_{i}_{h}x{w}", rand_rect(rng, h, w), rand_rect(rng, h, w), crowd)
        # disjoint with separated bboxes
        for (h, w) in [(10, 10), (480, 640)]:
            a = np.zeros((h, w)); a[: h // 3, : w // 3] = 1
            b = np.zeros((h, w)); b[h // 2:, w // 2:] = 1
            add(f"disjoint_{c}_{h}x{w}", a, b, crowd)
            add(f"disjoint_rev_{c}_{h}x{w}", b, a, crowd)
            t = np.zeros((h, w)); t[:, : w // 2] = 1
            u = np.zeros((h, w)); u[:, w // 2:] = 1
            add(f"touching_{c}_{h}x{w}", t, u, crowd)
        # bounding boxes overlap but pixels do not
        for (h, w) in [(8, 8), (9, 7), (100, 100), (480, 640)]:
            yy, xx = np.mgrid[0:h, 0:w]
            lo = (yy * w > xx * h).astype(np.uint8)
            add(f"bbox_overlap_triangles_{c}_{h}x{w}", lo, 1 - lo, crowd)
            if h * w <= 10000:  # a full-size checkerboard string is ~300 kB
                ch = (yy + xx) % 2
                add(f"bbox_overlap_checker_{c}_{h}x{w}", ch, 1 - ch, crowd)
            ring = (((yy - h / 2) ** 2 + (xx - w / 2) ** 2) <= (0.45 * min(h, w)) ** 2)
            core = (((yy - h / 2) ** 2 + (xx - w / 2) ** 2) <= (0.2 * min(h, w)) ** 2)
            add(f"bbox_overlap_ring_core_{c}_{h}x{w}", (ring & ~core), core, crowd)
            lshape = np.zeros((h, w)); lshape[:, 0] = 1; lshape[-1, :] = 1
            dot = np.zeros((h, w)); dot[0, w - 1] = 1; dot[h // 2, w // 2] = 1
            add(f"bbox_overlap_L_dots_{c}_{h}x{w}", dot, lshape, crowd)
        # subsets (crowd IoU is intersection / area(dt))
        for i in range(6):
            h, w = [(480, 640), (20, 20)][i % 2]
            g = rand_blobs(rng, h, w, n=3, max_r_frac=0.4)
            d = g & rand_blobs(rng, h, w, n=3, max_r_frac=0.5)
            add(f"dt_subset_{c}_{i}_{h}x{w}", d, g, crowd)
            add(f"gt_subset_{c}_{i}_{h}x{w}", g, d, crowd)
        # noise masks
        for p in (0.05, 0.5, 0.95):
            for (h, w) in [(16, 16), (37, 23)]:
                add(f"noise_p{p}_{c}_{h}x{w}", noise(rng, h, w, p), noise(rng, h, w, p), crowd)
        # polygon masks: gt polygon, dt jittered/shifted/scaled polygon
        for i in range(40):
            h, w = [(480, 640), (427, 640), (640, 480), (50, 50)][i % 4]
            n = int(rng.integers(8, 40))
            cx, cy = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
            r = rng.uniform(0.03, 0.35) * min(h, w)
            gp = np.array(star_polygon(rng, cx, cy, r, n, 0.25, 2))
            sc = rng.uniform(0.7, 1.3)
            off = rng.normal(0, 0.15 * r, 2)
            dp = gp.reshape(-1, 2)
            dp = (dp - [cx, cy]) * sc + [cx, cy] + off + rng.normal(0, 0.03 * r, dp.shape)
            g = dec(poly_rle([list(map(float, gp))], h, w))
            d = dec(poly_rle([list(map(float, np.round(dp.reshape(-1), 2)))], h, w))
            add(f"polygon_pair_{c}_{i}_{h}x{w}", d, g, crowd)
    # a couple of large ones
    h, w = 1500, 2000
    g = rand_blobs(rng, h, w, n=4)
    add(f"large_shifted_plain_{h}x{w}", shift(g, 37, -51), g, False)
    add(f"large_shifted_crowd_{h}x{w}", shift(g, 37, -51), g, True)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate names"
    return cases


# --------------------------------------------------------------------------------------
# 4. merge.json
# --------------------------------------------------------------------------------------

def gen_merge():
    rng = np.random.default_rng(SEEDS["merge"])
    cases = []

    def add(name, masks, intersect):
        masks = [np.asarray(m, np.uint8) for m in masks]
        h, w = masks[0].shape
        rles = [obj(h, w, s(enc(m))) for m in masks]
        merged = M.merge(rles, intersect=intersect)
        dense = masks[0].copy()
        for m in masks[1:]:
            dense = (dense & m) if intersect else (dense | m)
        check_rle(merged, dense)
        assert list(merged["size"]) == [h, w]
        cases.append({"name": name, "size": [int(h), int(w)], "rles": [s(r) for r in rles],
                      "intersect": int(intersect), "merged": s(merged)})

    kinds = ["blobs", "rect", "noise", "mixed"]
    i = 0
    for intersect in (0, 1):
        for n in (1, 2, 3, 4, 5):
            for rep in range(12):
                h, w = [(1, 1), (2, 3), (8, 8), (25, 17), (64, 64), (480, 640), (427, 640), (640, 480)][rep % 8]
                kind = kinds[(rep + n) % len(kinds)]
                ms = []
                for j in range(n):
                    k = kind if kind != "mixed" else kinds[j % 3]
                    if k == "blobs":
                        ms.append(rand_blobs(rng, h, w))
                    elif k == "rect":
                        ms.append(rand_rect(rng, h, w, 0.1, 0.9))
                    else:
                        p = 0.5 if h * w <= 4096 else 0.002
                        ms.append(noise(rng, h, w, p))
                add(f"{kind}_n{n}_{'and' if intersect else 'or'}_{i}_{h}x{w}", ms, intersect)
                i += 1
        # special inputs
        for (h, w) in [(1, 1), (5, 4), (480, 640)]:
            z, o = np.zeros((h, w)), np.ones((h, w))
            b = rand_blobs(rng, h, w)
            tag = "and" if intersect else "or"
            add(f"empty_empty_{tag}_{h}x{w}", [z, z], intersect)
            add(f"empty_full_{tag}_{h}x{w}", [z, o], intersect)
            add(f"full_blob_{tag}_{h}x{w}", [o, b], intersect)
            add(f"blob_self_{tag}_{h}x{w}", [b, b, b], intersect)
            add(f"blob_complement_{tag}_{h}x{w}", [b, 1 - b], intersect)
            add(f"empty_single_{tag}_{h}x{w}", [z], intersect)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate names"
    return cases


# --------------------------------------------------------------------------------------
# quirks.json: real pycocotools behaviour that is arguably a bug or an API accident.
# Kept out of the main files so that a correct implementation can choose what to follow.
# --------------------------------------------------------------------------------------

def gen_quirks():
    cases = []
    # (a) merge of RLEs whose counts contain a zero-length run in the middle
    #     (possible via frPyObjects of uncompressed counts).  rleMerge stops early
    #     when both inputs hit such a run at the same place: the result's counts no
    #     longer sum to h*w.
    for (h, w, cnts_a, cnts_b) in [
        (2, 3, [2, 0, 3, 1], [2, 0, 3, 1]),
        (2, 3, [2, 0, 3, 1], [2, 1, 3]),
        (3, 3, [1, 2, 0, 3, 3], [0, 4, 5]),
        (3, 3, [1, 2, 0, 3, 3], [1, 2, 0, 3, 3]),
    ]:
        a = M.frPyObjects({"size": [h, w], "counts": cnts_a}, h, w)
        b = M.frPyObjects({"size": [h, w], "counts": cnts_b}, h, w)
        for intersect in (0, 1):
            mr = M.merge([a, b], intersect=intersect)
            cases.append({
                "kind": "merge_noncanonical",
                "size": [h, w],
                "uncompressed": [cnts_a, cnts_b],
                "rles": [s(a), s(b)],
                "intersect": intersect,
                "merged": s(mr),
                "merged_counts": py_from_string(s(mr)),
                "area": area(mr),
                "correct_area": int(((dec(a) & dec(b)) if intersect else (dec(a) | dec(b))).sum()),
            })
    # (b) frPyObjects dispatches on len(pyobj[0]) == 4: a list whose first entry has
    #     4 numbers is taken as a list of BOXES (and, as a Python list, is rejected by
    #     frBbox with TypeError in 2.0.11).  A 4-number polygon in a later position is
    #     rasterised as a 2-point polygon (always empty).
    try:
        M.frPyObjects([[0.0, 0.0, 3.0, 3.0]], 5, 5)
        first4 = "accepted"
    except TypeError as e:
        first4 = "TypeError: " + str(e)
    r = M.frPyObjects([[0.0, 0.0, 4.0, 0.0, 4.0, 4.0], [0.0, 0.0, 3.0, 3.0]], 5, 5)
    cases.append({"kind": "frPyObjects_first_len4", "h": 5, "w": 5,
                  "polygons": [[0.0, 0.0, 3.0, 3.0]], "result": first4})
    cases.append({"kind": "polygon_two_points_not_first", "h": 5, "w": 5,
                  "polygons": [[0.0, 0.0, 4.0, 0.0, 4.0, 4.0], [0.0, 0.0, 3.0, 3.0]],
                  "rles": [s(x) for x in r], "areas": [area(x) for x in r]})
    # (c) iou of masks of different sizes: -1 when the bboxes overlap, 0 otherwise
    a = enc(np.ones((4, 4)))
    b = enc(np.ones((4, 5)))
    c = enc(np.zeros((4, 5)))
    for name, dt, gt in [("size_mismatch_overlap", a, b), ("size_mismatch_gt_empty", a, c)]:
        cases.append({"kind": "iou_" + name,
                      "dt": {"size": [int(v) for v in dt["size"]], "counts": s(dt)},
                      "gt": {"size": [int(v) for v in gt["size"]], "counts": s(gt)},
                      "iou": float(M.iou([dt], [gt], [0])[0][0])})
    # (d) merge of different sizes gives size [0, 0] and empty counts
    mr = M.merge([a, b])
    cases.append({"kind": "merge_size_mismatch", "rles": [s(a), s(b)],
                  "sizes": [[4, 4], [4, 5]], "merged_size": [int(v) for v in mr["size"]],
                  "merged": s(mr)})
    # (e) encode of a 0xN mask: counts [0] (string "0")
    z = enc(np.zeros((0, 5)))
    cases.append({"kind": "encode_zero_height", "h": 0, "w": 5, "string": s(z),
                  "area": area(z), "bbox": bbox(z)})
    # (f) a tiny triangle of area 0.5 px rasterises to nothing; box with zero size
    t = M.frPyObjects([[0.0, 0.0, 1.0, 0.0, 1.0, 1.0]], 5, 5)[0]
    cases.append({"kind": "tiny_triangle_empty", "h": 5, "w": 5,
                  "polygons": [[0.0, 0.0, 1.0, 0.0, 1.0, 1.0]], "rle": s(t), "area": area(t)})
    return cases


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    total = 0
    report = []
    for name, fn in [("rle_strings", gen_rle_strings), ("polygons", gen_polygons),
                     ("boxes", gen_boxes), ("iou", gen_iou), ("merge", gen_merge),
                     ("quirks", gen_quirks)]:
        cases = fn()
        header = {"generator": GENERATOR, "seed": SEEDS[name]}
        path, size = write_cases(name, header, cases)
        total += size
        report.append(f"{path}: {len(cases)} cases, {size} bytes")
    for line in report:
        print(line)
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()

"""COCO RLE masks exactly as pycocotools writes them, in pure Python (standard library only).

A mask of height h and width w is read in column-major (Fortran) order and written as run
lengths that alternate starting with a run of zeros (a mask whose first pixel is set starts
with a 0 run). The compressed string is pycocotools' ``rleToString``: every count, from index 3
on as the difference with the count two places back (indices 0, 1 and 2 are written as they
are), is written in groups of 5 bits, least significant first, with 0x20 marking "more groups
follow" and bit 0x10 of the last group carrying the sign; each group is offset by 48 ('0').

    >>> encode_counts([1, 1])
    '11'
    >>> decode_counts('031N')
    [0, 3, 1, 1]
    >>> encode_flat([1, 1, 1, 0, 1], 5, 1)
    {'size': [5, 1], 'counts': '031N'}

Masks cross the protocol as ``{"size": [h, w], "counts": "<string>"}``; uncompressed counts
(``"counts": [n0, n1, ...]``) are read too. Everything here raises ``ValueError`` with a
message for a person on bad input.
"""

__all__ = [
    "encode_counts", "decode_counts", "counts_from_flat", "flat_from_counts", "encode_flat",
    "decode", "read_rle", "box_counts", "area", "canonical",
]


def encode_counts(counts):
    """The pycocotools string of a list of run lengths."""
    out = []
    for i, x in enumerate(counts):
        x = int(x)
        if x < 0:
            raise ValueError("negative run length %d at index %d" % (x, i))
        if i > 2:
            x -= int(counts[i - 2])
        more = True
        while more:
            c = x & 0x1F
            x >>= 5  # arithmetic shift: a negative delta ends at -1
            more = (x != -1) if (c & 0x10) else (x != 0)
            if more:
                c |= 0x20
            out.append(chr(c + 48))
    return "".join(out)


def decode_counts(s):
    """The run lengths of a pycocotools string (strict: bad characters, a truncated value and
    negative runs are errors)."""
    if not isinstance(s, str):
        raise ValueError("RLE counts string must be a string, not %s" % type(s).__name__)
    counts = []
    p, n = 0, len(s)
    while p < n:
        x, k, more = 0, 0, True
        while more:
            if p >= n:
                raise ValueError("RLE string %s is truncated (its last value is incomplete)"
                                 % _quote(s))
            c = ord(s[p]) - 48
            if c < 0 or c > 63:
                raise ValueError("invalid character %r at position %d of RLE string %s"
                                 % (s[p], p, _quote(s)))
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(counts) > 2:
            x += counts[-2]
        if x < 0:
            raise ValueError("RLE string %s decodes to a negative run (%d) at index %d"
                             % (_quote(s), x, len(counts)))
        counts.append(x)
    return counts


def counts_from_flat(flat):
    """Run lengths of a flat column-major sequence of 0/1 (any truthy value is 1)."""
    counts = []
    current, run = 0, 0
    for v in flat:
        b = 1 if v else 0
        if b == current:
            run += 1
        else:
            counts.append(run)
            current, run = b, 1
    counts.append(run)
    return counts


def flat_from_counts(counts, n=None):
    """The flat column-major 0/1 ``bytearray`` of run lengths (``n``, if given, is checked)."""
    total = sum(counts)
    if n is not None and total != n:
        raise ValueError("RLE counts sum to %d but the mask has %d pixels" % (total, n))
    out = bytearray(total)
    p, v = 0, 0
    for c in counts:
        if v:
            out[p:p + c] = b"\x01" * c
        p += c
        v ^= 1
    return out


def encode_flat(flat, h, w):
    """The RLE object of a flat column-major 0/1 sequence of an h x w mask."""
    flat = list(flat)
    if len(flat) != h * w:
        raise ValueError("mask has %d pixels, expected %dx%d = %d" % (len(flat), h, w, h * w))
    return {"size": [h, w], "counts": encode_counts(counts_from_flat(flat))}


def read_rle(obj, where="mask"):
    """``(h, w, counts)`` of an RLE object, compressed or not, checked: the size is two
    non-negative integers and the counts sum to h*w."""
    if not isinstance(obj, dict):
        raise ValueError("%s must be an RLE object {\"size\": [h, w], \"counts\": ...}" % where)
    extra = set(obj) - {"size", "counts"}
    if extra:
        raise ValueError("%s has unknown field(s) %s" % (where, ", ".join(sorted(extra))))
    size = obj.get("size")
    if (not isinstance(size, list) or len(size) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in size)):
        raise ValueError("%s: \"size\" must be [h, w], two non-negative integers" % where)
    h, w = size
    raw = obj.get("counts")
    if isinstance(raw, str):
        try:
            counts = decode_counts(raw)
        except ValueError as e:
            raise ValueError("%s: %s" % (where, e))
    elif isinstance(raw, list):
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in raw):
            raise ValueError("%s: uncompressed counts must be non-negative integers" % where)
        counts = list(raw)
    else:
        raise ValueError("%s: \"counts\" must be a string or a list of integers" % where)
    total = sum(counts)
    if total != h * w:
        raise ValueError("%s: RLE counts sum to %d but the mask is %dx%d = %d pixels"
                         % (where, total, h, w, h * w))
    return h, w, counts


def decode(obj):
    """``(h, w, flat)`` of an RLE object: ``flat`` is the column-major 0/1 ``bytearray``
    (pixel (y, x) at ``x * h + y``)."""
    h, w, counts = read_rle(obj)
    return h, w, flat_from_counts(counts, h * w)


def canonical(counts):
    """Counts without zero-length runs after the first (the runs around one are merged), as
    pycocotools' ``encode`` would write the same mask; a leading 0 stays."""
    fixed, last = [], 0
    for i, c in enumerate(counts):
        v = i % 2  # the value of this run: 0 or 1
        if not fixed:
            fixed.append(c)
            last = v
        elif c == 0:
            continue
        elif v == last:
            fixed[-1] += c
        else:
            fixed.append(c)
            last = v
    return fixed


def box_counts(h, w, y0, y1, x0, x1):
    """Run lengths of the h x w mask that is 1 on rows [y0, y1) and columns [x0, x1), built
    without materialising the mask (clipped to the image; an empty box gives ``[h*w]``)."""
    y0, y1 = max(0, min(h, y0)), max(0, min(h, y1))
    x0, x1 = max(0, min(w, x0)), max(0, min(w, x1))
    if y0 >= y1 or x0 >= x1:
        return [h * w]
    bh = y1 - y0
    counts = []
    zeros = x0 * h + y0
    for col in range(x0, x1):
        counts.append(zeros)
        counts.append(bh)
        zeros = h - bh
    counts.append((w - x1) * h + (h - y1))
    return canonical(counts)


def area(counts):
    """The number of pixels set."""
    return sum(counts[1::2])


def _quote(s, limit=40):
    return '"%s"' % (s if len(s) <= limit else s[:limit] + "...")

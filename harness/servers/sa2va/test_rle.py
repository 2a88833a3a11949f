"""Unit tests of rle.py (standard library only): hand-computed strings, error cases, and the
pycocotools golden vectors in metrics/src/test/resources/golden/rle_strings.json.

    cd harness/servers/sa2va && python3 -m unittest -v
"""

import json
import os
import unittest

import rle

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "..", "metrics", "src", "test", "resources", "golden",
                      "rle_strings.json")


def column_major(bitmap, h, w):
    """The row-major '0'/'1' string of the golden file, in column-major order."""
    return [1 if bitmap[y * w + x] == "1" else 0 for x in range(w) for y in range(h)]


class HandComputedTest(unittest.TestCase):
    # (counts, string), worked out by hand from rleToString:
    CASES = [
        ([1], "1"),              # 1x1 empty
        ([0, 1], "01"),          # 1x1 full: a leading zero run
        ([0, 3, 1, 1], "031N"),  # index 3 is a delta: 1 - 3 = -2 -> 30 -> 'N'
        ([0, 2, 5, 1], "025O"),  # 1 - 2 = -1 -> 31 -> 'O'
        ([40], "X1"),            # 40 = 8 + 1*32: '0'+(8|0x20) then '0'+1
        ([16], "`0"),            # 16 has bit 0x10 set, so a second (zero) group carries the sign
        ([15], "?"),             # 15 fits one group
        ([5, 2, 2, 2, 2, 2, 2, 2, 5], "522000003"),  # a 2x4 box in a 4x6 image
    ]

    def test_encode(self):
        for counts, s in self.CASES:
            self.assertEqual(s, rle.encode_counts(counts), counts)

    def test_decode(self):
        for counts, s in self.CASES:
            self.assertEqual(counts, rle.decode_counts(s), s)

    def test_flat_round_trip(self):
        # 5x1 column 1,1,1,0,1
        self.assertEqual({"size": [5, 1], "counts": "031N"}, rle.encode_flat([1, 1, 1, 0, 1], 5, 1))
        self.assertEqual((5, 1, bytearray([1, 1, 1, 0, 1])), rle.decode({"size": [5, 1], "counts": "031N"}))
        self.assertEqual([0], rle.counts_from_flat([]))

    def test_docs_example_mask(self):
        # docs/model-server.md: the left half of an 8x10 image
        h, w, flat = rle.decode({"size": [8, 10], "counts": ":44000^1"})
        self.assertEqual(80, len(flat))
        self.assertEqual(":44000^1", rle.encode_counts(rle.counts_from_flat(flat)))

    def test_box_counts(self):
        self.assertEqual([5, 2, 2, 2, 2, 2, 2, 2, 5], rle.box_counts(4, 6, 1, 3, 1, 5))
        self.assertEqual([0, 24], rle.box_counts(4, 6, 0, 4, 0, 6))
        self.assertEqual([8, 8, 8], rle.box_counts(4, 6, 0, 4, 2, 4))
        self.assertEqual([24], rle.box_counts(4, 6, 2, 2, 0, 6))
        for (h, w, y0, y1, x0, x1) in [(3, 5, 0, 3, 1, 2), (7, 4, 2, 7, 0, 4), (1, 1, 0, 1, 0, 1),
                                       (6, 6, 5, 6, 5, 6), (5, 3, -2, 9, 1, 9)]:
            flat = [1 if max(0, y0) <= y < min(h, y1) and max(0, x0) <= x < min(w, x1) else 0
                    for x in range(w) for y in range(h)]
            self.assertEqual(rle.counts_from_flat(flat), rle.box_counts(h, w, y0, y1, x0, x1))

    def test_canonical(self):
        self.assertEqual([5], rle.canonical([0, 0, 5]))
        self.assertEqual([0, 5], rle.canonical([0, 3, 0, 2]))
        self.assertEqual([2, 3, 1], rle.canonical([2, 3, 1, 0]))

    def test_bad_strings(self):
        for bad, why in [("X", "truncated"), ("1~", "invalid character"), ("0 1", "invalid character"),
                         ("00N", "negative")]:
            with self.assertRaises(ValueError) as e:
                rle.decode_counts(bad)
            self.assertIn(why, str(e.exception), bad)

    def test_read_rle_checks(self):
        with self.assertRaisesRegex(ValueError, "sum to 5 but the mask is 2x2 = 4"):
            rle.read_rle({"size": [2, 2], "counts": "5"})
        with self.assertRaisesRegex(ValueError, "size"):
            rle.read_rle({"size": [2], "counts": "4"})
        with self.assertRaisesRegex(ValueError, "unknown field"):
            rle.read_rle({"size": [2, 2], "counts": "4", "foo": 1})
        with self.assertRaisesRegex(ValueError, "non-negative"):
            rle.read_rle({"size": [2, 2], "counts": [5, -1]})
        self.assertEqual((2, 2, [1, 3]), rle.read_rle({"size": [2, 2], "counts": [1, 3]}))
        with self.assertRaises(ValueError):
            rle.encode_counts([1, -1])


@unittest.skipUnless(os.path.exists(GOLDEN), "golden vectors not found at " + GOLDEN)
class GoldenVectorsTest(unittest.TestCase):
    """Every case of the pycocotools 2.0.11 golden file, string for string."""

    @classmethod
    def setUpClass(cls):
        with open(GOLDEN) as f:
            cls.cases = json.load(f)["cases"]

    def test_there_are_cases(self):
        self.assertGreaterEqual(len(self.cases), 299)

    def test_counts_to_string_and_back(self):
        for c in self.cases:
            self.assertEqual(c["string"], rle.encode_counts(c["counts"]), c["name"])
            self.assertEqual(c["counts"], rle.decode_counts(c["string"]), c["name"])
            self.assertEqual(c["h"] * c["w"], sum(c["counts"]), c["name"])
            self.assertEqual(c["area"], rle.area(c["counts"]), c["name"])

    def test_bitmaps(self):
        n = 0
        for c in self.cases:
            if "bitmap" not in c:
                continue
            n += 1
            flat = column_major(c["bitmap"], c["h"], c["w"])
            self.assertEqual(c["counts"], rle.counts_from_flat(flat), c["name"])
            self.assertEqual({"size": [c["h"], c["w"]], "counts": c["string"]},
                             rle.encode_flat(flat, c["h"], c["w"]), c["name"])
            self.assertEqual(bytearray(flat), rle.decode({"size": [c["h"], c["w"]],
                                                          "counts": c["string"]})[2], c["name"])
        self.assertGreaterEqual(n, 215)


if __name__ == "__main__":
    unittest.main()

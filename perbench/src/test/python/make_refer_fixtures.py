#!/usr/bin/env python3
"""Writes the refer-layout test fixtures under perbench/src/test/resources/refer/.

Standard library only. The refs pickles are assembled opcode by opcode with Python 2
semantics, because Python 3's pickler writes a str as unicode (BINUNICODE), never as the byte
string (STRING, BINSTRING, SHORT_BINSTRING) that the public refs(unc).p files hold:

  refcoco/refs(unc).p    protocol 2, as cPickle wrote it: SHORT_BINSTRING/BINSTRING, a memo
                         (BINPUT after every list, dict and string; BINGET for a repeat)
  refcoco+/refs(unc).p   the same refs in protocol 0 (text: S'...' strings, I/L ints, p/g memo)
  grefcoco/grefs(unc).p  gRefCOCO refs in protocol 2; grefs(unc).json the same refs in JSON

Each dataset has an instances.json with polygons (several per object, overlapping, partly
outside the image), a compressed RLE annotation, an uncompressed crowd RLE and distractors.
Every pickle is checked to load with pickle.loads(data, encoding='latin1') into the intended
value. The expected masks are made by make_refer_expected.py (pycocotools), not here.

Usage: python3 make_refer_fixtures.py [OUT_DIR]   (default: ../resources/refer)
"""
import io
import json
import os
import pickle
import pickletools
import struct
import sys


class U(str):
    """A Python 2 unicode value (pickled with a unicode opcode, not as a byte string)."""


# ---------------------------------------------------------------- pickle writers

def _short(s):
    return s.encode('latin-1')


class Proto2Writer:
    """cPickle.dump(obj, f, 2) for str/unicode/int/list/dict, memo by value."""

    def __init__(self):
        self.out = io.BytesIO()
        self.memo = {}

    def _put(self, key):
        idx = len(self.memo)
        if key is not None:
            self.memo[key] = idx
        else:
            self.memo[('anon', idx)] = idx
        if idx < 256:
            self.out.write(b'q' + bytes([idx]))
        else:
            self.out.write(b'r' + struct.pack('<I', idx))

    def dump(self, obj):
        self.out.write(b'\x80\x02')
        self.save(obj)
        self.out.write(b'.')
        return self.out.getvalue()

    def save(self, obj):
        w = self.out.write
        if isinstance(obj, bool):
            w(b'\x88' if obj else b'\x89')
        elif isinstance(obj, int):
            if 0 <= obj <= 0xff:
                w(b'K' + bytes([obj]))
            elif 0 <= obj <= 0xffff:
                w(b'M' + struct.pack('<H', obj))
            elif -2**31 <= obj < 2**31:
                w(b'J' + struct.pack('<i', obj))
            else:  # a Python 2 long
                n = (obj.bit_length() + 8) // 8
                w(b'\x8a' + bytes([n]) + obj.to_bytes(n, 'little', signed=True))
        elif isinstance(obj, str):
            key = (type(obj) is U, str(obj))
            if key in self.memo:
                idx = self.memo[key]
                w(b'h' + bytes([idx]) if idx < 256 else b'j' + struct.pack('<I', idx))
                return
            if type(obj) is U:
                data = str(obj).encode('utf-8')
                w(b'X' + struct.pack('<I', len(data)) + data)
            else:
                data = _short(obj)
                if len(data) < 256:
                    w(b'U' + bytes([len(data)]) + data)
                else:
                    w(b'T' + struct.pack('<i', len(data)) + data)
            self._put(key)
        elif isinstance(obj, list):
            w(b']')
            self._put(None)
            for start in range(0, len(obj), 1000):
                batch = obj[start:start + 1000]
                if len(batch) == 1:
                    self.save(batch[0])
                    w(b'a')
                else:
                    w(b'(')
                    for x in batch:
                        self.save(x)
                    w(b'e')
        elif isinstance(obj, dict):
            w(b'}')
            self._put(None)
            items = list(obj.items())
            for start in range(0, len(items), 1000):
                batch = items[start:start + 1000]
                if len(batch) == 1:
                    self.save(batch[0][0])
                    self.save(batch[0][1])
                    w(b's')
                else:
                    w(b'(')
                    for k, v in batch:
                        self.save(k)
                        self.save(v)
                    w(b'u')
        else:
            raise TypeError(type(obj))


def py2_repr(s):
    """repr() of a Python 2 byte string whose bytes are s's chars (Latin-1)."""
    quote = '"' if ("'" in s and '"' not in s) else "'"
    out = [quote]
    for ch in s:
        c = ord(ch)
        if ch == quote or ch == '\\':
            out.append('\\' + ch)
        elif ch == '\t':
            out.append('\\t')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\r':
            out.append('\\r')
        elif c < 0x20 or c >= 0x7f:
            out.append('\\x%02x' % c)
        else:
            out.append(ch)
    out.append(quote)
    return ''.join(out)


def raw_unicode_escape(s):
    return s.encode('raw-unicode-escape')


class Proto0Writer:
    """pickle.dump(obj, f, 0) of Python 2: text opcodes, memo with p/g."""

    def __init__(self):
        self.out = io.BytesIO()
        self.memo = {}

    def _put(self, key):
        idx = len(self.memo)
        self.memo[key if key is not None else ('anon', idx)] = idx
        return b'p%d\n' % idx

    def dump(self, obj):
        self.save(obj)
        self.out.write(b'.')
        return self.out.getvalue()

    def save(self, obj):
        w = self.out.write
        if isinstance(obj, bool):
            w(b'I01\n' if obj else b'I00\n')
        elif isinstance(obj, int):
            if -2**31 <= obj < 2**31:
                w(b'I%d\n' % obj)
            else:
                w(b'L%dL\n' % obj)
        elif isinstance(obj, str):
            key = (type(obj) is U, str(obj))
            if key in self.memo:
                w(b'g%d\n' % self.memo[key])
                return
            if type(obj) is U:
                w(b'V' + raw_unicode_escape(str(obj)) + b'\n')
            else:
                w(b'S' + py2_repr(obj).encode('latin-1') + b'\n')
            w(self._put(key))
        elif isinstance(obj, list):
            w(b'(l' + self._put(None))
            for x in obj:
                self.save(x)
                w(b'a')
        elif isinstance(obj, dict):
            w(b'(d' + self._put(None))
            for k, v in obj.items():
                self.save(k)
                self.save(v)
                w(b's')
        else:
            raise TypeError(type(obj))


def checked(data, value):
    """The pickle must load (as Python 3 with encoding='latin1' does) into the value."""
    assert pickle.loads(data, encoding='latin1') == value, 'pickle does not round-trip'
    if data.startswith(b'\x80'):
        pickletools.dis(data, out=io.StringIO())
        ops = {op.name for op, _, _ in pickletools.genops(data)}
        assert ops & {'SHORT_BINSTRING', 'BINSTRING'}, ops
    else:
        # pickletools cannot disassemble a protocol-0 STRING holding a non-ASCII byte
        # (it decodes the argument as ASCII), though pickle itself reads it.
        assert b"\nS'" in data and b'\nV' in data
    return data


# ---------------------------------------------------------------- RLE helpers

def runs_of(h, w, inside):
    """COCO uncompressed counts (column-major, starting with zeros) of a dense predicate."""
    counts, prev, run = [], 0, 0
    for x in range(w):
        for y in range(h):
            v = 1 if inside(x, y) else 0
            if v != prev:
                counts.append(run)
                run, prev = 0, v
            run += 1
    counts.append(run)
    return counts


def rle_string(counts):
    """pycocotools' compressed string for counts (rleToString)."""
    out = []
    for i, c in enumerate(counts):
        x = c - counts[i - 2] if i > 2 else c
        more = True
        while more:
            ch = x & 0x1f
            x >>= 5
            more = (x != -1) if (ch & 0x10) else (x != 0)
            if more:
                ch |= 0x20
            out.append(chr(ch + 48))
    return ''.join(out)


# ---------------------------------------------------------------- data

def image(image_id, h, w):
    return {'license': 1, 'file_name': 'COCO_train2014_%012d.jpg' % image_id,
            'coco_url': '', 'height': h, 'width': w, 'date_captured': '2013-11-14 11:18:45',
            'flickr_url': '', 'id': image_id}


def ann(ann_id, image_id, segmentation, iscrowd=0, id_first=False, category_id=1):
    fields = [('segmentation', segmentation), ('area', 0.0), ('iscrowd', iscrowd),
              ('image_id', image_id), ('bbox', [0, 0, 0, 0]), ('category_id', category_id),
              ('id', ann_id)]
    if id_first:  # COCO writes segmentation first; some tools write id first
        fields = [fields[-1]] + fields[:-1]
    return dict(fields)


def ref(ref_id, ann_id, image_id, split, sentences, category_id=1):
    sents = []
    for sent_id, sent, raw in sentences:
        sents.append({'tokens': sent.split(), 'raw': raw, 'sent_id': sent_id, 'sent': sent})
    return {'sent_ids': [s['sent_id'] for s in sents],
            'file_name': 'COCO_train2014_%012d_%s.jpg' % (image_id, ann_id),
            'ann_id': ann_id, 'ref_id': ref_id, 'image_id': image_id, 'split': split,
            'sentences': sents, 'category_id': category_id}


CATEGORIES = [{'supercategory': 'person', 'id': 1, 'name': 'person'},
              {'supercategory': 'animal', 'id': 25, 'name': 'giraffe'}]

LONG = ('the person standing on the far left of the picture next to the red car, '
        'wearing a dark blue jacket and holding what looks like an umbrella, partly hidden '
        'behind the lamp post, with a small dog on a leash at his feet and a shopping bag '
        'in the other hand, looking straight at the camera while the others walk away')
assert len(LONG) > 255


def refcoco():
    circle = runs_of(60, 40, lambda x, y: (x - 20) ** 2 + (y - 35) ** 2 <= 81)
    crowd = runs_of(33, 51, lambda x, y: 30 <= x < 45 and (y * 3 + x) % 7 < 4)
    instances = {
        'info': {'description': 'refcoco fixture'},
        'annotations': [
            ann(1001, 101, [[2.5, 3.0, 14.2, 3.5, 13.0, 20.7, 3.1, 18.0],
                            [20.0, 30.0, 28.5, 31.0, 27.0, 44.5, 21.0, 40.0, 19.5, 35.0]]),
            ann(1002, 101, [[30.0, 5.0, 50.0, 5.0, 50.0, 25.0, 30.0, 25.0],
                            [40.0, 15.0, 60.3, 15.0, 60.3, 40.2, 40.0, 40.2]], id_first=True),
            ann(1003, 102, [[-5.0, 10.0, 30.0, 12.0, 45.0, 50.0, 10.0, 70.0]]),
            ann(1004, 102, {'size': [60, 40], 'counts': rle_string(circle)}),
            ann(1005, 103, [[10.2, 5.1, 25.7, 8.3, 22.0, 28.8, 8.0, 25.0, 4.4, 15.0]],
                id_first=True),
            ann(900100000103, 103, {'counts': crowd, 'size': [33, 51]}, iscrowd=1),
            ann(1006, 104, [[1, 1, 10, 1, 10, 10]]),
            ann(1007, 999, [[1, 1, 10, 1, 10, 10]]),
        ],
        'images': [image(101, 48, 64), image(102, 60, 40), image(103, 33, 51),
                   image(104, 50, 50), image(999, 20, 20)],
        'licenses': [{'url': '', 'id': 1, 'name': 'x'}],
        'categories': CATEGORIES,
    }
    refs = [
        ref(0, 1001, 101, 'val', [(10, 'man on the left', 'Man on the left.'),
                                  (11, 'left guy', 'left guy')]),
        ref(1, 1002, 101, 'testA', [(12, 'caf\xe9 sign', U('Caf\xe9 sign!')),
                                    (13, LONG, LONG)]),
        ref(2, 1003, 102, 'testB', [(14, "it's the \"tall\" one", "it's the \"tall\" one")]),
        ref(3, 1004, 102, 'val', [(15, 'round thing', 'round thing'),
                                  (16, 'ball', 'Ball')]),
        ref(4, 1005, 103, 'train', [(17, 'left shape', 'left shape')]),
        ref(5, 900100000103, 103, 'train', [(18, 'crowd of people', 'crowd of people')]),
        ref(6, 1005, 103, 'testB', [(19, 'tab\there', 'tab\there')]),
    ]
    return instances, refs


def grefcoco():
    circle = runs_of(64, 48, lambda x, y: (x - 30) ** 2 + (y - 40) ** 2 <= 64)
    crowd = runs_of(40, 56, lambda x, y: 35 <= x < 50 and 5 <= y < 30 and (x + y) % 3)
    instances = {
        'images': [image(201, 40, 56), image(202, 64, 48)],
        'annotations': [
            ann(2001, 201, [[2.0, 2.0, 20.0, 2.0, 20.0, 30.0, 2.0, 30.0]]),
            ann(2002, 201, [[15.0, 10.0, 33.3, 12.0, 30.0, 38.0],
                            [40.0, 30.0, 50.0, 32.0, 45.0, 39.0]], id_first=True),
            ann(2003, 201, {'counts': crowd, 'size': [40, 56]}, iscrowd=1),
            ann(2004, 202, [[3.0, 3.0, 12.0, 4.0, 10.0, 15.0],
                            [20.0, 2.0, 30.0, 2.0, 30.0, 12.0, 20.0, 12.0],
                            [5.0, 50.0, 15.0, 52.0, 9.0, 62.0]]),
            ann(2005, 202, {'size': [64, 48], 'counts': rle_string(circle)}),
        ],
        'categories': CATEGORIES,
    }

    def gref(ref_id, ann_ids, image_id, split, sentences):
        r = ref(ref_id, ann_ids, image_id, split, sentences)
        r['category_id'] = [1 for _ in ann_ids] if ann_ids != [-1] else [-1]
        r['file_name'] = 'COCO_train2014_%012d.jpg' % image_id
        r['no_target'] = ann_ids == [-1]
        return r

    refs = [
        gref(0, [2001, 2002], 201, 'val', [(30, 'both people', 'both people'),
                                           (31, 'two men', 'two men')]),
        gref(1, [-1], 201, 'val', [(32, 'the giraffe', 'the giraffe')]),
        gref(2, [2001, 2003], 201, 'train', [(33, 'man and crowd', 'man and crowd')]),
        gref(3, [2003], 201, 'testA', [(34, 'the crowd', 'the crowd')]),
        gref(4, [2004, 2005], 202, 'testB', [(35, 'all the shapes', 'all the shapes'),
                                             (36, 'everything', 'everything')]),
        gref(5, [2005], 202, 'val', [(37, 'caf\xe9 ball', 'caf\xe9 ball')]),
        gref(6, [-1], 202, 'testA', [(38, 'the elephant', 'the elephant')]),
    ]
    return instances, refs


def plain(value):
    """The value as Python 3 sees it (U -> str), for JSON and for the round-trip check."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, U):
        return str(value)
    return value


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def dump_json(value):
    return (json.dumps(value, indent=1) + '\n').encode('utf-8')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', 'resources', 'refer')

    instances, refs = refcoco()
    write(os.path.join(out, 'refcoco', 'refs(unc).p'),
          checked(Proto2Writer().dump(refs), plain(refs)))
    write(os.path.join(out, 'refcoco', 'instances.json'), dump_json(instances))
    write(os.path.join(out, 'refcoco+', 'refs(unc).p'),
          checked(Proto0Writer().dump(refs), plain(refs)))
    write(os.path.join(out, 'refcoco+', 'instances.json'), dump_json(instances))

    instances, refs = grefcoco()
    write(os.path.join(out, 'grefcoco', 'grefs(unc).p'),
          checked(Proto2Writer().dump(refs), plain(refs)))
    write(os.path.join(out, 'grefcoco', 'grefs(unc).json'), dump_json(plain(refs)))
    write(os.path.join(out, 'grefcoco', 'instances.json'), dump_json(instances))


if __name__ == '__main__':
    main()

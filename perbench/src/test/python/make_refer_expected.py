#!/usr/bin/env python3
"""Computes the expected samples of the refer fixtures with pycocotools (2.0.11 was used).

Reads the fixtures the way the reference tools do (pickle.load with encoding='latin1' for the
Python 2 pickles, json for instances.json), selects refs with the reference tools' split rules
(refer.py getRefIds, grefer.py getRefIds), and writes, per dataset and split, one entry per
sentence in ref order: id (sent_id), text, file_name, height, width, the ground truth as
pycocotools' compressed RLE string, and no_target. Ground truth: polygons through
mask.frPyObjects then mask.merge, an RLE object as is (uncompressed counts via frPyObjects);
gRefCOCO: the merge of the non-crowd annotations' masks, an all-zero mask for ann_id [-1].

Usage: /work/venv-coco/bin/python make_refer_expected.py [REFER_DIR]
       (default ../resources/refer; writes REFER_DIR/expected.json)
"""
import json
import os
import pickle
import sys

import numpy as np
from pycocotools import mask as maskUtils


def refer_select(refs, split):
    if split in ('testA', 'testB', 'testC'):
        return [r for r in refs if split[-1] in r['split']]
    if split in ('testAB', 'testBC', 'testAC'):
        return [r for r in refs if r['split'] == split]
    if split == 'test':
        return [r for r in refs if 'test' in r['split']]
    if split in ('train', 'val'):
        return [r for r in refs if r['split'] == split]
    raise ValueError(split)


def grefer_select(refs, split):
    assert split in {r['split'] for r in refs}, split
    return [r for r in refs if r['split'] == split]


def ann_rle(ann, h, w):
    seg = ann['segmentation']
    if isinstance(seg, list):
        if len(seg) == 0:
            return maskUtils.encode(np.zeros((h, w), dtype=np.uint8, order='F'))
        return maskUtils.merge(maskUtils.frPyObjects(seg, h, w))
    if isinstance(seg['counts'], list):
        return maskUtils.frPyObjects(seg, h, w)
    return {'size': seg['size'], 'counts': seg['counts'].encode('ascii')}


def expected(root, dataset, refs_name, generalized, splits):
    with open(os.path.join(root, dataset, refs_name), 'rb') as f:
        if refs_name.endswith('.json'):
            refs = json.load(f)
        else:
            refs = pickle.load(f, encoding='latin1')
    with open(os.path.join(root, dataset, 'instances.json')) as f:
        instances = json.load(f)
    anns = {a['id']: a for a in instances['annotations']}
    imgs = {i['id']: i for i in instances['images']}
    out = {}
    for split in splits:
        rows = []
        select = grefer_select if generalized else refer_select
        for ref in select(refs, split):
            img = imgs[ref['image_id']]
            h, w = img['height'], img['width']
            ann_ids = ref['ann_id'] if isinstance(ref['ann_id'], list) else [ref['ann_id']]
            no_target = generalized and ann_ids == [-1]
            if no_target:
                rle = maskUtils.encode(np.zeros((h, w), dtype=np.uint8, order='F'))
            else:
                parts = []
                for a in ann_ids:
                    ann = anns[a]
                    assert ann['image_id'] == ref['image_id']
                    if generalized and ann['iscrowd']:
                        continue
                    parts.append(ann_rle(ann, h, w))
                if not parts:
                    rle = maskUtils.encode(np.zeros((h, w), dtype=np.uint8, order='F'))
                else:
                    rle = parts[0] if len(parts) == 1 else maskUtils.merge(parts)
            for sent in ref['sentences']:
                rows.append({'id': str(sent['sent_id']), 'text': sent['sent'],
                             'file_name': img['file_name'], 'height': h, 'width': w,
                             'counts': rle['counts'].decode('ascii'),
                             'area': int(maskUtils.area(rle)), 'no_target': no_target})
        out[split] = rows
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', 'resources', 'refer')
    result = {
        'generator': 'make_refer_expected.py with pycocotools',
        'refcoco': expected(root, 'refcoco', 'refs(unc).p', False,
                            ['train', 'val', 'testA', 'testB', 'test']),
        'refcoco+': expected(root, 'refcoco+', 'refs(unc).p', False,
                             ['train', 'val', 'testA', 'testB', 'test']),
        'grefcoco': expected(root, 'grefcoco', 'grefs(unc).p', True,
                             ['train', 'val', 'testA', 'testB']),
        'grefcoco-json': expected(root, 'grefcoco', 'grefs(unc).json', True,
                                  ['train', 'val', 'testA', 'testB']),
    }
    assert result['refcoco'] == result['refcoco+'], 'protocol 0 and 2 pickles differ'
    assert result['grefcoco'] == result['grefcoco-json'], 'grefs .p and .json differ'
    del result['refcoco+'], result['grefcoco-json']
    with open(os.path.join(root, 'expected.json'), 'w', encoding='utf-8') as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main()

"""Trains and exports pixel-mini, the bundled reference model of the perbench harness.

One small pixel-grounded network in the spirit of Pixel-SAIL: the image and the visual-prompt
masks enter together, with two coordinate channels, as the input channels of the first
convolution (prompts are injected early, beside the pixels). A convolutional stem brings them to
a 12x16 feature map (stride 8); the text tokens are embedded, mixed by two 1-d convolutions and
attention-pooled into a few summary vectors; one descriptor per prompt slot is pooled from the
feature map under its mask; text, prompt descriptors and the task id then modulate (FiLM) the
residual blocks at stride 8, which also see directional (corner-pooling style) running maxima
for relations such as "left of" and "the leftmost". Heads: 2 mask-logit channels at stride 4 (a
light decoder over the stride-4 stem features), 4 answer logits (each MCQ option line is pooled
from its own tokens and scored against the marked region), and the caption template's field
logits (the marked region and an attention-pooled neighbour).

It follows the djl: tensor contract of docs/djl-models.md exactly; the pre-processing below is
copied from harness-djl/src/test/python/make_djl_fixture.py (the contract's Python reference).

Command (from the repository root; Debian's python3-torch 1.13, 2 CPU cores, about 12 minutes):

    bin/perbench data generate-mini --split train --count 3000 --out /tmp/mini-train
    /usr/bin/python3 harness/models/pixel-mini/train.py --data /tmp/mini-train

It writes harness/models/pixel-mini/model.pt and model.pt.json (the sidecar, whose details
record this command, the training data's checksum, this script's sha256, torch, seed, epochs
and the measured training time). Then evaluate through the Java harness:

    bin/perbench run --model djl:harness/models/pixel-mini/model.pt --bench perbench-mini
"""

import argparse
import hashlib
import json
import os
import pickle
import re
import sys
import tempfile
import time
from typing import List, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

# COCO RLE comes from the one copy the repository keeps, harness/servers/sa2va/rle.py (standard
# library only, string for string as pycocotools): this script runs as a file, not from a
# package, so that folder goes first on the module path, found relative to this file.
sys.path.insert(0, os.path.join(ROOT, "harness", "servers", "sa2va"))
import rle  # noqa: E402  (after the path is set)

SEED = 0
INPUT_SIZE = (96, 128)  # the perbench-mini image size: no resize happens
MASK_STRIDE = 4
MASK_CHANNELS = 2
PROMPT_CHANNELS = 4
MAX_TOKENS = 32  # the longest text (an MCQ with its four option lines) has 26 tokens
MEAN = (0.485, 0.456, 0.406)  # ImageNet, fixed by the contract
STD = (0.229, 0.224, 0.225)
TASKS = ["caption", "mcq", "vres", "res"]  # task id = index

SIZES = ["small", "medium", "large"]
COLOURS = ["red", "green", "blue", "yellow", "purple", "orange"]
KINDS = ["circle", "square", "triangle", "star"]
POSITIONS = ["at the top left", "at the top", "at the top right", "on the left", "in the centre",
             "on the right", "at the bottom left", "at the bottom", "at the bottom right"]
DIRECTIONS = ["to its right", "to its left", "below it", "above it"]
CAPTION = {
    "template": "A {size} {colour} {shape} {position} of the image."
                " The nearest shape is a {near_size} {near_colour} {near_shape} {near_direction}.",
    "fields": [
        {"name": "size", "values": SIZES},
        {"name": "colour", "values": COLOURS},
        {"name": "shape", "values": KINDS},
        {"name": "position", "values": POSITIONS},
        {"name": "near_size", "values": SIZES},
        {"name": "near_colour", "values": COLOURS},
        {"name": "near_shape", "values": KINDS},
        {"name": "near_direction", "values": DIRECTIONS},
    ],
}
FIELD_SIZES = [len(f["values"]) for f in CAPTION["fields"]]
CAPTION_RE = re.compile(
    r"^A (small|medium|large) (\w+) (\w+) (.+?) of the image(?:, partly covering [^.]*)?\."
    r"(?: The nearest shape is a (small|medium|large) (\w+) (\w+) (to its right|to its left|"
    r"below it|above it)\.)?$")

TOKEN = re.compile(r"<prompt[0-9]+>|[a-z0-9]+|[^a-z0-9\s]")


# ---- data (as harness-djl/src/test/python/make_djl_fixture.py reads it) -------------------------

def rle_decode(seg):
    """A COCO RLE object -> HxW uint8 array (rle.decode checks it: a bad mask is an error)."""
    h, w, flat = rle.decode(seg)
    return np.frombuffer(flat, dtype=np.uint8).reshape(w, h).T  # column-major runs


def tokenize(text):
    return TOKEN.findall(text.lower())


def token_ids(text, index):
    ids = [index.get(t, 1) for t in tokenize(text)][:MAX_TOKENS]
    return ids + [0] * (MAX_TOKENS - len(ids))


def caption_fields(caption):
    """The template's field indices of a reference caption (-100: not said)."""
    m = CAPTION_RE.match(caption)
    if not m:
        raise ValueError("caption outside the grammar: " + caption)
    g = m.groups()
    out = [SIZES.index(g[0]), COLOURS.index(g[1]), KINDS.index(g[2]), POSITIONS.index(g[3])]
    if g[4] is None:
        out += [-100] * 4
    else:
        out += [SIZES.index(g[4]), COLOURS.index(g[5]), KINDS.index(g[6]), DIRECTIONS.index(g[7])]
    return out


def load_split(folder):
    """Samples as the Java loaders give them: task, image, text, prompt slots, target masks
    (in the order the harness matches them), caption fields, the MCQ answer letter."""
    samples = []
    with open(os.path.join(folder, "STBench_Detailed_Caption.json")) as f:
        for r in json.load(f):
            for o in r["object_annotations"]:
                samples.append(dict(task="caption", image=r["image_name"], text="",
                                    prompts={0: o["segmentation"]}, targets=[],
                                    fields=caption_fields(o["caption"])))
    with open(os.path.join(folder, "STBench_MCQ.json")) as f:
        for r in json.load(f):
            for q in r["mcqs"]:
                letter = q["answer"].strip()[0]
                samples.append(dict(task="mcq", image=r["image_name"], text=q["question"],
                                    prompts={0: q["object"]}, targets=[],
                                    answer="ABCD".index(letter)))
    with open(os.path.join(folder, "STBench_VRES.json")) as f:
        for r in json.load(f):
            question, prompts = r["question"], {}
            for slot, (tag, seg) in enumerate(r["segmentations"].items()):
                if tag in question:  # the authors' rule: question tags are prompts, by position
                    question = question.replace(tag, f"<Prompt{slot}>")
                    prompts[slot] = seg
            targets = [r["segmentations"][t] for t in re.findall(r"<target\d+>", r["answer"])]
            samples.append(dict(task="vres", image=r["image_name"], text=question,
                                prompts=prompts, targets=targets))
    refer = os.path.join(folder, "refer", "perbench-mini")
    with open(os.path.join(refer, "refs(unc).p"), "rb") as f:
        refs = pickle.load(f, encoding="latin1")
    with open(os.path.join(refer, "instances.json")) as f:
        inst = json.load(f)
    images = {im["id"]: im["file_name"] for im in inst["images"]}
    anns = {a["id"]: a for a in inst["annotations"]}
    for ref in refs:
        ann = anns[ref["ann_id"]]
        for s in ref["sentences"]:
            samples.append(dict(task="res", image=images[ref["image_id"]], text=s["sent"],
                                prompts={}, targets=[("poly", ann["segmentation"])]))
    return samples


def polygon_mask(polys, h, w):
    """COCO polygons -> mask, rasterised with PIL (close to pycocotools, not exact on edge
    pixels; only a fallback for res targets that no RLE of the same image shows)."""
    from PIL import ImageDraw
    im = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(im)
    for p in polys:
        d.polygon([(p[i], p[i + 1]) for i in range(0, len(p), 2)], fill=1, outline=1)
    return np.asarray(im, dtype=np.uint8)


class Tensors:
    """The split in memory: images once per scene, masks once per distinct mask."""

    def __init__(self, folder, samples, index):
        names = sorted({s["image"] for s in samples})
        at = {n: i for i, n in enumerate(names)}
        self.images = torch.from_numpy(np.stack([
            np.asarray(Image.open(os.path.join(folder, "images", n)).convert("RGB")).transpose(2, 0, 1)
            for n in names]))  # uint8 [S, 3, H, W]
        bank, keys = [np.zeros(INPUT_SIZE, dtype=np.uint8)], {}

        # the exact (pycocotools) masks of every fully visible shape an image's RLEs show
        exact = {}
        for s in samples:
            for seg in list(s["prompts"].values()) + s["targets"]:
                if not isinstance(seg, tuple):
                    exact.setdefault(s["image"], {})[seg["counts"]] = seg

        def mask_id(seg, image):
            if isinstance(seg, tuple):
                # a res target is a fully visible shape given as a polygon: use the exact RLE
                # mask of the same shape from the image's other samples when there is one (PIL's
                # rasterisation differs from pycocotools' on edge pixels)
                raster = polygon_mask(seg[1], *INPUT_SIZE)
                best, best_iou = None, 0.8
                for cand in exact.get(image, {}).values():
                    m = rle_decode(cand)
                    iou = (m & raster).sum() / max(1, (m | raster).sum())
                    if iou > best_iou:
                        best, best_iou = cand, iou
                if best is not None:
                    seg = best
                else:
                    key = json.dumps(seg[1])
                    if key not in keys:
                        keys[key] = len(bank)
                        bank.append(raster)
                    return keys[key]
            key = seg["counts"]
            if key not in keys:
                keys[key] = len(bank)
                bank.append(rle_decode(seg))
            return keys[key]

        n = len(samples)
        self.image = torch.tensor([at[s["image"]] for s in samples])
        self.task = torch.tensor([TASKS.index(s["task"]) for s in samples])
        self.tokens = torch.tensor([token_ids(s["text"], index) for s in samples])
        self.prompts = torch.zeros(n, PROMPT_CHANNELS, dtype=torch.long)
        self.targets = torch.zeros(n, MASK_CHANNELS, dtype=torch.long)
        self.answer = torch.full((n,), -100, dtype=torch.long)
        self.fields = torch.full((n, len(FIELD_SIZES)), -100, dtype=torch.long)
        for i, s in enumerate(samples):
            for slot, seg in s["prompts"].items():
                self.prompts[i, slot] = mask_id(seg, s["image"])
            for k, seg in enumerate(s["targets"][:MASK_CHANNELS]):
                self.targets[i, k] = mask_id(seg, s["image"])
            if "answer" in s:
                self.answer[i] = s["answer"]
            if "fields" in s:
                self.fields[i] = torch.tensor(s["fields"])
        self.bank = torch.from_numpy(np.stack(bank))  # uint8 [N, H, W]; 0 is the empty mask
        self.mean = torch.tensor(MEAN)[:, None, None]
        self.std = torch.tensor(STD)[:, None, None]

    def batch(self, idx):
        image = (self.images[self.image[idx]].float() / 255.0 - self.mean) / self.std
        prompts = self.bank[self.prompts[idx]].float()
        targets = self.bank[self.targets[idx]].float()
        return (image, prompts, self.tokens[idx], self.task[idx], targets, self.answer[idx],
                self.fields[idx])


# ---- the network ---------------------------------------------------------------------------------

def conv_bn(cin: int, cout: int, stride: int) -> torch.nn.Sequential:
    return torch.nn.Sequential(
        torch.nn.Conv2d(cin, cout, 3, stride, 1, bias=False), torch.nn.BatchNorm2d(cout),
        torch.nn.ReLU(inplace=True))


def directional_max(x: torch.Tensor) -> torch.Tensor:
    """Corner-pooling style context: the running max from the left, right, top and bottom."""
    l2r = torch.cummax(x, 3)[0]
    r2l = torch.cummax(x.flip([3]), 3)[0].flip([3])
    t2b = torch.cummax(x, 2)[0]
    b2t = torch.cummax(x.flip([2]), 2)[0].flip([2])
    return torch.cat([l2r, r2l, t2b, b2t], 1)


class Block(torch.nn.Module):
    """A residual 3x3 block at stride 8, FiLM-modulated by the text/prompt/task vector, with
    directional (corner) pooling for where-is-what-relative-to-what context and coordinates."""

    def __init__(self, d: int, dp: int):
        super().__init__()
        self.dp = dp
        self.conv1 = torch.nn.Conv2d(d + 2, d, 3, 1, 1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(d)
        self.ctx = torch.nn.Conv2d(d + 4 * dp, d, 1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(d)

    def forward(self, x: torch.Tensor, coords: torch.Tensor, film: torch.Tensor) -> torch.Tensor:
        d = x.shape[1]
        g = film[:, :d, None, None]
        b = film[:, d:, None, None]
        y = F.relu(self.bn1(self.conv1(torch.cat([x, coords], 1))) * (1.0 + g) + b)
        y = self.bn2(self.ctx(torch.cat([y, directional_max(y[:, :self.dp])], 1)))
        return F.relu(x + y)


class PixelMini(torch.nn.Module):
    def __init__(self, vocab_size: int, option_ids: List[int], dot_id: int, d: int = 64,
                 layers: int = 4, queries: int = 4):
        super().__init__()
        h, w = INPUT_SIZE
        self.gh, self.gw = h // 8, w // 8
        self.d = d
        self.layers = layers
        self.dot_id = dot_id
        self.register_buffer("option_ids", torch.tensor(option_ids, dtype=torch.long))
        # early fusion: pixels, prompt masks and two coordinate channels enter the first conv
        self.c1 = conv_bn(3 + PROMPT_CHANNELS + 2, 24, 2)  # 48x64
        self.c2 = conv_bn(24, 48, 2)                        # 24x32: stride 4
        self.c3 = conv_bn(48, d, 2)                         # 12x16: stride 8
        self.pre = torch.nn.ModuleList([Block(d, 16) for _ in range(2)])
        self.blocks = torch.nn.ModuleList([Block(d, 16) for _ in range(layers)])
        # text: embeddings, two 1-d convolutions over the tokens, attention pooling
        self.embed = torch.nn.Embedding(vocab_size, d)
        self.txt_pos = torch.nn.Parameter(torch.randn(1, d, MAX_TOKENS) * 0.02)
        self.t1 = torch.nn.Conv1d(d, d, 3, 1, 1)
        self.t2 = torch.nn.Conv1d(d, d, 3, 1, 1)
        self.tq = torch.nn.Conv1d(d, queries, 1)
        self.task_embed = torch.nn.Embedding(len(TASKS), d)
        cond = queries * d + d + PROMPT_CHANNELS * d
        self.cond = torch.nn.Sequential(torch.nn.Linear(cond, 2 * d), torch.nn.ReLU(),
                                        torch.nn.Linear(2 * d, 2 * d * (layers + 2) + 2 * 48))
        self.pre_film = torch.nn.Linear(d, 2 * d * 2)
        # mask decoder at stride 4
        self.up = torch.nn.Conv2d(d, 48, 1)
        self.dec = conv_bn(48, 32, 1)
        self.mask_out = torch.nn.Conv2d(32, MASK_CHANNELS, 1)
        # answer head: each option line against the marked region
        self.opt = torch.nn.Sequential(torch.nn.Linear(4 * d, 2 * d), torch.nn.ReLU(),
                                       torch.nn.Linear(2 * d, 1))
        self.reg = torch.nn.Linear(2 * d + 2, d)
        # caption head: the marked region and an attention-pooled neighbour
        self.near = torch.nn.Conv2d(d, 1, 1)
        self.cap = torch.nn.Sequential(torch.nn.Linear(3 * d + 2, 2 * d), torch.nn.ReLU(),
                                       torch.nn.Linear(2 * d, sum(FIELD_SIZES)))

    def forward(self, image: torch.Tensor, prompts: torch.Tensor, tokens: torch.Tensor,
                task: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        b = image.shape[0]
        h, w = image.shape[2], image.shape[3]
        d = self.d
        ys = torch.linspace(-1.0, 1.0, h, device=image.device)[None, None, :, None].expand(b, 1, h, w)
        xs = torch.linspace(-1.0, 1.0, w, device=image.device)[None, None, None, :].expand(b, 1, h, w)
        f4 = self.c2(self.c1(torch.cat([image, prompts, ys, xs], 1)))
        x = self.c3(f4)                                                # [B, d, 12, 16]
        coords = torch.cat([F.avg_pool2d(ys, 8), F.avg_pool2d(xs, 8)], 1)
        t_emb = self.task_embed(task)
        pf = self.pre_film(t_emb)
        for i, blk in enumerate(self.pre):
            x = blk(x, coords, pf[:, 2 * d * i:2 * d * (i + 1)])
        # one descriptor per prompt slot: the slot's mask-weighted mean of the features
        p8 = F.avg_pool2d(prompts, 8).flatten(2)                       # [B, K, 192]
        area = p8.sum(2, keepdim=True)
        pw = p8 / (area + 1e-4)
        pd = pw @ x.flatten(2).transpose(1, 2)                         # [B, K, d]
        # text
        present = (tokens > 0).float()
        tf = self.embed(tokens).transpose(1, 2) + self.txt_pos         # [B, d, T]
        tf = tf + F.relu(self.t1(tf))
        tf = (tf + F.relu(self.t2(tf))) * present[:, None, :]
        att = self.tq(tf) - (1.0 - present[:, None, :]) * 1e4          # [B, Q, T]
        att = torch.softmax(att, 2) * (present.sum(1) > 0).float()[:, None, None]
        summary = att @ tf.transpose(1, 2)                             # [B, Q, d]
        film = self.cond(torch.cat([summary.flatten(1), t_emb, pd.flatten(1)], 1))
        for i, blk in enumerate(self.blocks):
            x = blk(x, coords, film[:, 2 * d * i:2 * d * (i + 1)])
        # masks
        at = 2 * d * self.layers
        g = film[:, at:at + 48, None, None]
        bb = film[:, at + 48:at + 96, None, None]
        up = F.interpolate(self.up(x), scale_factor=2.0, mode="bilinear", align_corners=False)
        masks = self.mask_out(self.dec(F.relu(f4 * (1.0 + g) + bb + up)))
        # the marked region: its final features, first-stage descriptor and centroid
        xf = x.flatten(2)                                              # [B, d, 192]
        region = (pw[:, :1] @ xf.transpose(1, 2))[:, 0]                # [B, d]
        cy = (pw[:, 0] * coords[:, 0].flatten(1)).sum(1)
        cx = (pw[:, 0] * coords[:, 1].flatten(1)).sum(1)
        where = torch.stack([cy, cx], 1)
        reg = self.reg(torch.cat([region, pd[:, 0], where], 1))        # [B, d]
        # answers: the tokens after "A." belong to option 1, after "B." to option 2, ...
        is_letter = (tokens[:, :, None] == self.option_ids[None, None, :]).any(2)
        nxt = torch.cat([tokens[:, 1:], torch.zeros_like(tokens[:, :1])], 1)
        marker = is_letter & (nxt == self.dot_id)
        seg = torch.cumsum(marker.long(), 1)
        body = (~marker) & (tokens != self.dot_id) & (tokens > 0)
        member = (seg[:, None, :] == torch.arange(1, 5, device=image.device)[None, :, None]) \
            & body[:, None, :]
        member = member.float()                                        # [B, 4, T]
        opts = (member @ tf.transpose(1, 2)) / (member.sum(2, keepdim=True) + 1e-4)  # [B, 4, d]
        r4 = reg[:, None, :].expand(b, 4, d)
        q4 = summary[:, 0][:, None, :].expand(b, 4, d)
        answer = self.opt(torch.cat([opts * r4, opts, r4, q4], 2))[:, :, 0]
        # caption
        na = torch.softmax(self.near(x).flatten(1), 1)                 # [B, 192]
        near = (na[:, None, :] * xf).sum(2)
        ncy = (na * coords[:, 0].flatten(1)).sum(1)
        ncx = (na * coords[:, 1].flatten(1)).sum(1)
        caption = self.cap(torch.cat([reg, region, near, torch.stack([ncy - cy, ncx - cx], 1)], 1))
        return masks, answer, caption


# ---- training ------------------------------------------------------------------------------------

def losses(model, batch):
    image, prompts, tokens, task, targets, answer, fields = batch
    masks, logits, caption = model(image, prompts, tokens, task)
    seg = (task >= 2)
    out = {}
    if bool(seg.any()):
        up = F.interpolate(masks[seg], size=INPUT_SIZE, mode="bilinear", align_corners=False)
        t = targets[seg]
        bce = F.binary_cross_entropy_with_logits(up, t)
        p = torch.sigmoid(up)
        inter = (p * t).sum((2, 3))
        dice = 1 - (2 * inter + 1) / (p.sum((2, 3)) + t.sum((2, 3)) + 1)
        out["mask"] = 4 * bce + dice.mean()
    if bool((answer >= 0).any()):
        out["mcq"] = F.cross_entropy(logits, answer, ignore_index=-100)
    if bool((fields[:, 0] >= 0).any()):
        total, at = 0.0, 0
        for i, n in enumerate(FIELD_SIZES):
            col = fields[:, i]
            if bool((col >= 0).any()):
                total = total + F.cross_entropy(caption[:, at:at + n], col, ignore_index=-100)
            at += n
        out["caption"] = total / len(FIELD_SIZES)
    return out


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="a perbench-mini training split (generate-mini)")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=48)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--limit", type=int, default=0, help="use only this many samples (testing)")
    args = ap.parse_args()
    if os.environ.get("PYTHONHASHSEED") != "0":  # fixed set order in TorchScript constants
        os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(2)
    start = time.time()

    samples = load_split(args.data)
    if args.limit:
        samples = samples[:args.limit]
    words = sorted({t for s in samples for t in tokenize(s["text"])}
                   | {f"<prompt{k}>" for k in range(PROMPT_CHANNELS)} | set("abcd."))
    vocab = ["<pad>", "<unk>"] + [w for w in words if w not in ("<pad>", "<unk>")]
    index = {w: i for i, w in enumerate(vocab)}
    data = Tensors(args.data, samples, index)
    n = len(samples)
    print(f"{n} samples, {data.images.shape[0]} images, {data.bank.shape[0]} masks, vocab {len(vocab)},"
          f" loaded in {time.time() - start:.0f} s", file=sys.stderr, flush=True)

    model = PixelMini(len(vocab), [index[c] for c in "abcd"], index["."])
    # script before training: TorchScript compiles from the source file, read now (and a script
    # error shows before the training time is spent); the trained weights are copied in at the end
    scripted = torch.jit.script(PixelMini(len(vocab), [index[c] for c in "abcd"], index["."]))
    steps_per_epoch = n // args.batch_size
    total = steps_per_epoch * args.epochs
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=total,
                                                pct_start=0.1)
    gen = torch.Generator().manual_seed(SEED)
    weights = torch.tensor([1.0, 1.0, 1.5, 2.0])[data.task]  # caption, mcq, vres, res
    step = 0
    for epoch in range(args.epochs):
        model.train()
        # res, the hardest task, is drawn twice as often as mcq and caption, vres 1.5 times
        perm = torch.multinomial(weights, n, replacement=True, generator=gen)
        run = {}
        for i in range(steps_per_epoch):
            batch = data.batch(perm[i * args.batch_size:(i + 1) * args.batch_size])
            parts = losses(model, batch)
            loss = sum(parts.values())
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            for k, v in parts.items():
                run[k] = 0.98 * run.get(k, float(v)) + 0.02 * float(v)
            if step % 100 == 0:
                print(f"epoch {epoch + 1} step {step}/{total} "
                      + " ".join(f"{k} {v:.3f}" for k, v in sorted(run.items()))
                      + f" ({time.time() - start:.0f} s)", file=sys.stderr, flush=True)
    train_seconds = time.time() - start

    model.eval()
    torch.save(model.state_dict(), os.path.join(tempfile.gettempdir(), "pixel-mini-state.pt"))
    scripted.load_state_dict(model.state_dict())
    scripted.eval()
    os.makedirs(args.out, exist_ok=True)
    pt = os.path.join(args.out, "model.pt")
    scripted.save(pt)
    sums = os.path.join(args.data, "SHA256SUMS")
    sidecar = {
        "format": "perbench-djl/1",
        "name": "pixel-mini",
        "version": "1",
        "tasks": TASKS,
        "input_size": list(INPUT_SIZE),
        "mask_stride": MASK_STRIDE,
        "mask_channels": MASK_CHANNELS,
        "prompt_channels": PROMPT_CHANNELS,
        "max_tokens": MAX_TOKENS,
        "vocab": vocab,
        "caption": CAPTION,
        "details": {
            "description": "pixel-mini: a small pixel-grounded network (prompt masks fused early as"
                           " input channels, text by FiLM) trained on perbench-mini train data",
            "script": "harness/models/pixel-mini/train.py",
            "script_sha256": sha256(os.path.abspath(__file__)),
            "train_command": "bin/perbench data generate-mini --split train --count "
                             f"{data.images.shape[0]} --out /tmp/mini-train && /usr/bin/python3 "
                             "harness/models/pixel-mini/train.py --data /tmp/mini-train"
                             + ("" if args.epochs == 5 else f" --epochs {args.epochs}"),
            "data_sha256": sha256(sums) if os.path.exists(sums) else "unknown",
            "data_samples": str(n),
            "torch": torch.__version__,
            "seed": str(SEED),
            "epochs": str(args.epochs),
            "batch_size": str(args.batch_size),
            "lr": str(args.lr),
            "parameters": str(sum(p.numel() for p in model.parameters())),
            "train_seconds": f"{train_seconds:.0f}",
            "threads": "2",
        },
    }
    with open(pt + ".json", "w") as f:
        json.dump(sidecar, f, indent=1)
        f.write("\n")
    print(f"wrote {pt} ({os.path.getsize(pt)} bytes) and its sidecar; trained in"
          f" {train_seconds:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

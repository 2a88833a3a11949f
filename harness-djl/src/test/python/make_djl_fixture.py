#!/usr/bin/env python3
"""Make the TorchScript fixture of the `djl:` adapter and torch's expected outputs for it.

    /usr/bin/python3 harness-djl/src/test/python/make_djl_fixture.py   # from the repository root

Needs Debian's python3-torch (1.13) and python3-pil (`apt-get install -y python3-torch
python3-pil`); the Maven build and the tests need neither. Run it as shown (from the
repository root) and it writes the same bytes every time. Writes, under
harness-djl/src/test/resources/djl/:

  fixture.pt                 a tiny network following the tensor contract of docs/djl-models.md,
                             exported with torch.jit.script (seeded: the same bytes' worth of
                             weights on every run; the archive itself carries zip timestamps)
  fixture.pt.json            its sidecar (input size, stride, vocabulary, caption template...)
  fixture-one-mask.pt        the same network answering with one mask channel where its sidecar
                             (fixture.pt.json, copied by the test) says two: a contract breach
  fixture-first-only.pt      the same network answering for the first sample of a batch only:
                             right at batch size 1, a contract breach at any other
  fixture-expected.json      for a few perbench-mini test samples: the input tensors' sums, the
                             token ids, the raw outputs and the post-processed prediction (text,
                             masks as uncompressed column-major RLE), all computed here by torch,
                             so the Java test can compare DJL's run against them

The network is no model of anything: its outputs are a fixed, deterministic function of the
inputs, chosen so that every output is non-trivial. Mask channel k marks the pixels whose colour
is close to the mean colour of prompt slot k (channel 0 falls back to a colour derived from the
text tokens when slot 0 is empty; channel 1 is all "off" when slot 1 is empty, which exercises
the adapter's rule that a mask channel after the first is emitted only while non-empty). The
answer and caption heads are seeded linear maps of the prompt colours, the prompt's area and
centroid, the mean token embedding and the task.

Everything below that reads data or prepares tensors follows docs/djl-models.md to the letter;
it is the reference implementation of the contract in Python.
"""

import json
import os
import pickle
import re
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
MINI = os.path.join(ROOT, "perbench", "data", "perbench-mini", "test")
OUT = os.path.join(ROOT, "harness-djl", "src", "test", "resources", "djl")

# COCO RLE comes from the one copy the repository keeps, harness/servers/sa2va/rle.py (standard
# library only, string for string as pycocotools): this script runs as a file, not from a
# package, so that folder goes first on the module path, found relative to this file.
sys.path.insert(0, os.path.join(ROOT, "harness", "servers", "sa2va"))
import rle  # noqa: E402  (after the path is set)

SEED = 0
INPUT_SIZE = (64, 80)  # deliberately not the 96x128 of perbench-mini: both resizes are exercised
MASK_STRIDE = 4
MASK_CHANNELS = 2
PROMPT_CHANNELS = 4
MAX_TOKENS = 24  # shorter than the MCQ questions: truncation is exercised
VOCAB_WORDS = 48  # most frequent words of the test texts; the rest map to <unk>
MEAN = (0.485, 0.456, 0.406)  # ImageNet, fixed by the contract
STD = (0.229, 0.224, 0.225)
TASKS = ["caption", "mcq", "vres", "res"]  # task id = index
CAPTION = {
    "template": "A {size} {colour} {shape}.",
    "fields": [
        {"name": "size", "values": ["small", "medium", "large"]},
        {"name": "colour", "values": ["red", "green", "blue", "yellow", "orange", "purple"]},
        {"name": "shape", "values": ["circle", "square", "triangle", "star"]},
    ],
}
EXPECTED_IDS = ["caption:0:0", "caption:3:1", "mcq:0:0", "mcq:1:2", "vres:0", "vres:1", "vres:2", "0", "5"]

TOKEN = re.compile(r"<prompt[0-9]+>|[a-z0-9]+|[^a-z0-9\s]")
OPTION_LINE = re.compile(r"^\s*\(?([A-Z])(?:\)|[.:])\s*(\S.*?)\s*$")


# ---- data: COCO RLE, the three PerBench files, the refer pickle --------------------------------

def rle_decode(seg):
    """A COCO RLE object -> HxW uint8 array (rle.decode checks it: a bad mask is an error)."""
    h, w, flat = rle.decode(seg)
    return np.frombuffer(flat, dtype=np.uint8).reshape(w, h).T  # column-major runs


def rle_encode(mask):
    """A bool HxW array -> uncompressed column-major counts starting with a run of zeros."""
    return rle.counts_from_flat(mask.T.reshape(-1).tolist())


def load_samples():
    """The perbench-mini test samples with the ids, texts and prompt slots the Java loaders give."""
    samples = []
    with open(os.path.join(MINI, "STBench_Detailed_Caption.json")) as f:
        for i, r in enumerate(json.load(f)):
            for j, o in enumerate(r["object_annotations"]):
                samples.append(dict(id=f"caption:{i}:{j}", task="caption", image=r["image_name"],
                                    text="", prompts={0: rle_decode(o["segmentation"])}))
    with open(os.path.join(MINI, "STBench_MCQ.json")) as f:
        for i, r in enumerate(json.load(f)):
            for j, q in enumerate(r["mcqs"]):
                samples.append(dict(id=f"mcq:{i}:{j}", task="mcq", image=r["image_name"],
                                    text=q["question"], prompts={0: rle_decode(q["object"])}))
    with open(os.path.join(MINI, "STBench_VRES.json")) as f:
        for i, r in enumerate(json.load(f)):
            question, prompts = r["question"], {}
            for slot, (tag, seg) in enumerate(r["segmentations"].items()):
                if tag in question:  # the authors' rule: question tags are prompts, by position
                    question = question.replace(tag, f"<Prompt{slot}>")
                    prompts[slot] = rle_decode(seg)
            samples.append(dict(id=f"vres:{i}", task="vres", image=r["image_name"],
                                text=question, prompts=prompts))
    refer = os.path.join(MINI, "refer", "perbench-mini")
    with open(os.path.join(refer, "refs(unc).p"), "rb") as f:
        refs = pickle.load(f, encoding="latin1")
    with open(os.path.join(refer, "instances.json")) as f:
        images = {im["id"]: im["file_name"] for im in json.load(f)["images"]}
    for ref in refs:
        if ref["split"] == "test":
            for s in ref["sentences"]:
                samples.append(dict(id=str(s["sent_id"]), task="res", image=images[ref["image_id"]],
                                    text=s["sent"], prompts={}))
    return samples


# ---- the contract's pre-processing ------------------------------------------------------------

def tokenize(text):
    return TOKEN.findall(text.lower())


def token_ids(text, vocab):
    index = {w: i for i, w in enumerate(vocab)}
    ids = [index.get(t, 1) for t in tokenize(text)][:MAX_TOKENS]
    return ids + [0] * (MAX_TOKENS - len(ids))


def resize(x):
    """[N, C, h, w] float -> [N, C, H, W]: bilinear, align_corners=False, antialiased (what DJL's
    PyTorch engine does for NDImageUtils.resize); a no-op at the same size."""
    if tuple(x.shape[-2:]) == INPUT_SIZE:
        return x
    return F.interpolate(x, size=INPUT_SIZE, mode="bilinear", align_corners=False, antialias=True)


def encode(sample, vocab):
    rgb = np.asarray(Image.open(os.path.join(MINI, "images", sample["image"])).convert("RGB"))
    h, w = rgb.shape[:2]
    image = torch.from_numpy(rgb.copy()).permute(2, 0, 1).float().div(255.0)[None]
    image = resize(image)[0]
    image = (image - torch.tensor(MEAN)[:, None, None]) / torch.tensor(STD)[:, None, None]
    prompts = torch.zeros(PROMPT_CHANNELS, h, w)
    for slot, m in sample["prompts"].items():
        prompts[slot] = torch.maximum(prompts[slot], torch.from_numpy(m.astype(np.float32)))
    prompts = resize(prompts[None])[0]
    tokens = torch.tensor(token_ids(sample["text"], vocab), dtype=torch.int64)
    task = torch.tensor(TASKS.index(sample["task"]), dtype=torch.int64)
    return (h, w), image, prompts, tokens, task


# ---- the network ---------------------------------------------------------------------------------

class Fixture(torch.nn.Module):
    def __init__(self, vocab_size: int, caption_size: int):
        super().__init__()
        self.stride = MASK_STRIDE
        self.embed = torch.nn.Embedding(vocab_size, 8)
        self.text_colour = torch.nn.Linear(8, 3)
        self.task_embed = torch.nn.Embedding(len(TASKS), 8)
        self.answer = torch.nn.Linear(3 * PROMPT_CHANNELS + 16, 4)
        self.caption = torch.nn.Linear(3 + 3 + 8, caption_size)

    def forward(self, image: torch.Tensor, prompts: torch.Tensor, tokens: torch.Tensor,
                task: torch.Tensor):
        weight = prompts.sum(dim=(2, 3))                                  # [B, K]
        colours = torch.einsum("bchw,bkhw->bkc", image, prompts) / (weight[:, :, None] + 1e-6)
        present = (tokens > 0).float()[:, :, None]
        text = (self.embed(tokens) * present).sum(1) / (present.sum(1) + 1e-6)  # [B, 8]
        text_colour = image.mean(dim=(2, 3)) + 0.5 * self.text_colour(text)  # [B, 3]
        has0 = (weight[:, 0] > 0)[:, None]
        c0 = torch.where(has0, colours[:, 0], text_colour)
        small = F.avg_pool2d(image, self.stride)                          # [B, 3, h, w]
        m0 = 3.0 * (2.0 - ((small - c0[:, :, None, None]) ** 2).sum(1))
        m1 = 3.0 * (2.0 - ((small - colours[:, 1, :, None, None]) ** 2).sum(1))
        m1 = torch.where((weight[:, 1] > 0)[:, None, None], m1, torch.full_like(m1, -10.0))
        masks = torch.stack([m0, m1], 1)                                  # [B, 2, h, w]

        union = prompts.amax(1)                                           # [B, H, W]
        area = union.mean(dim=(1, 2))
        ys = torch.linspace(0.0, 1.0, union.shape[1], device=union.device)[None, :, None]
        xs = torch.linspace(0.0, 1.0, union.shape[2], device=union.device)[None, None, :]
        total = union.sum(dim=(1, 2)) + 1e-6
        cy = (union * ys).sum(dim=(1, 2)) / total
        cx = (union * xs).sum(dim=(1, 2)) / total
        answer = self.answer(torch.cat([colours.flatten(1), text, self.task_embed(task)], 1))
        caption = self.caption(torch.cat([c0, torch.stack([area, cy, cx], 1), text], 1))
        return masks, answer, caption


class OneMask(torch.nn.Module):
    """Breaks the contract: one mask channel instead of the sidecar's two."""

    def __init__(self, inner: Fixture):
        super().__init__()
        self.inner = inner

    def forward(self, image: torch.Tensor, prompts: torch.Tensor, tokens: torch.Tensor,
                task: torch.Tensor):
        masks, answer, caption = self.inner(image, prompts, tokens, task)
        return masks[:, :1], answer, caption


class FirstOnly(torch.nn.Module):
    """Breaks the contract for batches of more than one: answers for the first sample only."""

    def __init__(self, inner: Fixture):
        super().__init__()
        self.inner = inner

    def forward(self, image: torch.Tensor, prompts: torch.Tensor, tokens: torch.Tensor,
                task: torch.Tensor):
        masks, answer, caption = self.inner(image, prompts, tokens, task)
        return masks[:1], answer[:1], caption[:1]


# ---- the contract's post-processing -----------------------------------------------------------

def upsample_masks(logits, size):
    """[M, h, w] logits -> [M, H, W] booleans at the original size (sigmoid > 0.5)."""
    return F.interpolate(logits[None], size=size, mode="bilinear", align_corners=False,
                         antialias=True)[0] > 0


def decode(sample, size, masks, answer, caption):
    task = sample["task"]
    if task in ("res", "vres"):
        on = upsample_masks(masks, size).numpy()
        out = [on[0]]
        if task == "vres":
            for m in on[1:]:
                if not m.any():
                    break
                out.append(m)
        return None, [{"size": list(size), "counts": rle_encode(m)} for m in out]
    if task == "mcq":
        options = []
        for line in re.split(r"\r\n|[\n\r\u0085\u2028\u2029\x0b\x0c]", sample["text"]):
            m = OPTION_LINE.match(line)
            if m:
                if m.group(1) != chr(ord("A") + len(options)):
                    options = []
                    break
                options.append(line.strip())
        if len(options) < 2:
            return "ABCD"[int(answer.argmax())], None
        n = min(4, len(options))
        return options[int(answer[:n].argmax())], None
    words, at = {}, 0
    for field in CAPTION["fields"]:
        n = len(field["values"])
        words[field["name"]] = field["values"][int(caption[at:at + n].argmax())]
        at += n
    return CAPTION["template"].format(**words), None


# ---- main ---------------------------------------------------------------------------------------

def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        # TorchScript writes a module's constants in set order: fix the hash seed, and the .pt
        # files come out byte for byte the same on every run (from the same working directory:
        # the script's path, as invoked, is recorded in the debug information).
        os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})
    torch.manual_seed(SEED)
    samples = load_samples()
    freq = {}
    for s in samples:
        for t in tokenize(s["text"]):
            freq[t] = freq.get(t, 0) + 1
    words = sorted(freq, key=lambda t: (-freq[t], t))[:VOCAB_WORDS]
    vocab = ["<pad>", "<unk>"] + sorted(words)
    caption_size = sum(len(f["values"]) for f in CAPTION["fields"])

    net = Fixture(len(vocab), caption_size).eval()
    scripted = torch.jit.script(net)
    os.makedirs(OUT, exist_ok=True)
    scripted.save(os.path.join(OUT, "fixture.pt"))
    torch.jit.script(OneMask(net).eval()).save(os.path.join(OUT, "fixture-one-mask.pt"))
    torch.jit.script(FirstOnly(net).eval()).save(os.path.join(OUT, "fixture-first-only.pt"))

    sidecar = {
        "format": "perbench-djl/1",
        "name": "djl-fixture",
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
            "purpose": "test fixture of the djl: adapter; a fixed function of its inputs, not a"
                       " trained model",
            "script": "harness-djl/src/test/python/make_djl_fixture.py",
            "torch": torch.__version__,
            "seed": str(SEED),
        },
    }
    with open(os.path.join(OUT, "fixture.pt.json"), "w") as f:
        json.dump(sidecar, f, indent=1)
        f.write("\n")

    by_id = {s["id"]: s for s in samples}
    loaded = torch.jit.load(os.path.join(OUT, "fixture.pt"))
    expected = []
    with torch.no_grad():
        encoded = [encode(by_id[i], vocab) for i in EXPECTED_IDS]
        batch = [torch.stack([e[k] for e in encoded]) for k in range(1, 5)]
        masks, answer, caption = loaded(*batch)
        for n, sample_id in enumerate(EXPECTED_IDS):
            s = by_id[sample_id]
            size, image, prompts, tokens, task = encoded[n]
            text, out_masks = decode(s, size, masks[n], answer[n], caption[n])
            expected.append({
                "id": sample_id,
                "task": s["task"],
                "image_sum": float(image.double().sum()),
                "prompts_sum": float(prompts.double().sum()),
                "tokens": tokens.tolist(),
                "mask_logits_sum": [float(m.double().sum()) for m in masks[n]],
                "answer_logits": [float(v) for v in answer[n]],
                "caption_logits": [float(v) for v in caption[n]],
                "text": text,
                "masks": out_masks,
            })
    with open(os.path.join(OUT, "fixture-expected.json"), "w") as f:
        json.dump({"generated_by": "harness-djl/src/test/python/make_djl_fixture.py",
                   "torch": torch.__version__, "samples": expected}, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: fixture.pt ({os.path.getsize(os.path.join(OUT, 'fixture.pt'))} bytes),"
          f" fixture.pt.json, fixture-expected.json ({len(expected)} samples)", file=sys.stderr)


if __name__ == "__main__":
    main()

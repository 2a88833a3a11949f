"""``--backend sa2va``: a checkpoint with a ``predict_forward`` method, on a GPU.

Two calling conventions exist, and the backend picks one from the method's signature (read
from the authors' code, see README.md, "What was verified"):

``sa2va`` -- the model-hub checkpoints ``ByteDance/Sa2VA-*`` (remote code
``modeling_sa2va_chat.py``, class ``Sa2VAChatModel``)::

    predict_forward(image=None, video=None, text=None, past_text='', mask_prompts=None,
                    tokenizer=None, processor=None)
    -> {'prediction': str, 'prediction_masks': [ndarray (1, h, w) bool, one per [SEG]]}

  ``mask_prompts`` is a list with one entry per image, an array ``(n_regions, H, W)`` at the
  original image size (the code resizes it to its 16x16 feature grid). The model names the
  regions ``region1``, ``region2``, ... in the order of that array, in the text it builds
  after ``<image>`` ("There are N part regions in the picture: region1<vp>...</vp>, ...").
  So ``<PromptN>`` in the harness prompt becomes ``region{k+1}`` where k is the index of slot N
  among the visual prompts. The Qwen-VL based checkpoints (class ``Sa2VAChatModelQwen``)
  accept ``mask_prompts`` but ignore it and need ``processor``: this backend then serves
  ``res`` only and answers 400 for tasks with visual prompts.

``pixel-sail`` -- Pixel-SAIL's research model (``sa2va_eval/projects/ST/models/sa2va_ST.py``)::

    predict_forward(image=None, text=None, past_text='', prompt_masks=None, prompt_ids=None,
                    prefix_answer=None)
    -> {'prediction': str, 'prediction_masks': None or [tensor (n_seg, h, w) bool]}

  ``prompt_masks`` is a list of (H, W) masks (``mask_utils.decode`` of each region) and
  ``prompt_ids`` their slot numbers, the ``<PromptN>`` text staying as it is. As in the
  authors' ``stbench_vres_eval.py``, a ``vres`` sample without a predicted mask is asked again
  with ``prefix_answer="It is [SEG]."``; as in ``stbench_detailed_cap_eval.py``,
  ``<Prompt0>`` and ``<|endoftext|>`` are removed from captions.

Both return masks already binarised (``sigmoid > 0.5``) at the image's size; they are resized
(nearest) only when the decoded image is not ``image_size``. A prompt without ``<image>`` (the
V-T RES prompt) is given ``"<image>\\n"`` in front, as the authors' V-T RES script does. For
``res`` the masks of all ``[SEG]`` tokens are merged (Sa2VA's ``sa2va_eval_refcoco.py``;
option ``res_masks=first`` keeps the first), and a text containing "No target" answers
``no_target: true`` without masks. torch, transformers, numpy and PIL are imported here only.
"""

import importlib
import inspect
import io
import os
import sys
import threading
import time

import rle
from backends.base import Backend, BadRequest, PROMPT_SLOT

END_MARKERS = ("<|endoftext|>", "<|im_end|>", "<|end|>", "<|eot_id|>", "</s>")
VRES_PREFIX = "It is [SEG]."
MAX_PIXEL_SAIL_SLOTS = 15


def _numpy():
    import numpy
    return numpy


def mask_from_counts(counts, h, w):
    """(h, w) uint8 array of run lengths (column-major, starting with zeros)."""
    np = _numpy()
    values = np.zeros(len(counts), dtype=np.uint8)
    values[1::2] = 1
    flat = np.repeat(values, np.asarray(counts, dtype=np.int64))
    return np.ascontiguousarray(flat.reshape(w, h).T)


def counts_from_mask(mask):
    """Run lengths of a 2-D array (non-zero = 1), column-major, starting with zeros: what
    pycocotools' ``encode(np.asfortranarray(mask))`` computes."""
    np = _numpy()
    flat = np.asarray(mask).astype(bool).ravel(order="F")
    if flat.size == 0:
        return [0]
    change = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    bounds = np.concatenate(([0], change, [flat.size]))
    counts = np.diff(bounds).tolist()
    if flat[0]:
        counts.insert(0, 0)
    return counts


def to_masks(pred):
    """A flat list of 2-D bool numpy masks from ``prediction_masks`` in either convention
    (None, a list of (1, h, w) arrays, a list holding one (n, h, w) tensor, ...)."""
    np = _numpy()
    if pred is None:
        return []
    items = pred if isinstance(pred, (list, tuple)) else [pred]
    out = []
    for item in items:
        if item is None:
            continue
        if hasattr(item, "detach"):  # a torch tensor
            item = item.detach().float().cpu().numpy()
        a = np.asarray(item)
        if a.ndim == 2:
            out.append(a > 0.5 if a.dtype != bool else a)
        elif a.ndim >= 3:
            a = a.reshape((-1,) + a.shape[-2:])
            out.extend((m > 0.5 if m.dtype != bool else m) for m in a)
        else:
            raise ValueError("prediction_masks holds an array of shape %s" % (a.shape,))
    return out


def clean_text(text, extra_markers=()):
    """The generated text without end-of-sequence markers, stripped."""
    for m in tuple(END_MARKERS) + tuple(x for x in extra_markers if x):
        text = text.replace(m, "")
    return text.strip()


class Sa2vaBackend(Backend):
    name = "sa2va"

    def __init__(self, model_path=None, device="cuda", dtype="bf16", name=None,
                 flash_attn="auto", model_factory=None, model=None, tokenizer=None,
                 processor=None, **_ignored):
        """Loads ``model_path`` with transformers' remote code; or calls ``model_factory``
        (``"module:function"``, for a model built another way such as Pixel-SAIL's research
        checkpoint, called as ``function(model_path=, device=, dtype=)`` and returning the model
        or ``(model, tokenizer[, processor])``); or wraps an already built ``model`` (tests)."""
        import PIL.Image  # noqa: F401  (fail at start, not at the first request)
        _numpy()
        self.model_path = model_path
        self.device = device
        self.dtype = dtype
        if model is None and model_factory:
            module, _, func = model_factory.partition(":")
            if os.getcwd() not in sys.path:
                sys.path.append(os.getcwd())  # a factory module next to where the server runs
            built = getattr(importlib.import_module(module), func or "load")(
                model_path=model_path, device=device, dtype=dtype)
            built = built if isinstance(built, tuple) else (built,)
            model = built[0]
            tokenizer = built[1] if len(built) > 1 else getattr(model, "tokenizer", None)
            processor = built[2] if len(built) > 2 else None
        if model is None:
            if not model_path:
                raise ValueError("--model-path is required for --backend sa2va "
                                 "(e.g. ByteDance/Sa2VA-4B or a local folder)")
            model, tokenizer, processor = self._load(model_path, device, dtype, flash_attn)
        self.model = model
        self.tokenizer = tokenizer
        self.processor = processor
        params = inspect.signature(model.predict_forward).parameters
        self.params = set(params)
        if "prompt_masks" in params:
            self.convention = "pixel-sail"
        elif "mask_prompts" in params:
            self.convention = "sa2va"
        else:
            raise ValueError("%s.predict_forward takes neither mask_prompts nor prompt_masks: "
                             "not a Sa2VA / Pixel-SAIL model" % type(model).__name__)
        # Sa2VAChatModelQwen (Qwen2.5-VL / Qwen3-VL checkpoints) ignores mask_prompts.
        self.visual_prompts = not (self.convention == "sa2va" and "Qwen" in type(model).__name__)
        self.model_name = name or (model_path.rstrip("/").split("/")[-1] if model_path
                                   else type(model).__name__)
        self._lock = threading.Lock()

    @staticmethod
    def _load(model_path, device, dtype, flash_attn):
        import torch
        from transformers import AutoModel, AutoTokenizer
        torch_dtype = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}[dtype]
        kwargs = dict(torch_dtype=torch_dtype, low_cpu_mem_usage=True, trust_remote_code=True)
        use_fa = flash_attn == "on"
        if flash_attn == "auto":
            try:
                import flash_attn as _fa  # noqa: F401
                use_fa = True
            except ImportError:
                use_fa = False
        # Sa2VAChatModel.__init__(config, ..., use_flash_attn=True) falls back to eager
        # attention when flash_attn is missing; the authors' eval scripts pass it for every model.
        kwargs["use_flash_attn"] = use_fa
        model = AutoModel.from_pretrained(model_path, **kwargs).eval().to(device)
        tokenizer = AutoTokenizer.from_pretrained(model_path, trust_remote_code=True)
        processor = None
        if "Qwen" in type(model).__name__:  # as sa2va_eval_refcoco.py does for Qwen-VL bases
            from transformers import AutoProcessor
            processor = AutoProcessor.from_pretrained(model_path, trust_remote_code=True)
        return model, tokenizer, processor

    def info(self):
        tasks = ["res", "vres", "mcq", "caption"] if self.visual_prompts else ["res"]
        out = {"name": self.model_name, "version": self._version(), "tasks": tasks,
               "backend": "sa2va", "convention": self.convention,
               "model_class": type(self.model).__name__, "dtype": self.dtype,
               "device": self.device}
        if self.model_path:
            out["checkpoint"] = self.model_path
        return out

    def _version(self):
        config = getattr(self.model, "config", None)
        commit = getattr(config, "_commit_hash", None) if config is not None else None
        return str(commit) if commit else "unknown"

    # --- one request ---------------------------------------------------------------------
    def predict(self, request):
        from PIL import Image
        np = _numpy()
        h, w = request.height, request.width
        if request.visual_prompts and not self.visual_prompts:
            raise BadRequest("%s ignores visual prompts (its predict_forward does not use "
                             "mask_prompts): it can only answer res" % type(self.model).__name__)
        if self.convention == "pixel-sail":
            limit = getattr(self.model, "visual_prompt_nums", MAX_PIXEL_SAIL_SLOTS)
            for vp in request.visual_prompts:
                if vp.slot >= limit:
                    raise BadRequest("slot %d is over the model's %d <PromptN> slots"
                                     % (vp.slot, limit))

        data = request.image_bytes()
        try:
            image = Image.open(io.BytesIO(data))
            image = image.convert("RGB")
        except Exception as e:
            raise BadRequest("cannot decode the image: %s" % e)
        iw, ih = image.size
        resized = (ih, iw) != (h, w)

        masks_in = []
        for vp in request.visual_prompts:
            m = mask_from_counts(vp.counts, h, w)
            if resized:
                m = np.asarray(Image.fromarray(m * 255).resize((iw, ih), Image.NEAREST)) > 127
                m = m.astype(np.uint8)
            masks_in.append(m)

        text = request.prompt
        if "<image>" not in text:
            text = "<image>\n" + text
        kwargs = {"image": image}
        if self.convention == "pixel-sail":
            if masks_in:
                kwargs["prompt_masks"] = masks_in
                kwargs["prompt_ids"] = [vp.slot for vp in request.visual_prompts]
        else:
            index = {vp.slot: k for k, vp in enumerate(request.visual_prompts)}
            text = PROMPT_SLOT.sub(lambda m: "region%d" % (index[int(m.group(1))] + 1), text)
            if masks_in:
                kwargs["mask_prompts"] = [np.stack(masks_in, axis=0)]
            kwargs["tokenizer"] = self.tokenizer
            if "processor" in self.params:
                kwargs["processor"] = self.processor
        kwargs["text"] = text

        started = time.perf_counter()
        out = self._call(kwargs)
        masks = to_masks(out.get("prediction_masks"))
        retried = False
        if (request.task == "vres" and not masks and self.convention == "pixel-sail"
                and "prefix_answer" in self.params and request.option("prefix_retry", "1") != "0"):
            out = self._call(dict(kwargs, prefix_answer=VRES_PREFIX))
            masks = to_masks(out.get("prediction_masks"))
            retried = True
        model_ms = (time.perf_counter() - started) * 1000.0

        raw = out.get("prediction") or ""
        eos = getattr(self.tokenizer, "eos_token", None) if self.tokenizer is not None else None
        answer_text = clean_text(raw, (eos,) if isinstance(eos, str) else ())
        if request.task == "caption" and self.convention == "pixel-sail":
            answer_text = answer_text.replace("<Prompt0>", "").strip()

        meta = {"backend": "sa2va", "convention": self.convention, "raw_text": raw,
                "seg_masks": len(masks), "model_ms": round(model_ms, 1), "model_text": text}
        if retried:
            meta["retried_with_prefix"] = VRES_PREFIX
        if resized:
            meta["image_decoded_size"] = [ih, iw]
        answer = {"sample_id": request.sample_id, "text": answer_text, "meta": meta}

        if request.task in ("res", "vres"):
            masks = [self._at_size(m, h, w) for m in masks]
            if request.task == "res" and "no target" in answer_text.lower():
                answer["no_target"] = True
                return answer
            if request.task == "res":
                answer["no_target"] = False
                if len(masks) > 1 and request.option("res_masks", "union") != "first":
                    merged = masks[0].copy()
                    for m in masks[1:]:
                        merged |= m
                    masks = [merged]
                masks = masks[:1]
            if masks:
                answer["masks"] = [{"size": [h, w], "counts": rle.encode_counts(counts_from_mask(m))}
                                   for m in masks]
        return answer

    def _call(self, kwargs):
        try:
            import torch
            ctx = torch.no_grad()
        except ImportError:  # a stand-in model in tests
            import contextlib
            ctx = contextlib.nullcontext()
        with self._lock, ctx:
            return self.model.predict_forward(**kwargs)

    @staticmethod
    def _at_size(mask, h, w):
        np = _numpy()
        mask = np.asarray(mask).astype(bool)
        if mask.shape == (h, w):
            return mask
        from PIL import Image
        img = Image.fromarray(mask.astype(np.uint8) * 255).resize((w, h), Image.NEAREST)
        return np.asarray(img) > 127

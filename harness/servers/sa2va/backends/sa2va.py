"""``--backend sa2va``: a checkpoint with a ``predict_forward`` method, on one CUDA GPU.

Two calling conventions exist, and the backend picks one from the method's signature (read
from the authors' code, see README.md, "What was verified"):

``sa2va`` -- the model-hub checkpoints ``ByteDance/Sa2VA-*`` (remote code
``modeling_sa2va_chat.py``, class ``Sa2VAChatModel``)::

    predict_forward(image=None, video=None, text=None, past_text='', mask_prompts=None,
                    tokenizer=None, processor=None)
    -> {'prediction': str, 'prediction_masks': [ndarray (1, h, w) bool, one per [SEG]]}

  ``mask_prompts`` is a list with one entry per image, an array ``(n_regions, H, W)`` at the
  image's size; the remote code shrinks it with ``F.interpolate(mode='nearest')`` to the 16x16
  grid of the thumbnail tile and gives region k as many image tokens as it has pixels left
  there (none for a region that fell between the grid's sample points). The model names the
  regions ``region1``, ``region2``, ... in the order of that array, so ``<PromptN>`` becomes
  ``region{k+1}``, k being the index of slot N among the visual prompts. The Qwen-VL based
  checkpoints (class ``Sa2VAChatModelQwen``) accept ``mask_prompts`` but ignore it and need
  ``processor``: this backend then serves ``res`` only.

``pixel-sail`` -- Pixel-SAIL's research model (``sa2va_eval/projects/ST/models/sa2va_ST.py``,
class ``Sa2VASTModel``)::

    predict_forward(image=None, text=None, past_text='', prompt_masks=None, prompt_ids=None,
                    prefix_answer=None)
    -> {'prediction': str, 'prediction_masks': None or [tensor (n_seg, h, w) bool]}

  ``prompt_masks`` is a list of (H, W) masks and ``prompt_ids`` their slot numbers, the
  ``<PromptN>`` text staying as it is; each mask is resized (PIL, nearest) to the patch grid
  of the resized image and a patch is in the region when any of its pixels is. A model built
  with ``visual_prompt_nums=0`` has no ``<PromptN>`` tokens and serves ``res`` only.

Policies (each reported by ``/v1/info``, see README.md "Reproducing the paper's numbers"):

- ``res_masks`` (``first`` | ``merge``): for ``res``, the first ``[SEG]`` mask (the paper-era
  Sa2VA RefCOCO script, Pixel-SAIL's RES script) or the union of all (the v2 Sa2VA script).
- no target: a ``res`` text containing "no target" answers ``no_target: true`` *and* its
  masks; the harness's scoring profile decides what to do with them.
- V-T RES retry: Pixel-SAIL's ``vres`` sample without a mask is asked again with
  ``prefix_answer="It is [SEG]."`` (the authors' script); Sa2VA has no ``prefix_answer``, so no
  retry. ``meta.retries`` counts it.
- ``text_cleanup`` (``authors`` | ``end-markers``): see :func:`clean_text`.
- ``max_new_tokens`` per task: written into the model's ``gen_config`` before each call.
- ``meta.prompt_pixels``: what each visual prompt became after the model's own shrinking
  (:func:`prompt_pixels`), with ``meta.warnings`` ``empty_visual_prompt:<slot>`` for 0.

Only bf16 on one CUDA device is allowed (:func:`check_dtype_device`): the remote code casts its
inputs to ``torch.bfloat16`` and calls ``.cuda()`` itself. Everything but :meth:`_load` and
:meth:`Replica.call` runs without torch (numpy and PIL only), which is what the tests use.
"""

import importlib
import inspect
import io
import math
import os
import sys
import time

import rle
from backends.base import (Backend, BadRequest, ClientGone, PROMPT_SLOT, Refused, ReplicaPool,
                           TASKS)

VRES_PREFIX = "It is [SEG]."
MAX_PIXEL_SAIL_SLOTS = 15

# --- the policies and their names (reported by /v1/info) -------------------------------------
RES_MASKS = ("first", "merge")
TEXT_CLEANUPS = ("authors", "end-markers")
# end-of-sequence markers removed by the end-markers clean-up (and the tokenizer's eos_token)
END_MARKERS = ("<|endoftext|>", "<|im_end|>", "<|end|>", "<|eot_id|>", "</s>")
# the authors' caption clean-up, stbench_detailed_cap_eval.py, in this order, then strip()
AUTHORS_CAPTION_REMOVES = ("<Prompt0>", "<|endoftext|>")
SA2VA_PROMPT_GRID = 16      # int(448 // 14 * 0.5): the thumbnail tile's feature grid
PIXEL_SAIL_MAX_RESOLUTION = 1024  # projects/ST/dataset/utils.py, MAX_RESOLUTION
SUPPORTED_DTYPE = "bf16"
SUPPORTED_DEVICES = ("cuda", "cuda:0")
DTYPE_NAMES = {"torch.bfloat16": "bf16", "torch.float16": "fp16", "torch.float32": "fp32",
               "torch.float64": "fp64"}


def _numpy():
    import numpy
    return numpy


# --- start-up checks (no torch) ---------------------------------------------------------------
def check_dtype_device(dtype, device):
    """None when ``dtype``/``device`` are what the authors' code can run, else a message saying
    why not and what to do (``server.py`` prints it and exits 2 before loading weights)."""
    if dtype != SUPPORTED_DTYPE:
        return ("--dtype %s is refused: the Sa2VA and Pixel-SAIL code runs in bfloat16 only "
                "(the remote code's preparing_for_generation() casts the image inputs to "
                "torch.bfloat16 whatever the weights are, so fp16 or fp32 weights fail with a "
                "dtype mismatch or silently differ from the authors' setting). Use --dtype bf16 "
                "on a GPU with bfloat16 support (Ampere or newer)." % dtype)
    if device not in SUPPORTED_DEVICES:
        if device.startswith("cuda:"):
            index = device.split(":", 1)[1]
            return ("--device %s is refused: the remote code moves its tensors with .cuda(), "
                    "i.e. to the current CUDA device, whatever the weights' device is. Select "
                    "the GPU with CUDA_VISIBLE_DEVICES instead: CUDA_VISIBLE_DEVICES=%s "
                    "python3 server.py ... --device cuda" % (device, index))
        return ("--device %s is refused: the Sa2VA and Pixel-SAIL code calls .cuda() and runs "
                "on an NVIDIA GPU only (no CPU or other device path). Run it on a CUDA machine "
                "with --device cuda (pick the GPU with CUDA_VISIBLE_DEVICES); the echo backend "
                "(--backend echo) needs no GPU." % device)
    return None


def check_max_new_tokens(caps):
    """A message for a cap that is not a positive integer, else None."""
    for task, n in sorted((caps or {}).items()):
        if n is not None and (not isinstance(n, int) or n < 1):
            return "--max-new-tokens-%s must be a positive integer, not %r" % (task, n)
    return None


# --- masks -------------------------------------------------------------------------------------
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


def has_no_mask(pred):
    """The authors' test for "no mask came out" (``stbench_vres_eval.py``):
    ``pred_mask is None or len(pred_mask) == 0``."""
    return pred is None or len(pred) == 0


def select_res_masks(masks, policy):
    """The ``res`` answer's masks under ``policy``: ``first`` keeps the first ``[SEG]`` mask,
    ``merge`` their union (``final_mask | mask`` as sa2va_eval_refcoco.py does); [] for none."""
    if not masks:
        return []
    if policy == "first":
        return [masks[0]]
    if policy == "merge":
        merged = masks[0].copy()
        for m in masks[1:]:
            merged |= m
        return [merged]
    raise ValueError("unknown res_masks policy %r" % policy)


def says_no_target(text):
    """True when the generated text says the expression refers to nothing ("No target [SEG].",
    the answer the authors trained for gRefCOCO's empty samples), case-insensitively."""
    return "no target" in (text or "").lower()


# --- the models' own shrinking of a visual prompt (numpy / PIL, as the authors do it) ----------
def legacy_nearest_index(in_size, out_size):
    """Source index of each output index for ``torch.nn.functional.interpolate(...,
    mode='nearest')`` (ATen's ``nearest_idx``): identity when the sizes are equal, ``i >> 1``
    when the output is twice the input, else ``min(floorf(i * scale), in - 1)`` with ``scale =
    (float) in / out`` in float32 (the same on CPU and CUDA)."""
    np = _numpy()
    i = np.arange(out_size)
    if out_size == in_size:
        return i
    if out_size == 2 * in_size:
        return i >> 1
    scale = np.float32(in_size) / np.float32(out_size)
    src = np.floor(i.astype(np.float32) * scale).astype(np.int64)
    return np.minimum(src, in_size - 1)


def sa2va_prompt_grid(mask, grid=SA2VA_PROMPT_GRID):
    """The (grid, grid) bool mask that Sa2VA's ``predict_forward`` makes of an (H, W) prompt mask:
    ``F.interpolate(mask[None], size=(16, 16), mode='nearest')``, then ``.bool()``."""
    np = _numpy()
    m = np.asarray(mask)
    rows = legacy_nearest_index(m.shape[0], grid)
    cols = legacy_nearest_index(m.shape[1], grid)
    return m[np.ix_(rows, cols)] != 0


def pixel_sail_resized_size(width, height, patch_size, max_resolution=PIXEL_SAIL_MAX_RESOLUTION):
    """``(new_width, new_height)`` of Pixel-SAIL's ``get_resize_output_image_size((w, h),
    patch_size=...)``: the long side rounded up to a multiple of the patch size (at most
    ``max_resolution``), the short side scaled with it (truncated) and rounded up likewise."""
    l1, l2 = width, height
    short, long_ = (l2, l1) if l2 <= l1 else (l1, l2)
    new_long = min(math.ceil(long_ / patch_size) * patch_size, max_resolution)
    new_short = int(new_long * short / long_)
    new_short = math.ceil(new_short / patch_size) * patch_size
    return (new_long, new_short) if l2 <= l1 else (new_short, new_long)


def pixel_sail_prompt_patches(mask, patch_size, max_resolution=PIXEL_SAIL_MAX_RESOLUTION):
    """The (n_h, n_w) bool patch mask of Pixel-SAIL's ``convert_mask_to_patches``: the mask as
    a 3-channel uint8 PIL image, resized (PIL nearest, as torchvision's ``Resize`` does on a
    PIL image) to :func:`pixel_sail_resized_size`, cut into patch_size x patch_size patches; a
    patch is in the region when any of its values is non-zero."""
    np = _numpy()
    from PIL import Image
    m = np.asarray(mask).astype(np.uint8)
    img = Image.fromarray(np.stack([m, m, m], axis=2))
    new_w, new_h = pixel_sail_resized_size(img.size[0], img.size[1], patch_size, max_resolution)
    if (new_w, new_h) != img.size:
        img = img.resize((new_w, new_h), _nearest())
    a = np.asarray(img)
    nh, nw = a.shape[0] // patch_size, a.shape[1] // patch_size   # unfold drops a remainder
    a = a[:nh * patch_size, :nw * patch_size]
    patches = a.reshape(nh, patch_size, nw, patch_size, 3)
    return patches.any(axis=(1, 3, 4))


def _nearest():
    from PIL import Image
    return getattr(getattr(Image, "Resampling", Image), "NEAREST")


def prompt_pixels(convention, masks, patch_size=None):
    """How many feature-grid cells (Sa2VA: of the 16x16 thumbnail grid) or patches (Pixel-SAIL)
    each prompt mask covers after the model's own shrinking; a 0 means the model sees an
    empty region for it. None for a Pixel-SAIL model whose patch size is unknown."""
    if convention == "sa2va":
        return [int(sa2va_prompt_grid(m).sum()) for m in masks]
    if not patch_size:
        return None
    return [int(pixel_sail_prompt_patches(m, patch_size).sum()) for m in masks]


# --- text ------------------------------------------------------------------------------------
def clean_text(raw, task, rule, eos_token=None):
    """The answer's ``text`` from the generated ``raw`` text under ``rule``:

    - ``authors``: what the authors' scripts keep. ``caption``:
      ``raw.replace("<Prompt0>", "").replace("<|endoftext|>", "").strip()``
      (``stbench_detailed_cap_eval.py``; any other end marker, such as Sa2VA's
      ``<|im_end|>``, stays). ``mcq``: ``raw`` as it is (``stbench_mcq_eval.py`` keeps the
      prediction unchanged). ``res``/``vres``: ``raw`` as it is (only masks are scored).
    - ``end-markers``: every task: the end-of-sequence markers ``<|endoftext|>``,
      ``<|im_end|>``, ``<|end|>``, ``<|eot_id|>``, ``</s>`` and the tokenizer's ``eos_token``
      removed wherever they are, then ``strip()``.
    """
    raw = raw or ""
    if rule == "authors":
        if task == "caption":
            text = raw
            for marker in AUTHORS_CAPTION_REMOVES:
                text = text.replace(marker, "")
            return text.strip()
        return raw
    if rule == "end-markers":
        text = raw
        for marker in END_MARKERS + ((eos_token,) if isinstance(eos_token, str) and eos_token
                                     else ()):
            text = text.replace(marker, "")
        return text.strip()
    raise ValueError("unknown text clean-up rule %r" % rule)


# --- the call --------------------------------------------------------------------------------
def model_text(prompt, convention, visual_prompts):
    """The ``text`` argument: ``"<image>\\n"`` in front of a prompt without ``<image>`` (as
    ``stbench_vres_eval.py`` does for the V-T RES question), and for Sa2VA each ``<PromptN>``
    rewritten to ``region{k+1}``, k being slot N's index among ``visual_prompts``."""
    text = prompt if "<image>" in prompt else "<image>\n" + prompt
    if convention == "sa2va":
        index = {vp.slot: k for k, vp in enumerate(visual_prompts)}
        text = PROMPT_SLOT.sub(lambda m: "region%d" % (index[int(m.group(1))] + 1), text)
    return text


def call_arguments(convention, image, text, masks, slots):
    """The keyword arguments of ``predict_forward`` apart from the per-replica tokenizer and
    processor: Sa2VA ``image, text, mask_prompts=[(N, H, W) uint8]`` (None without prompts);
    Pixel-SAIL ``image, text, prompt_masks=[(H, W) uint8, ...], prompt_ids=[slot, ...]`` (both
    left out without prompts)."""
    np = _numpy()
    kwargs = {"image": image, "text": text}
    if convention == "pixel-sail":
        if masks:
            kwargs["prompt_masks"] = list(masks)
            kwargs["prompt_ids"] = list(slots)
    elif masks:
        kwargs["mask_prompts"] = [np.stack(masks, axis=0)]
    return kwargs


def _attn_implementation(model):
    """``(value, where)`` of the attention implementation the loaded language model uses, read
    from the model (the remote code sets it from use_flash_attn and whether flash_attn could
    be imported), or ``(None, None)``."""
    candidates = [
        ("config.llm_config._attn_implementation", lambda m: m.config.llm_config),
        ("language_model.config._attn_implementation", lambda m: m.language_model.config),
        ("single_transformer.config._attn_implementation", lambda m: m.single_transformer.config),
        ("config._attn_implementation", lambda m: m.config),
    ]
    for where, get in candidates:
        try:
            value = getattr(get(model), "_attn_implementation", None)
        except AttributeError:
            continue
        if isinstance(value, str):
            return value, where
    return None, None


def _parameters_summary(model):
    """``(dtype, device, {dtype: elements})`` read from the model's parameters: the dtype that
    holds most elements and the device(s) they are on; ``(None, None, {})`` without
    ``parameters()``."""
    params = getattr(model, "parameters", None)
    if not callable(params):
        return None, None, {}
    counts, devices = {}, set()
    for p in params():
        name = DTYPE_NAMES.get(str(p.dtype), str(p.dtype))
        numel = p.numel() if callable(getattr(p, "numel", None)) else 1
        counts[name] = counts.get(name, 0) + int(numel)
        devices.add(str(p.device))
    if not counts:
        return None, None, {}
    dtype = max(sorted(counts), key=lambda k: counts[k])
    return dtype, ", ".join(sorted(devices)), counts


class Replica(object):
    """One copy of the model with its tokenizer and processor; used by one request at a time
    (the :class:`ReplicaPool` hands it out)."""

    def __init__(self, index, model, tokenizer=None, processor=None):
        self.index = index
        self.model = model
        self.tokenizer = tokenizer
        self.processor = processor

    def gen_config(self):
        return getattr(self.model, "gen_config", None)

    def call(self, kwargs, max_new_tokens=None):
        """``predict_forward(**kwargs)`` under ``torch.no_grad()`` (when torch is there), with
        ``gen_config.max_new_tokens`` set first when a cap is given."""
        if max_new_tokens is not None:
            self.model.gen_config.max_new_tokens = max_new_tokens
        try:
            import torch
            ctx = torch.no_grad()
        except ImportError:  # a stand-in model in tests
            import contextlib
            ctx = contextlib.nullcontext()
        with ctx:
            return self.model.predict_forward(**kwargs)


class Sa2vaBackend(Backend):
    name = "sa2va"

    def __init__(self, model_path=None, device="cuda", dtype="bf16", name=None,
                 flash_attn="auto", model_factory=None, model=None, tokenizer=None,
                 processor=None, revision=None, res_masks="first", text_cleanup="authors",
                 max_new_tokens=None, replicas=1, **_ignored):
        """Loads ``replicas`` copies of ``model_path`` (at hub ``revision``) with transformers'
        remote code; or calls ``model_factory`` (``"module:function"``, for a model built another
        way such as Pixel-SAIL's research checkpoint, called once per replica as
        ``function(model_path=, device=, dtype=)`` -- plus ``revision=`` when it takes it -- and
        returning the model or ``(model, tokenizer[, processor])``); or wraps an already built
        ``model`` (tests; one replica). Raises :class:`Refused` for settings the code cannot run
        (before loading anything)."""
        problem = check_dtype_device(dtype, device) or check_max_new_tokens(max_new_tokens)
        if problem:
            raise Refused(problem)
        if res_masks not in RES_MASKS:
            raise Refused("--res-masks must be one of %s, not %r" % ("|".join(RES_MASKS), res_masks))
        if text_cleanup not in TEXT_CLEANUPS:
            raise Refused("--text-cleanup must be one of %s, not %r"
                          % ("|".join(TEXT_CLEANUPS), text_cleanup))
        if not isinstance(replicas, int) or replicas < 1:
            raise Refused("--replicas must be a positive integer, not %r" % (replicas,))
        if model is not None and replicas != 1:
            raise ValueError("a given model is one replica")
        import PIL.Image  # noqa: F401  (fail at start, not at the first request)
        _numpy()
        self.model_path = model_path
        self.revision = revision
        self.res_masks = res_masks
        self.text_cleanup = text_cleanup
        self.requested_device = device
        self.flash_attn_request = flash_attn
        self.flash_attn_why = None   # set by _load: how use_flash_attn was chosen
        self.flash_attn_used = None  # set by _load: the use_flash_attn passed to from_pretrained
        built = []
        if model is not None:
            built.append((model, tokenizer, processor))
        elif model_factory:
            factory = self._factory(model_factory)
            for _ in range(replicas):
                built.append(self._from_factory(factory, model_path, device, dtype, revision))
        else:
            if not model_path:
                raise ValueError("--model-path is required for --backend sa2va "
                                 "(e.g. ByteDance/Sa2VA-4B or a local folder)")
            for _ in range(replicas):
                built.append(self._load(model_path, revision, flash_attn))
        self.pool = ReplicaPool([Replica(i, m, t, p) for i, (m, t, p) in enumerate(built)])
        first = self.pool.replicas[0].model
        params = inspect.signature(first.predict_forward).parameters
        self.params = set(params)
        if "prompt_masks" in params:
            self.convention = "pixel-sail"
        elif "mask_prompts" in params:
            self.convention = "sa2va"
        else:
            raise ValueError("%s.predict_forward takes neither mask_prompts nor prompt_masks: "
                             "not a Sa2VA / Pixel-SAIL model" % type(first).__name__)
        for r in self.pool.replicas:
            self._prepare(r)
        self.tasks = self._tasks(first)
        self.visual_prompts = self.tasks != ["res"]
        self.max_new_tokens = self._caps(max_new_tokens or {})
        self.model_name = name or (model_path.rstrip("/").split("/")[-1] if model_path
                                   else type(first).__name__)
        self._info = self._describe()

    # --- building ----------------------------------------------------------------------------
    @staticmethod
    def _factory(spec):
        module, _, func = spec.partition(":")
        if os.getcwd() not in sys.path:
            sys.path.append(os.getcwd())  # a factory module next to where the server runs
        return getattr(importlib.import_module(module), func or "load")

    @staticmethod
    def _from_factory(factory, model_path, device, dtype, revision):
        kwargs = dict(model_path=model_path, device=device, dtype=dtype)
        sig = inspect.signature(factory).parameters
        if "revision" in sig or any(p.kind == p.VAR_KEYWORD for p in sig.values()):
            kwargs["revision"] = revision
        elif revision:
            raise Refused("--revision %s: the --model-factory function %s takes no revision "
                          "argument, so the revision would not be applied (and /v1/info would "
                          "report it wrongly); add a revision=None parameter to it or leave "
                          "--revision out" % (revision, getattr(factory, "__name__", factory)))
        built = factory(**kwargs)
        built = built if isinstance(built, tuple) else (built,)
        model = built[0]
        tokenizer = built[1] if len(built) > 1 else getattr(model, "tokenizer", None)
        processor = built[2] if len(built) > 2 else None
        return model, tokenizer, processor

    def _load(self, model_path, revision, flash_attn):
        import torch
        if not torch.cuda.is_available():
            raise Refused("torch %s sees no CUDA device (CUDA_VISIBLE_DEVICES=%r, torch built for "
                          "CUDA %s): the Sa2VA code needs an NVIDIA GPU. Check nvidia-smi, the "
                          "driver, and that this torch is a CUDA build (README.md, "
                          "\"Troubleshooting the first GPU run\")."
                          % (torch.__version__, os.environ.get("CUDA_VISIBLE_DEVICES"),
                             torch.version.cuda))
        major, minor = torch.cuda.get_device_capability()
        if (major, minor) < (8, 0):
            raise Refused("%s has compute capability %d.%d: bfloat16 (and flash attention 2) need "
                          "8.0 or newer (Ampere, Ada, Hopper; Blackwell with a CUDA 12.8 build of "
                          "torch). README.md, \"GPUs\"." % (torch.cuda.get_device_name(), major,
                                                            minor))
        arches = torch.cuda.get_arch_list()
        if arches and not any(a.startswith("sm_%d" % major) for a in arches):
            sys.stderr.write("warning: this torch %s was built for %s, not for compute capability "
                             "%d.%d (%s): expect 'no kernel image is available' (README.md, "
                             "\"GPUs\")\n" % (torch.__version__, " ".join(arches), major, minor,
                                              torch.cuda.get_device_name()))
        from transformers import AutoModel, AutoTokenizer
        use_fa, self.flash_attn_why = self._decide_flash_attn(flash_attn)
        self.flash_attn_used = use_fa
        # As sa2va_eval_refcoco.py loads it. Sa2VAChatModel.__init__(config, ...,
        # use_flash_attn=True) falls back to eager attention when flash_attn cannot be imported.
        kwargs = dict(torch_dtype=torch.bfloat16, low_cpu_mem_usage=True, trust_remote_code=True,
                      use_flash_attn=use_fa)
        hub = {"revision": revision} if revision else {}
        model = AutoModel.from_pretrained(model_path, **kwargs, **hub).eval().cuda()
        tokenizer = AutoTokenizer.from_pretrained(model_path, trust_remote_code=True, **hub)
        processor = None
        if "Qwen" in type(model).__name__:  # as sa2va_eval_refcoco.py does for Qwen-VL bases
            from transformers import AutoProcessor
            processor = AutoProcessor.from_pretrained(model_path, trust_remote_code=True, **hub)
        return model, tokenizer, processor

    @staticmethod
    def _decide_flash_attn(flash_attn):
        """``(use_flash_attn, why)`` for ``--flash-attn auto|on|off``."""
        if flash_attn == "off":
            return False, "--flash-attn off"
        try:
            import flash_attn as fa
            version = getattr(fa, "__version__", "?")
        except Exception as e:  # ImportError, or an undefined symbol from a mismatched build
            if flash_attn == "on":
                raise Refused("--flash-attn on, but flash_attn cannot be imported (%s: %s). "
                              "Install it (README.md, \"flash-attn\") or start with --flash-attn "
                              "auto/off to use eager attention." % (type(e).__name__, e))
            return False, "--flash-attn auto: flash_attn cannot be imported (%s)" % type(e).__name__
        return True, "--flash-attn %s: flash_attn %s imported" % (flash_attn, version)

    def _prepare(self, replica):
        """What the authors' code does before the first call: Sa2VA's ``predict_forward`` calls
        ``preparing_for_generation(tokenizer=tokenizer)`` on first use (done here, so that
        ``gen_config`` exists); Pixel-SAIL's scripts call ``preparing_for_generation(metainfo={})``
        after loading (done here when the factory has not)."""
        m = replica.model
        prepare = getattr(m, "preparing_for_generation", None)
        if not callable(prepare) or getattr(m, "init_prediction_config", True):
            return
        if self.convention == "sa2va" and replica.tokenizer is not None:
            prepare(tokenizer=replica.tokenizer)
        elif self.convention == "pixel-sail":
            prepare(metainfo={})

    def _tasks(self, model):
        if self.convention == "sa2va" and "Qwen" in type(model).__name__:
            return ["res"]  # Sa2VAChatModelQwen never uses mask_prompts
        if self.convention == "pixel-sail" and getattr(model, "visual_prompt_nums", 1) == 0:
            return ["res"]  # built without <PromptN> tokens
        return list(TASKS)

    def _caps(self, requested):
        """Per task, the max_new_tokens written into gen_config before each call: the cap given
        on the command line, else the model's own default (what its preparing_for_generation set:
        2048 for Sa2VA, 512 for Pixel-SAIL)."""
        gens = [r.gen_config() for r in self.pool.replicas]
        capped = {t: n for t, n in requested.items() if n is not None and t in self.tasks}
        if any(g is None for g in gens):
            if capped:
                raise ValueError("%s has no gen_config: --max-new-tokens-* cannot be applied to "
                                 "it (its code sets max_new_tokens itself)"
                                 % type(self.pool.replicas[0].model).__name__)
            default = 2048 if "Qwen" in type(self.pool.replicas[0].model).__name__ else None
            self._apply_caps = False
            return {t: default for t in self.tasks}
        self._apply_caps = True
        default = gens[0].max_new_tokens
        return {t: capped.get(t, default) for t in self.tasks}

    def _describe(self):
        first = self.pool.replicas[0].model
        dtype, device, counts = _parameters_summary(first)
        attn, where = _attn_implementation(first)
        if attn is not None:
            flash = attn == "flash_attention_2"
            how = "read from the loaded model: %s = %r" % (where, attn)
        elif self.flash_attn_used is not None:
            flash = self.flash_attn_used
            how = "not readable from the model; use_flash_attn=%s was passed" % flash
        else:
            flash = False
            how = ("not readable from the model, and not chosen by this server (a model built by "
                   "--model-factory or given): reported as false")
        if self.flash_attn_why:
            how += "; " + self.flash_attn_why
        out = {
            "name": self.model_name, "version": self._version(), "tasks": list(self.tasks),
            "backend": "sa2va", "convention": self.convention,
            "model_class": type(first).__name__,
            "revision": self.revision,
            "dtype": dtype or SUPPORTED_DTYPE,
            "dtype_how": ("read from the loaded model's parameters" if dtype
                          else "as requested (the model has no parameters() to read)"),
            "device": device or self.requested_device,
            "cuda_visible_devices": os.environ.get("CUDA_VISIBLE_DEVICES"),
            "flash_attention": bool(flash),
            "flash_attention_how": how,
            "res_masks": self.res_masks,
            "no_target_policy": "masks kept, with no_target: true",
            "vres_retry": ("prefix_answer=%r when no mask came out" % VRES_PREFIX
                           if self._retries_vres() else
                           "none (predict_forward has no prefix_answer)"),
            "text_cleanup": self.text_cleanup,
            "max_new_tokens": dict(self.max_new_tokens),
            "prompt_shrink": ("16x16 nearest grid of the thumbnail tile" if self.convention == "sa2va"
                              else "patch grid of the resized image (PIL nearest, any pixel)"),
            "replicas": len(self.pool.replicas),
        }
        if len(counts) > 1:
            out["param_dtypes"] = counts
        if self.model_path:
            out["checkpoint"] = self.model_path
        gpu = self._gpu_name()
        if gpu:
            out["gpu"] = gpu
        return out

    @staticmethod
    def _gpu_name():
        if "torch" not in sys.modules:
            return None
        try:
            import torch
            if torch.cuda.is_available():
                return torch.cuda.get_device_name()
        except Exception:
            return None
        return None

    def _retries_vres(self):
        return self.convention == "pixel-sail" and "prefix_answer" in self.params

    def info(self):
        return dict(self._info)

    def _version(self):
        config = getattr(self.pool.replicas[0].model, "config", None)
        commit = getattr(config, "_commit_hash", None) if config is not None else None
        return str(commit) if commit else "unknown"

    # --- one request -------------------------------------------------------------------------
    def predict(self, request):
        from PIL import Image
        np = _numpy()
        h, w = request.height, request.width
        if request.task not in self.tasks:
            raise BadRequest("%s cannot answer %s: %s (this server's tasks: %s)"
                             % (self.model_name, request.task,
                                "it has no visual-prompt support" if not self.visual_prompts
                                else "unsupported task", ", ".join(self.tasks)))
        if request.visual_prompts and not self.visual_prompts:
            raise BadRequest("%s ignores visual prompts: it can only answer res without them"
                             % type(self.pool.replicas[0].model).__name__)
        asked = request.option("res_masks")
        if asked is not None and asked != self.res_masks:
            raise BadRequest("option res_masks=%s: the policy is a server setting, and this "
                             "server was started with --res-masks %s (restart it with "
                             "--res-masks %s)" % (asked, self.res_masks, asked))
        if self.convention == "pixel-sail":
            limit = getattr(self.pool.replicas[0].model, "visual_prompt_nums", MAX_PIXEL_SAIL_SLOTS)
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
                m = np.asarray(Image.fromarray(m * 255).resize((iw, ih), _nearest())) > 127
                m = m.astype(np.uint8)
            masks_in.append(m)
        slots = [vp.slot for vp in request.visual_prompts]
        pixels = (prompt_pixels(self.convention, masks_in,
                                getattr(self.pool.replicas[0].model, "patch_size", None))
                  if masks_in else None)
        warnings = ["empty_visual_prompt:%d" % s for s, n in zip(slots, pixels or []) if n == 0]

        text = model_text(request.prompt, self.convention, request.visual_prompts)
        kwargs = call_arguments(self.convention, image, text, masks_in, slots)
        cap = self.max_new_tokens.get(request.task) if self._apply_caps else None

        retries = 0
        started = time.perf_counter()
        with self.pool.acquire(request.client_gone) as replica:
            call = self._with_replica_objects(kwargs, replica)
            out = replica.call(call, cap)
            if (request.task == "vres" and self._retries_vres()
                    and has_no_mask(out.get("prediction_masks"))
                    and request.option("prefix_retry", "1") != "0"):
                if request.client_gone():
                    raise ClientGone("the client closed its connection before the second try")
                out = replica.call(dict(call, prefix_answer=VRES_PREFIX), cap)
                retries = 1
        model_ms = (time.perf_counter() - started) * 1000.0

        masks = to_masks(out.get("prediction_masks"))
        raw = out.get("prediction") or ""
        eos = getattr(replica.tokenizer, "eos_token", None) if replica.tokenizer is not None else None
        answer_text = clean_text(raw, request.task, self.text_cleanup, eos)

        meta = {"backend": "sa2va", "convention": self.convention, "raw_text": raw,
                "seg_masks": len(masks), "model_ms": round(model_ms, 1), "model_text": text,
                "retries": retries, "replica": replica.index, "max_new_tokens": cap}
        if retries:
            meta["retried_with_prefix"] = VRES_PREFIX
        if pixels is not None:
            meta["prompt_pixels"] = pixels
        if warnings:
            meta["warnings"] = warnings
        if resized:
            meta["image_decoded_size"] = [ih, iw]
        answer = {"sample_id": request.sample_id, "text": answer_text, "meta": meta}

        if request.task in ("res", "vres"):
            masks = [self._at_size(m, h, w) for m in masks]
            if request.task == "res":
                answer["no_target"] = says_no_target(raw)
                masks = select_res_masks(masks, self.res_masks)
            if masks:
                answer["masks"] = [{"size": [h, w], "counts": rle.encode_counts(counts_from_mask(m))}
                                   for m in masks]
        return answer

    def _with_replica_objects(self, kwargs, replica):
        """``kwargs`` plus what belongs to the replica: Sa2VA's ``tokenizer`` (and ``processor``
        where the method takes it); Pixel-SAIL takes neither (its tokenizer is an attribute)."""
        if self.convention != "sa2va":
            return kwargs
        call = dict(kwargs, tokenizer=replica.tokenizer)
        if "processor" in self.params:
            call["processor"] = replica.processor
        return call

    @staticmethod
    def _at_size(mask, h, w):
        np = _numpy()
        mask = np.asarray(mask).astype(bool)
        if mask.shape == (h, w):
            return mask
        from PIL import Image
        img = Image.fromarray(mask.astype(np.uint8) * 255).resize((w, h), _nearest())
        return np.asarray(img) > 127

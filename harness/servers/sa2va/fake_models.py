"""Stand-in models for the tests: no torch, no weights. Loaded by the real server through its
``--model-factory MODULE:FUNCTION`` seam, e.g.::

    python3 server.py --backend sa2va --model-factory fake_models:sa2va --port 0

Each class's ``predict_forward`` has exactly the signature of the authors' method (checked by
``test_fake_models.py`` against the text below), records the arguments of every call in
``self.calls`` (with the ``gen_config.max_new_tokens`` in force and the thread), and answers
from ``self.respond(call) -> (text, number of [SEG] masks)``, which a test may replace.
``self.gate`` (a threading.Event, or None) makes a call wait until it is set, and
``self.entered`` is set when a call has started: enough to prove that two replicas generate at
once, or that a request was never generated.

The authors' signatures (github.com/bytedance/Sa2VA, commit 9832e1a):

- ``projects/sa2va/hf/models/modeling_sa2va_chat.py``, ``Sa2VAChatModel``:
  ``predict_forward(self, image=None, video=None, text=None, past_text='', mask_prompts=None,
  tokenizer=None, processor=None)``; ``preparing_for_generation(self, tokenizer,
  max_new_tokens=2048, torch_dtype=torch.bfloat16)``.
- ``projects/sa2va/hf/models_qwen/modeling_sa2va_qwen.py``, ``Sa2VAChatModelQwen``: the same
  ``predict_forward`` signature (``assert processor is not None``; ``mask_prompts`` unused).
- ``sa2va_eval/projects/ST/models/sa2va_ST.py``, ``Sa2VASTModel`` (Pixel-SAIL):
  ``predict_forward(self, image=None, text=None, past_text='', prompt_masks=None,
  prompt_ids=None, prefix_answer=None)``; ``preparing_for_generation(self, metainfo, **kwargs)``
  (``max_new_tokens=512``); ``visual_prompt_nums`` slots, ``patch_size``.
"""

import re
import threading

import numpy as np

SEG = re.compile(r"\[SEG\]")

SA2VA_SIGNATURE = ("(self, image=None, video=None, text=None, past_text='', mask_prompts=None, "
                   "tokenizer=None, processor=None)")
PIXEL_SAIL_SIGNATURE = ("(self, image=None, text=None, past_text='', prompt_masks=None, "
                        "prompt_ids=None, prefix_answer=None)")


class FakeParam(object):
    """What the backend reads of a torch parameter: dtype, device, numel()."""

    def __init__(self, dtype="torch.bfloat16", device="cuda:0", n=1000):
        self.dtype, self.device, self.n = dtype, device, n

    def numel(self):
        return self.n


class GenerationConfig(object):
    def __init__(self, max_new_tokens):
        self.max_new_tokens = max_new_tokens


class Config(object):
    def __init__(self, **kw):
        self.__dict__.update(kw)


class Tokenizer(object):
    eos_token = "<|im_end|>"


class _Recorder(object):
    """Calls, the gate and the answers, shared by the fakes."""

    def _init_recorder(self, text, dtype, attn):
        self.calls = []
        self.gate = None
        self.entered = threading.Event()
        self.text = text
        self.respond = lambda call: (self.text, len(SEG.findall(self.text)))
        self._params = [FakeParam(dtype=dtype)]
        self.attn = attn

    def parameters(self):
        return iter(self._params)

    def _record(self, call):
        call["max_new_tokens"] = self.gen_config.max_new_tokens
        call["thread"] = threading.current_thread().name
        self.calls.append(call)
        self.entered.set()
        if self.gate is not None and not self.gate.wait(10):
            raise RuntimeError("the test never opened the gate")
        return self.respond(call)


class Sa2VAChatModel(_Recorder):
    """The hub checkpoints' class. Answers ``prediction_masks`` as a list with one (1, h, w)
    bool array per ``[SEG]`` of the text: mask i covers rows [i, i + 2) and columns [0, 3)."""

    def __init__(self, text="Sure, it is [SEG].<|im_end|>", attn="flash_attention_2",
                 dtype="torch.bfloat16"):
        self._init_recorder(text, dtype, attn)
        self.init_prediction_config = False
        self.config = Config(llm_config=Config(_attn_implementation=attn),
                             _commit_hash="0123456789abcdef0123456789abcdef01234567")

    def preparing_for_generation(self, tokenizer, max_new_tokens=2048, torch_dtype=None):
        if not hasattr(self, "tokenizer"):
            self.tokenizer = tokenizer
        self.gen_config = GenerationConfig(max_new_tokens)
        self.init_prediction_config = True

    def predict_forward(self, image=None, video=None, text=None, past_text='', mask_prompts=None,
                        tokenizer=None, processor=None):
        if not self.init_prediction_config:
            assert tokenizer
            self.preparing_for_generation(tokenizer=tokenizer)
        call = dict(image_size=image.size, video=video, text=text, past_text=past_text,
                    mask_prompts=None if mask_prompts is None else [np.array(m) for m in mask_prompts],
                    tokenizer=tokenizer, processor=processor)
        answer, n_seg = self._record(call)
        w, h = image.size
        masks = []
        for i in range(n_seg):
            m = np.zeros((1, h, w), dtype=bool)
            m[0, i:i + 2, 0:3] = True
            masks.append(m)
        return {"prediction": answer, "prediction_masks": masks}


class Sa2VAChatModelQwen(Sa2VAChatModel):
    """The Qwen-VL based checkpoints: same signature, processor required, mask_prompts unused,
    max_new_tokens fixed in its generate() call (no gen_config)."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.init_prediction_config = True  # it has no preparing step of this kind

    def predict_forward(self, image=None, video=None, text=None, past_text='', mask_prompts=None,
                        tokenizer=None, processor=None):
        assert processor is not None
        call = dict(image_size=image.size, text=text, mask_prompts=mask_prompts,
                    tokenizer=tokenizer, processor=processor, thread=threading.current_thread().name)
        self.calls.append(call)
        answer, n_seg = self.respond(call)
        w, h = image.size
        return {"prediction": answer,
                "prediction_masks": [np.ones((1, h, w), dtype=bool) for _ in range(n_seg)]}


class Sa2VASTModel(_Recorder):
    """Pixel-SAIL's research model. Answers ``prediction_masks`` None without ``[SEG]``, else a
    list holding one (n_seg, h, w) bool array: mask 0 covers columns [0, 2), mask 1 the last
    row, further masks the first row."""

    def __init__(self, text="It is [SEG].<|endoftext|>", visual_prompt_nums=15, patch_size=16,
                 attn="sdpa", dtype="torch.bfloat16"):
        self._init_recorder(text, dtype, attn)
        self.visual_prompt_nums = visual_prompt_nums
        self.patch_size = patch_size
        self.tokenizer = Tokenizer()
        self.tokenizer.eos_token = "<|endoftext|>"
        self.init_prediction_config = False
        self.single_transformer = Config(config=Config(_attn_implementation=attn))

    def preparing_for_generation(self, metainfo, **kwargs):
        self.gen_config = GenerationConfig(
            dict(max_new_tokens=512, **metainfo.get("generation_kwargs", {}))["max_new_tokens"])
        self.init_prediction_config = True

    def predict_forward(self, image=None, text=None, past_text='', prompt_masks=None,
                        prompt_ids=None, prefix_answer=None):
        assert self.tokenizer
        if prompt_ids is not None:
            for _id in prompt_ids:
                assert 0 <= _id < self.visual_prompt_nums
        call = dict(image_size=image.size, text=text, past_text=past_text,
                    prompt_masks=None if prompt_masks is None else [np.array(m) for m in prompt_masks],
                    prompt_ids=prompt_ids, prefix_answer=prefix_answer)
        answer, n_seg = self._record(call)
        if n_seg == 0:
            return {"prediction": answer, "prediction_masks": None, "input_text": ""}
        w, h = image.size
        m = np.zeros((n_seg, h, w), dtype=bool)
        m[0, :, :2] = True
        for i in range(1, n_seg):
            m[i, -1 if i == 1 else 0, :] = True
        return {"prediction": answer, "prediction_masks": [m], "input_text": ""}


# --- factories, as --model-factory calls them ------------------------------------------------
BUILT = []  # every model the factories built, in order (in-process tests look here)


def _keep(model):
    BUILT.append(model)
    return model


def sa2va(model_path=None, device=None, dtype=None, revision=None):
    """A Sa2VA hub checkpoint and its tokenizer; ``model.loaded_revision`` is ``revision``."""
    model = Sa2VAChatModel()
    model.loaded_revision = revision
    return _keep(model), Tokenizer()


def sa2va_eager(model_path=None, device=None, dtype=None):
    """As :func:`sa2va`, loaded without flash attention (and a factory without ``revision``)."""
    return _keep(Sa2VAChatModel(attn="eager")), Tokenizer()


def sa2va_qwen(model_path=None, device=None, dtype=None, revision=None):
    """A Qwen-VL based Sa2VA checkpoint, its tokenizer and processor."""
    return _keep(Sa2VAChatModelQwen()), Tokenizer(), "processor"


def pixel_sail(model_path=None, device=None, dtype=None):
    """Pixel-SAIL with visual prompts (the tokenizer is an attribute, as in the research code)."""
    return _keep(Sa2VASTModel())


def pixel_sail_no_vp(model_path=None, device=None, dtype=None):
    """Pixel-SAIL built with ``visual_prompt_nums=0``: no <PromptN> tokens."""
    return _keep(Sa2VASTModel(visual_prompt_nums=0))


def must_not_load(model_path=None, device=None, dtype=None, revision=None):
    """A factory for tests of refusals: loading it is a failure of the test."""
    raise AssertionError("the model was loaded although the settings should have been refused")

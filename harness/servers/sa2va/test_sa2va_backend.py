"""The sa2va backend's request -> predict_forward -> answer logic, against stand-in models with
the two real signatures (no weights, no GPU). Needs numpy and Pillow; skipped without them.

    cd harness/servers/sa2va && python3 -m unittest -v test_sa2va_backend
"""

import base64
import io
import unittest

import rle
from backends.base import BadRequest, check_response, parse_request

try:
    import numpy as np
    from PIL import Image
    from backends.sa2va import Sa2vaBackend, counts_from_mask, mask_from_counts, to_masks
except ImportError:  # plain python3 (CI): nothing to test here
    np = None

H, W = 6, 8


def png_b64(h=H, w=W):
    buf = io.BytesIO()
    Image.new("RGB", (w, h), (200, 10, 10)).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def box(y0, y1, x0, x1, h=H, w=W):
    return {"size": [h, w], "counts": rle.encode_counts(rle.box_counts(h, w, y0, y1, x0, x1))}


def request(task, prompt, prompts=(), options=None, h=H, w=W):
    return parse_request({
        "task": task, "sample_id": task + ":1", "prompt": prompt,
        "image": {"png_base64": png_b64(h, w)}, "image_size": [h, w],
        "visual_prompts": [{"slot": s, "mask": m} for s, m in prompts],
        "options": options or {}})


class Sa2VAChatModel(object):
    """The hub checkpoints' signature (modeling_sa2va_chat.py)."""

    def __init__(self, text="Sure, it is [SEG].<|im_end|>", n_seg=1):
        self.text, self.n_seg, self.calls = text, n_seg, []

    def predict_forward(self, image=None, video=None, text=None, past_text='', mask_prompts=None,
                        tokenizer=None, processor=None):
        self.calls.append(dict(image=image, text=text, mask_prompts=mask_prompts,
                               tokenizer=tokenizer, processor=processor))
        w, h = image.size
        masks = []
        for i in range(self.n_seg):
            m = np.zeros((1, h, w), dtype=bool)
            m[0, i:i + 2, 0:3] = True
            masks.append(m)
        return {"prediction": self.text, "prediction_masks": masks}


class Sa2VAChatModelQwen(Sa2VAChatModel):
    pass


class PixelSailModel(object):
    """Pixel-SAIL's research model's signature (sa2va_ST.py)."""
    visual_prompt_nums = 15

    def __init__(self, text="It is [SEG].<|endoftext|>", masks_first=True):
        self.text, self.masks_first, self.calls = text, masks_first, []

    def predict_forward(self, image=None, text=None, past_text='', prompt_masks=None,
                        prompt_ids=None, prefix_answer=None):
        self.calls.append(dict(text=text, prompt_masks=prompt_masks, prompt_ids=prompt_ids,
                               prefix_answer=prefix_answer))
        w, h = image.size
        if not self.masks_first and prefix_answer is None:
            return {"prediction": "I cannot tell.", "prediction_masks": None}
        m = np.zeros((2, h, w), dtype=bool)
        m[0, :, :2] = True
        m[1, -1, :] = True
        return {"prediction": self.text, "prediction_masks": [m]}


class Tok(object):
    eos_token = "<|im_end|>"


@unittest.skipIf(np is None, "numpy and Pillow are not installed")
class Sa2vaBackendTest(unittest.TestCase):
    def answer(self, backend, req):
        a = backend.predict(req)
        check_response(a, req)
        return a

    def test_codec_helpers_agree_with_rle_py(self):
        rng = np.random.default_rng(3)
        for h, w in [(1, 1), (3, 5), (7, 2), (16, 16)]:
            m = rng.random((h, w)) < 0.4
            flat = [int(m[y, x]) for x in range(w) for y in range(h)]
            self.assertEqual(rle.counts_from_flat(flat), counts_from_mask(m))
            self.assertTrue((mask_from_counts(counts_from_mask(m), h, w) == m).all())
        self.assertEqual(2, len(to_masks([np.zeros((1, 2, 2)), np.ones((1, 2, 2))])))
        self.assertEqual(3, len(to_masks([np.zeros((3, 2, 2), dtype=bool)])))
        self.assertEqual([], to_masks(None))

    def test_sa2va_convention_regions_and_masks(self):
        model = Sa2VAChatModel(text="Sure, [SEG] and [SEG].<|im_end|>", n_seg=2)
        b = Sa2vaBackend(model=model, tokenizer=Tok())
        self.assertEqual("sa2va", b.convention)
        self.assertEqual(["res", "vres", "mcq", "caption"], b.info()["tasks"])
        req = request("vres", "What is between <Prompt2> and <Prompt0>?",
                      [(0, box(0, 2, 0, 2)), (2, box(3, 6, 4, 8))])
        a = self.answer(b, req)
        call = model.calls[-1]
        self.assertEqual("<image>\nWhat is between region2 and region1?", call["text"])
        self.assertEqual(1, len(call["mask_prompts"]))
        self.assertEqual((2, H, W), call["mask_prompts"][0].shape)
        self.assertEqual(4, int(call["mask_prompts"][0][0].sum()))
        self.assertEqual(12, int(call["mask_prompts"][0][1].sum()))
        self.assertIs(Tok, type(call["tokenizer"]))
        # the authors' clean-up leaves a res/vres text as generated (raw)
        self.assertEqual("Sure, [SEG] and [SEG].<|im_end|>", a["text"])
        self.assertEqual(2, len(a["masks"]))
        first = mask_from_counts(rle.decode_counts(a["masks"][0]["counts"]), H, W)
        self.assertEqual(6, int(first.sum()))
        self.assertTrue(first[0:2, 0:3].all())

    def test_res_masks_policy_and_no_target(self):
        model = Sa2VAChatModel(n_seg=2)
        b = Sa2vaBackend(model=model, tokenizer=Tok())  # --res-masks first, the default
        a = self.answer(b, request("res", "<image>\n Please segment the dot in this image."))
        self.assertEqual(False, a["no_target"])
        self.assertEqual(1, len(a["masks"]))
        self.assertEqual(6, rle.area(rle.decode_counts(a["masks"][0]["counts"])))  # rows 0..1
        self.assertIsNone(model.calls[-1]["mask_prompts"])
        b = Sa2vaBackend(model=Sa2VAChatModel(n_seg=2), tokenizer=Tok(), res_masks="merge")
        a = self.answer(b, request("res", "<image>\n Please segment x."))
        merged = mask_from_counts(rle.decode_counts(a["masks"][0]["counts"]), H, W)
        self.assertEqual(9, int(merged.sum()))  # rows 0..2 x cols 0..2
        b = Sa2vaBackend(model=Sa2VAChatModel(text="No target [SEG].<|im_end|>"), tokenizer=Tok())
        a = self.answer(b, request("res", "<image>\n Please segment nothing."))
        self.assertEqual(True, a["no_target"])
        self.assertEqual(1, len(a["masks"]))  # kept: the scoring profile decides

    def test_qwen_checkpoints_serve_res_only(self):
        b = Sa2vaBackend(model=Sa2VAChatModelQwen(), tokenizer=Tok(), processor="proc")
        self.assertEqual(["res"], b.info()["tasks"])
        with self.assertRaises(BadRequest):
            b.predict(request("mcq", "<image>\nAbout <Prompt0>.", [(0, box(0, 2, 0, 2))]))
        self.answer(b, request("res", "<image>\nsegment"))
        self.assertEqual("proc", b.pool.replicas[0].model.calls[-1]["processor"])

    def test_pixel_sail_convention(self):
        model = PixelSailModel(masks_first=False)
        b = Sa2vaBackend(model=model, tokenizer=Tok())
        self.assertEqual("pixel-sail", b.convention)
        a = self.answer(b, request("vres", "What is left of <Prompt2>?", [(2, box(0, 2, 0, 2))]))
        first, second = model.calls[-2:]
        self.assertEqual("<image>\nWhat is left of <Prompt2>?", first["text"])
        self.assertEqual([2], first["prompt_ids"])
        self.assertEqual((H, W), first["prompt_masks"][0].shape)
        self.assertIsNone(first["prefix_answer"])
        self.assertEqual("It is [SEG].", second["prefix_answer"])  # the authors' second try
        self.assertEqual("It is [SEG].", a["meta"]["retried_with_prefix"])
        self.assertEqual(1, a["meta"]["retries"])
        self.assertEqual(2, len(a["masks"]))
        model = PixelSailModel(text="<Prompt0> is a red dot.<|endoftext|>")
        b = Sa2vaBackend(model=model, tokenizer=Tok())
        a = self.answer(b, request("caption", "<image>\nDescribe <Prompt0>.", [(0, box(0, 2, 0, 2))]))
        self.assertEqual("is a red dot.", a["text"])
        self.assertNotIn("masks", a)
        with self.assertRaises(BadRequest):
            b.predict(request("mcq", "<image>\n<Prompt15>?", [(15, box(0, 2, 0, 2))]))

    def test_masks_come_back_at_image_size(self):
        class Small(Sa2VAChatModel):
            def predict_forward(self, image=None, video=None, text=None, past_text='',
                                mask_prompts=None, tokenizer=None, processor=None):
                out = super().predict_forward(image=image, text=text, mask_prompts=mask_prompts,
                                              tokenizer=tokenizer)
                out["prediction_masks"] = [np.ones((1, 3, 4), dtype=bool)]
                return out
        b = Sa2vaBackend(model=Small(), tokenizer=Tok())
        a = self.answer(b, request("res", "<image>\nsegment"))
        self.assertEqual([H, W], a["masks"][0]["size"])
        self.assertEqual(H * W, rle.area(rle.decode_counts(a["masks"][0]["counts"])))


if __name__ == "__main__":
    unittest.main()

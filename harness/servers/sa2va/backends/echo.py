"""``--backend echo``: no weights, standard library only. Deterministic answers computed from
the request alone (never from ground truth), exercising every field of the protocol; used by
the conformance test (harness/src/test/java/dev/perbench/harness/http/Sa2vaServerConformanceTest.java).

Answers:

- ``res``: ``{"text": "Sure, it is [SEG].", "masks": [centred box], "no_target": false}``, where
  the centred box covers rows ``[h//4, h - h//4)`` and columns ``[w//4, w - w//4)``. With the
  option ``no_target=1`` (``--model 'http://HOST:PORT?no_target=1'``):
  ``{"text": "No target [SEG].", "no_target": true, "masks": [centred box]}``: like the sa2va
  backend, the mask comes with ``no_target`` and the harness's scoring profile decides (the
  ``pixel-sail`` profile scores the mask, ``grefcoco`` takes no_target as an empty prediction).
- ``vres``: ``{"text": "It is [SEG].", "masks": [the first visual prompt's mask]}`` (the centred
  box when there is none), re-encoded through the RLE codec.
- ``mcq``: ``{"text": "A"}``.
- ``caption``: ``{"text": CAPTION}``.

Every answer echoes ``sample_id`` and carries ``meta`` (backend, image format and size read from
the file's header, number of visual prompts). The image is not decoded; its base64 must be valid,
it must be a PNG or JPEG, and the size in its header must equal ``image_size`` (else 400).
"""

import struct

import rle
from backends.base import Backend, BadRequest

CAPTION = "A region of the picture, described by the echo backend without looking at it."
VERSION = "1"


def centred_box_counts(h, w):
    """Run lengths of the centred box of an h x w image."""
    return rle.box_counts(h, w, h // 4, h - h // 4, w // 4, w - w // 4)


def image_header_size(data):
    """``(format, height, width)`` read from a PNG or JPEG file's header, or BadRequest."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        if len(data) < 24 or data[12:16] != b"IHDR":
            raise BadRequest("PNG image has no IHDR chunk")
        w, h = struct.unpack(">II", data[16:24])
        return "png", h, w
    if data[:3] == b"\xff\xd8\xff":
        p = 2
        while p + 4 <= len(data):
            if data[p] != 0xFF:
                raise BadRequest("JPEG image is malformed at byte %d" % p)
            marker = data[p + 1]
            if marker == 0xFF:  # fill byte
                p += 1
                continue
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                p += 2
                continue
            (length,) = struct.unpack(">H", data[p + 2:p + 4])
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                if p + 9 > len(data):
                    break
                h, w = struct.unpack(">HH", data[p + 5:p + 9])
                return "jpeg", h, w
            p += 2 + length
        raise BadRequest("JPEG image has no frame header (SOF)")
    raise BadRequest("image is neither PNG nor JPEG")


class EchoBackend(Backend):
    name = "echo"

    def __init__(self, **_ignored):
        pass

    def info(self):
        return {"name": "echo", "version": VERSION, "tasks": ["res", "vres", "mcq", "caption"],
                "backend": "echo",
                "note": "no weights: deterministic, ground-truth-free answers for protocol tests"}

    def predict(self, request):
        data = request.image_bytes()
        fmt, h, w = image_header_size(data)
        declared = request.image_kind.split("_")[0]
        if request.image_kind != "path" and declared != fmt:
            raise BadRequest("image sent as %s but the bytes are %s" % (request.image_kind, fmt))
        if [h, w] != request.image_size:
            raise BadRequest("image is %dx%d but image_size says %dx%d"
                             % (h, w, request.height, request.width))
        meta = {"backend": "echo", "image_format": fmt, "image_bytes": len(data),
                "visual_prompts": len(request.visual_prompts)}
        answer = {"sample_id": request.sample_id, "meta": meta}
        if request.task == "res":
            no_target = request.option("no_target") in ("1", "true")
            answer.update(text="No target [SEG]." if no_target else "Sure, it is [SEG].",
                          no_target=no_target, masks=[self._rle(h, w, centred_box_counts(h, w))])
        elif request.task == "vres":
            if request.visual_prompts:
                vp = request.visual_prompts[0]
                # decode and encode again: the same string for a canonical input
                counts = rle.counts_from_flat(vp.flat())
            else:
                counts = centred_box_counts(h, w)
            answer.update(text="It is [SEG].", masks=[self._rle(h, w, counts)])
        elif request.task == "mcq":
            answer["text"] = "A"
        else:
            answer["text"] = CAPTION
        return answer

    @staticmethod
    def _rle(h, w, counts):
        return {"size": [h, w], "counts": rle.encode_counts(counts)}

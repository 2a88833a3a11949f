"""The sa2va backend through the real server (HTTP, in-process, port 0) with the stand-in
models of fake_models.py, loaded through ``--model-factory`` as a user would: the arguments
each task passes to ``predict_forward``, the policies (res masks, no target, the V-T RES retry,
text clean-up, max_new_tokens, prompt shrinking), /v1/info, replicas, and requests whose client
has gone. The start-up refusals run server.py as a subprocess. Needs numpy and Pillow (the
refusal tests do not); the classes that need them are named Sa2vaBackendTest* and skip without.

    cd harness/servers/sa2va && python3 -m unittest -v test_sa2va_server
"""

import base64
import http.client
import inspect
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import unittest

import rle
import testing_http
import server

try:
    import numpy as np
    from PIL import Image
    import fake_models
    from backends.sa2va import (legacy_nearest_index, pixel_sail_prompt_patches,
                                pixel_sail_resized_size, sa2va_prompt_grid, mask_from_counts)
except ImportError:  # plain python3 (no numpy / Pillow)
    np = None

HERE = os.path.dirname(os.path.abspath(__file__))
NEEDS = "numpy and Pillow are not installed"


def png_b64(h, w):
    buf = io.BytesIO()
    Image.new("RGB", (w, h), (200, 10, 10)).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def box(h, w, y0, y1, x0, x1):
    return {"size": [h, w], "counts": rle.encode_counts(rle.box_counts(h, w, y0, y1, x0, x1))}


def body(task, prompt, prompts=(), h=6, w=8, options=None, sample_id=None):
    return {"task": task, "sample_id": sample_id or task + ":1", "prompt": prompt,
            "image": {"png_base64": png_b64(h, w)}, "image_size": [h, w],
            "visual_prompts": [{"slot": s, "mask": m} for s, m in prompts],
            "options": options or {}}


def area(mask_rle):
    return rle.area(rle.decode_counts(mask_rle["counts"]))


def decode(mask_rle):
    h, w = mask_rle["size"]
    return mask_from_counts(rle.decode_counts(mask_rle["counts"]), h, w)


def serve(test, *argv):
    """server.py's own argument parsing and construction, serving in a thread; stopped when
    ``test`` ends. Returns the ModelServer and its port."""
    args = server.parse_args(["--backend", "sa2va", "--port", "0", "--host", "127.0.0.1"]
                             + list(argv))
    srv = server.build_server(args, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()

    def stop():
        for r in srv.backend.pool.replicas:
            if r.model.gate is not None:
                r.model.gate.set()
        srv.shutdown()
        srv.server_close()
    test.addCleanup(stop)
    return srv, srv.server_address[1]


def post(port, payload, timeout=20):
    return testing_http.post(port, payload, timeout)


def get_info(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/v1/info")
        return json.loads(conn.getresponse().read().decode())
    finally:
        conn.close()


def models(srv):
    return [r.model for r in srv.backend.pool.replicas]


def wait_for(predicate, seconds=10, what="condition"):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.01)


RES_PROMPT = "<image>\n Please segment the dot in this image."
MCQ_PROMPT = ("<image>\nPlease answer the question according to the <Prompt0>. What colour?\n"
              "A. red\nB. blue\nSelect a correct choice.")
CAP_PROMPT = ("<image>\nCan you provide me with a detailed description of the region in the "
              "picture marked by <Prompt0>? Please provide as detailed as possible.")


@unittest.skipIf(np is None, NEEDS)
class Sa2vaBackendTestHttp(unittest.TestCase):
    def test_fakes_have_the_authors_signatures(self):
        self.assertEqual(fake_models.SA2VA_SIGNATURE,
                         str(inspect.signature(fake_models.Sa2VAChatModel.predict_forward)))
        self.assertEqual(fake_models.SA2VA_SIGNATURE,
                         str(inspect.signature(fake_models.Sa2VAChatModelQwen.predict_forward)))
        self.assertEqual(fake_models.PIXEL_SAIL_SIGNATURE,
                         str(inspect.signature(fake_models.Sa2VASTModel.predict_forward)))

    def test_sa2va_arguments_for_each_task(self):
        srv, port = serve(self, "--model-factory", "fake_models:sa2va")
        model = models(srv)[0]
        status, a = post(port, body("res", RES_PROMPT))
        self.assertEqual(200, status, a)
        call = model.calls[-1]
        self.assertEqual(RES_PROMPT, call["text"])
        self.assertEqual((8, 6), call["image_size"])  # PIL (w, h)
        self.assertIsNone(call["mask_prompts"])
        self.assertIsNone(call["video"])
        self.assertEqual("", call["past_text"])
        self.assertIsInstance(call["tokenizer"], fake_models.Tokenizer)
        self.assertIsNone(call["processor"])  # the method takes it; this checkpoint has none
        self.assertEqual(2048, call["max_new_tokens"])  # preparing_for_generation's default

        status, a = post(port, body("vres", "What is between <Prompt2> and <Prompt0>?",
                                    [(0, box(6, 8, 0, 2, 0, 2)), (2, box(6, 8, 3, 6, 4, 8))]))
        self.assertEqual(200, status, a)
        call = model.calls[-1]
        self.assertEqual("<image>\nWhat is between region2 and region1?", call["text"])
        self.assertEqual(1, len(call["mask_prompts"]))           # one entry per image
        self.assertEqual((2, 6, 8), call["mask_prompts"][0].shape)  # (regions, H, W)
        self.assertEqual([4, 12], [int(m.sum()) for m in call["mask_prompts"][0]])

        for task, prompt in (("mcq", MCQ_PROMPT), ("caption", CAP_PROMPT)):
            status, a = post(port, body(task, prompt, [(0, box(6, 8, 0, 2, 0, 2))]))
            self.assertEqual(200, status, a)
            call = model.calls[-1]
            self.assertEqual(prompt.replace("<Prompt0>", "region1"), call["text"])
            self.assertEqual((1, 6, 8), call["mask_prompts"][0].shape)
        self.assertEqual(4, len(model.calls))

    def test_pixel_sail_arguments_for_each_task(self):
        srv, port = serve(self, "--model-factory", "fake_models:pixel_sail")
        model = models(srv)[0]
        self.assertEqual("pixel-sail", srv.backend.convention)
        post(port, body("res", RES_PROMPT))
        call = model.calls[-1]
        self.assertEqual(RES_PROMPT, call["text"])
        self.assertIsNone(call["prompt_masks"])
        self.assertIsNone(call["prompt_ids"])
        self.assertIsNone(call["prefix_answer"])
        self.assertEqual(512, call["max_new_tokens"])  # set by preparing_for_generation(metainfo={})
        post(port, body("vres", "What is left of <Prompt2>?", [(2, box(6, 8, 0, 2, 0, 2))]))
        call = model.calls[-1]
        self.assertEqual("<image>\nWhat is left of <Prompt2>?", call["text"])
        self.assertEqual([2], call["prompt_ids"])
        self.assertEqual(1, len(call["prompt_masks"]))
        self.assertEqual((6, 8), call["prompt_masks"][0].shape)
        self.assertEqual(4, int(call["prompt_masks"][0].sum()))
        for task, prompt in (("mcq", MCQ_PROMPT), ("caption", CAP_PROMPT)):
            post(port, body(task, prompt, [(0, box(6, 8, 0, 2, 0, 2))]))
            call = model.calls[-1]
            self.assertEqual(prompt, call["text"])  # <PromptN> stays
            self.assertEqual([0], call["prompt_ids"])

    def test_res_masks_first_and_merge(self):
        for family, n_first, n_merged in (("sa2va", 6, 9), ("pixel_sail", 12, 12 + 6)):
            for policy, expected in (("first", n_first), ("merge", n_merged)):
                srv, port = serve(self, "--model-factory", "fake_models:" + family,
                                  "--res-masks", policy)
                models(srv)[0].text = "Sure, [SEG] and [SEG]."
                status, a = post(port, body("res", RES_PROMPT))
                self.assertEqual(200, status, a)
                self.assertEqual(1, len(a["masks"]), (family, policy))
                self.assertEqual(expected, area(a["masks"][0]), (family, policy))
                self.assertEqual(2, a["meta"]["seg_masks"])
                self.assertEqual(policy, get_info(port)["res_masks"])

    def test_first_is_the_default_and_a_per_request_override_is_refused(self):
        srv, port = serve(self, "--model-factory", "fake_models:sa2va")
        self.assertEqual("first", get_info(port)["res_masks"])
        status, a = post(port, body("res", RES_PROMPT, options={"res_masks": "merge"}))
        self.assertEqual(400, status)
        self.assertIn("--res-masks", a["error"])
        self.assertEqual(200, post(port, body("res", RES_PROMPT, options={"res_masks": "first"}))[0])

    def test_no_target_comes_with_its_masks(self):
        for family in ("sa2va", "pixel_sail"):
            srv, port = serve(self, "--model-factory", "fake_models:" + family)
            models(srv)[0].text = "No target [SEG]."
            status, a = post(port, body("res", RES_PROMPT))
            self.assertEqual(200, status, a)
            self.assertIs(True, a["no_target"], family)
            self.assertEqual(1, len(a["masks"]), family)
            models(srv)[0].text = "Sure, it is [SEG]."
            a = post(port, body("res", RES_PROMPT))[1]
            self.assertIs(False, a["no_target"])

    def test_vres_retry_for_pixel_sail_only(self):
        srv, port = serve(self, "--model-factory", "fake_models:pixel_sail")
        model = models(srv)[0]
        model.respond = lambda call: (("It is [SEG].", 1) if call["prefix_answer"]
                                      else ("I cannot tell.", 0))
        status, a = post(port, body("vres", "What is left of <Prompt0>?", [(0, box(6, 8, 0, 2, 0, 2))]))
        self.assertEqual(200, status, a)
        first, second = model.calls
        self.assertIsNone(first["prefix_answer"])
        self.assertEqual("It is [SEG].", second["prefix_answer"])
        self.assertEqual(first["text"], second["text"])
        self.assertEqual(first["prompt_ids"], second["prompt_ids"])
        self.assertEqual(1, a["meta"]["retries"])
        self.assertEqual(1, len(a["masks"]))
        # a mask the first time: no second try
        model.respond = lambda call: ("It is [SEG].", 1)
        a = post(port, body("vres", "What is left of <Prompt0>?", [(0, box(6, 8, 0, 2, 0, 2))]))[1]
        self.assertEqual(0, a["meta"]["retries"])
        self.assertEqual(3, len(model.calls))
        # res is never retried
        model.respond = lambda call: ("I cannot tell.", 0)
        a = post(port, body("res", RES_PROMPT))[1]
        self.assertEqual((0, 4), (a["meta"]["retries"], len(model.calls)))
        self.assertIn("prefix_answer", get_info(port)["vres_retry"])

        srv, port = serve(self, "--model-factory", "fake_models:sa2va")
        model = models(srv)[0]
        model.text = "I cannot tell.<|im_end|>"
        status, a = post(port, body("vres", "What is left of <Prompt0>?", [(0, box(6, 8, 0, 2, 0, 2))]))
        self.assertEqual(200, status, a)
        self.assertEqual(1, len(model.calls))  # Sa2VA's predict_forward has no prefix_answer
        self.assertEqual(0, a["meta"]["retries"])
        self.assertNotIn("masks", a)
        self.assertTrue(get_info(port)["vres_retry"].startswith("none"))

    def test_text_cleanup_authors_and_end_markers(self):
        cases = [
            # family, task, prompt, generated, authors, end-markers
            ("pixel_sail", "caption", CAP_PROMPT, "<Prompt0> is a red dot.<|endoftext|>",
             "is a red dot.", "<Prompt0> is a red dot."),
            ("sa2va", "caption", CAP_PROMPT, "A red dot.<|im_end|>",
             "A red dot.<|im_end|>", "A red dot."),
            ("sa2va", "mcq", MCQ_PROMPT, "A. red<|im_end|>", "A. red<|im_end|>", "A. red"),
            ("pixel_sail", "mcq", MCQ_PROMPT, " A. red</s>", " A. red</s>", "A. red"),
            ("sa2va", "res", RES_PROMPT, "Sure, it is [SEG].<|im_end|>",
             "Sure, it is [SEG].<|im_end|>", "Sure, it is [SEG]."),
        ]
        for family, task, prompt, generated, authors, end_markers in cases:
            for rule, expected in (("authors", authors), ("end-markers", end_markers)):
                args = ["--model-factory", "fake_models:" + family]
                if rule != "authors":
                    args += ["--text-cleanup", rule]
                srv, port = serve(self, *args)
                models(srv)[0].text = generated
                prompts = [(0, box(6, 8, 0, 2, 0, 2))] if task != "res" else []
                status, a = post(port, body(task, prompt, prompts))
                self.assertEqual(200, status, a)
                self.assertEqual(expected, a["text"], (family, task, rule))
                self.assertEqual(generated, a["meta"]["raw_text"])
                self.assertEqual(rule, get_info(port)["text_cleanup"])

    def test_info(self):
        srv, port = serve(self, "--model-factory", "fake_models:sa2va", "--revision", "abc123",
                          "--max-new-tokens-mcq", "16", "--max-new-tokens-caption", "300")
        info = get_info(port)
        self.assertEqual("abc123", info["revision"])
        self.assertEqual(["abc123"], [m.loaded_revision for m in models(srv)])  # passed on
        self.assertEqual("0123456789abcdef0123456789abcdef01234567", info["version"])
        self.assertEqual("bf16", info["dtype"])
        self.assertIn("parameters", info["dtype_how"])
        self.assertEqual("cuda:0", info["device"])
        self.assertIs(True, info["flash_attention"])
        self.assertIn("config.llm_config._attn_implementation = 'flash_attention_2'",
                      info["flash_attention_how"])
        self.assertEqual("first", info["res_masks"])
        self.assertEqual("authors", info["text_cleanup"])
        self.assertEqual({"res": 2048, "vres": 2048, "mcq": 16, "caption": 300},
                         info["max_new_tokens"])
        self.assertEqual(1, info["replicas"])
        self.assertEqual(["res", "vres", "mcq", "caption"], info["tasks"])
        self.assertEqual("sa2va", info["convention"])
        # the caps reach gen_config, per task
        model = models(srv)[0]
        post(port, body("mcq", MCQ_PROMPT, [(0, box(6, 8, 0, 2, 0, 2))]))
        self.assertEqual(16, model.calls[-1]["max_new_tokens"])
        post(port, body("res", RES_PROMPT))
        self.assertEqual(2048, model.calls[-1]["max_new_tokens"])
        post(port, body("caption", CAP_PROMPT, [(0, box(6, 8, 0, 2, 0, 2))]))
        self.assertEqual(300, model.calls[-1]["max_new_tokens"])
        self.assertEqual(300, post(port, body("caption", CAP_PROMPT, [(0, box(6, 8, 0, 2, 0, 2))]))
                         [1]["meta"]["max_new_tokens"])

        srv, port = serve(self, "--model-factory", "fake_models:sa2va_eager")
        info = get_info(port)
        self.assertIs(False, info["flash_attention"])
        self.assertIn("'eager'", info["flash_attention_how"])
        self.assertIsNone(info["revision"])

    def test_a_revision_the_factory_cannot_take_is_refused(self):
        with self.assertRaises(server.StartupError) as e:
            serve(self, "--model-factory", "fake_models:pixel_sail", "--revision", "abc")
        self.assertEqual(2, e.exception.status)
        self.assertIn("takes no revision argument", str(e.exception))

    def test_the_real_dtype_is_reported(self):
        from backends.sa2va import Sa2vaBackend
        b = Sa2vaBackend(model=fake_models.Sa2VAChatModel(dtype="torch.float32"),
                         tokenizer=fake_models.Tokenizer())
        self.assertEqual("fp32", b.info()["dtype"])

    def test_capabilities(self):
        for factory in ("pixel_sail_no_vp", "sa2va_qwen"):
            srv, port = serve(self, "--model-factory", "fake_models:" + factory)
            self.assertEqual(["res"], get_info(port)["tasks"], factory)
            self.assertEqual(["res"], list(get_info(port)["max_new_tokens"]), factory)
            for task, prompt in (("vres", "Left of <Prompt0>?"), ("mcq", MCQ_PROMPT),
                                 ("caption", CAP_PROMPT)):
                status, a = post(port, body(task, prompt, [(0, box(6, 8, 0, 2, 0, 2))]))
                self.assertEqual(400, status, (factory, task))
                self.assertIn("cannot answer " + task, a["error"])
            status, a = post(port, body("res", RES_PROMPT))
            self.assertEqual(200, status, (factory, a))
        self.assertEqual("processor", models(srv)[0].calls[-1]["processor"])
        with self.assertRaises(server.StartupError) as e:  # its generate() fixes 2048
            serve(self, "--model-factory", "fake_models:sa2va_qwen", "--max-new-tokens-res", "64")
        self.assertEqual(1, e.exception.status)
        self.assertIn("has no gen_config", str(e.exception))

    def test_prompt_pixels_and_the_empty_prompt_warning(self):
        srv, port = serve(self, "--model-factory", "fake_models:sa2va")
        model = models(srv)[0]
        # 100x100 image: the 16x16 grid samples rows/columns floor(i * 6.25) =
        # 0 6 12 18 25 31 37 43 50 56 62 68 75 81 87 93
        prompts = [(0, box(100, 100, 0, 50, 0, 50)),   # 8 x 8 sample points
                   (1, box(100, 100, 24, 27, 24, 27)),  # holds (25, 25): one
                   (3, box(100, 100, 20, 23, 20, 23))]  # between sample points: none
        status, a = post(port, body("caption", "<image>\n<Prompt0>, <Prompt1>, <Prompt3>.",
                                    prompts, h=100, w=100))
        self.assertEqual(200, status, a)
        self.assertEqual([64, 1, 0], a["meta"]["prompt_pixels"])
        self.assertEqual(["empty_visual_prompt:3"], a["meta"]["warnings"])
        self.assertEqual([2500, 9, 9], [int(m.sum()) for m in model.calls[-1]["mask_prompts"][0]])
        status, a = post(port, body("caption", CAP_PROMPT, [(0, box(100, 100, 0, 50, 0, 50))],
                                    h=100, w=100))
        self.assertNotIn("warnings", a["meta"])
        self.assertNotIn("prompt_pixels", post(port, body("res", RES_PROMPT))[1]["meta"])

        srv, port = serve(self, "--model-factory", "fake_models:pixel_sail")
        # 1000x2000 (h x w): resized to 512x1024, patch 16: 32 x 64 patches; PIL's nearest
        # samples source columns floor((x + 0.5) * 2000 / 1024): 0, 2, 4, 5, ... (1 is skipped)
        prompts = [(0, box(1000, 2000, 0, 32, 0, 32)), (2, box(1000, 2000, 1, 2, 1, 2))]
        status, a = post(port, body("caption", "<image>\n<Prompt0> and <Prompt2>.", prompts,
                                    h=1000, w=2000))
        self.assertEqual(200, status, a)
        self.assertEqual([1, 0], a["meta"]["prompt_pixels"])
        self.assertEqual(["empty_visual_prompt:2"], a["meta"]["warnings"])

    def test_a_request_whose_client_has_gone_is_never_generated(self):
        for variant in ("detected while waiting", "detected when the replica is free"):
            srv, port = serve(self, "--model-factory", "fake_models:sa2va")
            if variant.endswith("free"):
                srv.backend.pool.poll = 3600  # the waiting loop never looks
            model = models(srv)[0]
            model.gate = threading.Event()
            first = {}
            t = threading.Thread(target=lambda: first.update(
                answer=post(port, body("res", "<image>\nfirst", sample_id="first"))))
            t.start()
            self.assertTrue(model.entered.wait(10))
            # the second request waits for the only replica; its client then gives up
            data = json.dumps(body("res", "<image>\nsecond", sample_id="second")).encode()
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(b"POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                      b"\r\nContent-Length: %d\r\n\r\n" % len(data) + data)
            wait_for(lambda: srv.backend.pool.waiting == 1, what="the second request to wait")
            s.close()
            if variant.endswith("waiting"):
                wait_for(lambda: srv.skipped == 1, what="the skip")
            model.gate.set()
            t.join(10)
            self.assertEqual(200, first["answer"][0], variant)
            wait_for(lambda: srv.skipped == 1, what="the skip")
            self.assertEqual(["<image>\nfirst"], [c["text"] for c in model.calls], variant)
            # the replica was given back: the next request is served
            model.gate = None
            self.assertEqual(200, post(port, body("res", "<image>\nthird"))[0])
            self.assertEqual(2, len(model.calls))

    def test_two_replicas_generate_at_once(self):
        srv, port = serve(self, "--model-factory", "fake_models:sa2va", "--replicas", "2")
        self.assertEqual(2, get_info(port)["replicas"])
        a, b = models(srv)
        self.assertIsNot(a, b)
        gate = threading.Event()
        a.gate = b.gate = gate
        answers = []
        threads = [threading.Thread(target=lambda i=i: answers.append(
            post(port, body("res", "<image>\nrequest %d" % i)))) for i in range(2)]
        for t in threads:
            t.start()
        # both models are inside predict_forward at the same time, before either may finish
        self.assertTrue(a.entered.wait(10) and b.entered.wait(10))
        self.assertEqual(2, srv.backend.pool.busy)
        gate.set()
        for t in threads:
            t.join(10)
        self.assertEqual([200, 200], [s for s, _ in answers])
        self.assertEqual({0, 1}, {ans["meta"]["replica"] for _, ans in answers})
        self.assertEqual((1, 1), (len(a.calls), len(b.calls)))

    def test_one_replica_serves_one_request_at_a_time(self):
        srv, port = serve(self, "--model-factory", "fake_models:sa2va")
        model = models(srv)[0]
        model.gate = threading.Event()
        threads = [threading.Thread(target=post, args=(port, body("res", "<image>\n%d" % i)))
                   for i in range(2)]
        for t in threads:
            t.start()
        self.assertTrue(model.entered.wait(10))
        wait_for(lambda: srv.backend.pool.waiting == 1, what="the second request to wait")
        self.assertEqual(1, len(model.calls))
        model.gate.set()
        for t in threads:
            t.join(10)
        self.assertEqual((2, 1), (len(model.calls), srv.backend.pool.peak_busy))


@unittest.skipIf(np is None, NEEDS)
class Sa2vaBackendTestShrink(unittest.TestCase):
    """The models' own shrinking of prompt masks, computed without torch."""

    def test_legacy_nearest_index(self):
        self.assertEqual([0, 6, 12, 18, 25, 31, 37, 43, 50, 56, 62, 68, 75, 81, 87, 93],
                         legacy_nearest_index(100, 16).tolist())
        self.assertEqual(list(range(16)), legacy_nearest_index(16, 16).tolist())
        self.assertEqual([i >> 1 for i in range(16)], legacy_nearest_index(8, 16).tolist())
        self.assertEqual([0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6],
                         legacy_nearest_index(7, 16).tolist())  # floor(i * 0.4375)
        self.assertEqual([0, 3, 6], legacy_nearest_index(10, 3).tolist())
        self.assertEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
                         legacy_nearest_index(17, 16).tolist())  # floor(i * 1.0625)

    def test_sa2va_grid(self):
        m = np.zeros((100, 100), dtype=np.uint8)
        m[25, 93] = 1
        grid = sa2va_prompt_grid(m)
        self.assertEqual((16, 16), grid.shape)
        self.assertEqual([(4, 15)], list(zip(*np.nonzero(grid))))

    def test_pixel_sail_resize(self):
        self.assertEqual((112, 80), pixel_sail_resized_size(100, 60, 16))   # w, h
        self.assertEqual((1024, 512), pixel_sail_resized_size(2000, 1000, 16))
        self.assertEqual((512, 1024), pixel_sail_resized_size(1000, 2000, 16))
        self.assertEqual((32, 544), pixel_sail_resized_size(20, 540, 32))
        m = np.zeros((60, 100), dtype=np.uint8)
        m[59, 99] = 1
        patches = pixel_sail_prompt_patches(m, 16)
        self.assertEqual((5, 7), patches.shape)
        self.assertEqual([(4, 6)], list(zip(*np.nonzero(patches))))


class StartupRefusalTest(unittest.TestCase):
    """server.py refuses what the remote code cannot run, with exit status 2 and a message,
    before it loads anything (the factory would fail the test). No numpy needed."""

    def run_server(self, *argv, env=None):
        e = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        e.update(env or {})
        return subprocess.run([sys.executable, "server.py", "--backend", "sa2va", "--port", "0",
                               "--model-factory", "fake_models:must_not_load"] + list(argv),
                              cwd=HERE, capture_output=True, text=True, timeout=60, env=e)

    def test_unsupported_dtype_and_device(self):
        cases = [
            (["--dtype", "fp16"], ["--dtype fp16 is refused", "bfloat16", "--dtype bf16"]),
            (["--dtype", "fp32"], ["--dtype fp32 is refused"]),
            (["--device", "cuda:1"], ["--device cuda:1 is refused", ".cuda()",
                                      "CUDA_VISIBLE_DEVICES=1 python3 server.py ... --device cuda"]),
            (["--device", "cpu"], ["--device cpu is refused", "NVIDIA GPU", "--backend echo"]),
            (["--max-new-tokens-res", "0"], ["--max-new-tokens-res must be a positive integer"]),
        ]
        for argv, messages in cases:
            p = self.run_server(*argv)
            self.assertEqual(2, p.returncode, (argv, p.stderr))
            self.assertEqual("", p.stdout, argv)  # never "listening on"
            self.assertTrue(p.stderr.startswith("refused: "), p.stderr)
            for message in messages:
                self.assertIn(message, p.stderr, argv)
            self.assertNotIn("AssertionError", p.stderr)

    def test_the_echo_backend_does_not_care(self):
        args = server.parse_args(["--backend", "echo", "--dtype", "fp32", "--device", "cpu"])
        self.assertEqual("echo", server.build_backend(args).info()["name"])


if __name__ == "__main__":
    unittest.main()

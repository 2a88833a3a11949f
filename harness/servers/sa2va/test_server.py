"""The HTTP layer with the echo backend, in-process (standard library only).

    cd harness/servers/sa2va && python3 -m unittest -v test_server
"""

import base64
import http.client
import json
import socket
import struct
import threading
import unittest
import zlib

import rle
from backends.echo import CAPTION, EchoBackend
from server import ModelServer


def tiny_png(h, w):
    """A valid h x w grey PNG, written with zlib (no Pillow)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


H, W = 4, 6
PNG = base64.b64encode(tiny_png(H, W)).decode("ascii")
REGION = {"size": [H, W], "counts": rle.encode_counts(rle.box_counts(H, W, 0, 2, 0, 3))}


def body(task, prompt="<image>\nx", prompts=(), **over):
    b = {"task": task, "sample_id": task + ":0", "prompt": prompt, "image": {"png_base64": PNG},
         "image_size": [H, W], "visual_prompts": [{"slot": s, "mask": m} for s, m in prompts],
         "options": {}}
    b.update(over)
    return b


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ModelServer(("127.0.0.1", 0), EchoBackend(), quiet=True)
        cls.thread = threading.Thread(target=cls.server.serve_forever, kwargs={"poll_interval": 0.05})
        cls.thread.daemon = True
        cls.thread.start()
        cls.port = cls.server.server_address[1]

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def tearDown(self):
        self.conn.close()

    def call(self, method, path, payload=None, raw=None):
        data = raw if raw is not None else (None if payload is None else json.dumps(payload).encode())
        self.conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        r = self.conn.getresponse()
        return r.status, json.loads(r.read().decode())

    def test_info(self):
        status, info = self.call("GET", "/v1/info")
        self.assertEqual(200, status)
        self.assertEqual(["res", "vres", "mcq", "caption"], info["tasks"])
        self.assertEqual("echo", info["name"])

    def test_every_task_on_one_kept_alive_connection(self):
        status, a = self.call("POST", "/v1/predict", body("res"))
        self.assertEqual(200, status)
        self.assertEqual({"size": [H, W], "counts": "522000003"}, a["masks"][0])
        self.assertEqual(False, a["no_target"])
        self.assertEqual("res:0", a["sample_id"])
        status, a = self.call("POST", "/v1/predict", body("res", options={"no_target": "1"}))
        self.assertEqual((200, True, None), (status, a["no_target"], a.get("masks")))
        status, a = self.call("POST", "/v1/predict", body("vres", "left of <Prompt2>", [(2, REGION)]))
        self.assertEqual([REGION], a["masks"])
        status, a = self.call("POST", "/v1/predict", body("mcq", "<Prompt0>?", [(0, REGION)]))
        self.assertEqual("A", a["text"])
        status, a = self.call("POST", "/v1/predict", body("caption", "<Prompt0>", [(0, REGION)]))
        self.assertEqual(CAPTION, a["text"])
        self.assertEqual(1, a["meta"]["visual_prompts"])

    def test_bad_requests_are_400_with_an_error(self):
        cases = [
            (None, b"{not json", "not valid JSON"),
            (body("res", image={}), None, "\"image\" must hold exactly one"),
            (body("res", image_size=[4]), None, "image_size"),
            (body("res", image_size=[5, 6]), None, "image is 4x6 but image_size says 5x6"),
            (body("res", image={"png_base64": "@@@"}), None, "not valid base64"),
            (body("res", image={"jpeg_base64": PNG}), None, "sent as jpeg_base64 but the bytes are png"),
            (body("bogus"), None, "\"task\" must be one of"),
            (body("mcq", "<Prompt3>?", [(0, REGION)]), None, "<Prompt3> but no visual prompt has slot 3"),
            (body("mcq", "?", [(0, {"size": [H, W], "counts": "5"})]), None, "sum to 5"),
            (body("mcq", "?", [(0, {"size": [2, 12], "counts": rle.encode_counts([24])})]), None,
             "visual_prompts[0].mask is 2x12 but image_size is 4x6"),
            (body("mcq", "?", [(0, REGION), (0, REGION)]), None, "repeats slot 0"),
            ({"task": "res"}, None, "missing field(s): sample_id"),
        ]
        for payload, raw, message in cases:
            status, a = self.call("POST", "/v1/predict", payload, raw)
            self.assertEqual(400, status, message)
            self.assertIn(message, a["error"])

    def test_other_paths_and_methods(self):
        self.assertEqual(404, self.call("GET", "/v2/info")[0])
        self.assertEqual(405, self.call("GET", "/v1/predict")[0])

    def test_accepted_sockets_have_tcp_nodelay(self):
        seen = []

        original = self.server.RequestHandlerClass.setup

        def setup(handler):
            original(handler)
            seen.append(handler.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        self.server.RequestHandlerClass.setup = setup
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            conn.request("GET", "/v1/info")
            conn.getresponse().read()
            conn.close()
        finally:
            self.server.RequestHandlerClass.setup = original
        self.assertTrue(seen and seen[0] != 0)


if __name__ == "__main__":
    unittest.main()

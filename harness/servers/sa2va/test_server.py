"""The HTTP layer with the echo backend, in-process (standard library only).

    cd harness/servers/sa2va && python3 -m unittest -v test_server
"""

import base64
import http.client
import json
import os
import shutil
import socket
import struct
import tempfile
import threading
import time
import unittest
import zlib

import rle
import testing_http
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


def start_server(test, **kw):
    """A server of its own (stopped when ``test`` ends) and its port."""
    server = ModelServer(("127.0.0.1", 0), EchoBackend(), quiet=True, **kw)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()
    test.addCleanup(stop)
    return server, server.server_address[1]


post = testing_http.post


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
        # the mask comes with no_target: the harness's scoring profile decides
        self.assertEqual((200, True, [{"size": [H, W], "counts": "522000003"}]),
                         (status, a["no_target"], a.get("masks")))
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

    def test_a_deeply_nested_body_is_a_400_not_a_dropped_connection(self):
        # json.loads raised RecursionError, which escaped: no answer, the connection closed
        for raw in (b"[" * 100000, b"[" * 100000 + b"]" * 100000, b'{"a":' * 100000 + b"1"
                    + b"}" * 100000):
            status, a = self.call("POST", "/v1/predict", raw=raw)
            self.assertEqual(400, status)
            self.assertIn("request body is nested too deeply", a["error"])
        # the connection is still usable afterwards
        self.assertEqual(200, self.call("POST", "/v1/predict", body("mcq"))[0])

    def test_a_body_over_max_body_is_413(self):
        server, port = start_server(self, max_body=100)
        status, a = post(port, body("mcq"))
        self.assertEqual(413, status)
        self.assertIn("over the limit of 100", a["error"])

    def test_image_path_is_refused_without_image_root(self):
        status, a = self.call("POST", "/v1/predict", body("mcq", image={"path": "/etc/hostname"}))
        self.assertEqual(400, status)
        self.assertIn("started without --image-root", a["error"])

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


class ReadTimeoutTest(unittest.TestCase):
    def test_idle_connections_are_closed_and_handler_threads_bounded(self):
        server, port = start_server(self, read_timeout=0.5, max_connections=2)
        started = time.monotonic()
        idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(5)]
        try:
            # a client stalled in the middle of a request is dropped too
            idle[0].sendall(b"POST /v1/predict HTTP/1.1\r\nContent-Length: 100\r\n\r\n{")
            for s in idle:
                self.assertEqual(b"", s.recv(1024))  # closed by the server, not by the timeout
        finally:
            for s in idle:
                s.close()
        self.assertLess(time.monotonic() - started, 8)
        self.assertLessEqual(server.peak_connections, 2)
        self.assertEqual((200, "A"), (lambda r: (r[0], r[1]["text"]))(post(port, body("mcq"))))
        deadline = time.monotonic() + 5
        while server.connections and time.monotonic() < deadline:
            time.sleep(0.02)
        self.assertEqual(0, server.connections)


class ImageRootTest(unittest.TestCase):
    def setUp(self):
        from backends.base import ImageRoots
        top = os.path.realpath(tempfile.mkdtemp(prefix="image-root-test-"))
        self.addCleanup(shutil.rmtree, top)
        self.root = os.path.join(top, "root")
        self.outside = os.path.join(top, "outside")
        for d in (self.root, os.path.join(self.root, "sub"), self.outside):
            os.mkdir(d)
        for d in (self.root, self.outside):
            with open(os.path.join(d, "img.png"), "wb") as f:
                f.write(tiny_png(H, W))
        os.symlink(os.path.join(self.outside, "img.png"), os.path.join(self.root, "out.png"))
        os.symlink(self.outside, os.path.join(self.root, "outdir"))
        os.symlink(os.path.join(self.root, "img.png"), os.path.join(self.outside, "in.png"))
        os.mkfifo(os.path.join(self.root, "fifo.png"))
        # the root as given through a symbolic link, as a data folder often is
        self.link = os.path.join(top, "data")
        os.symlink(self.root, self.link)
        self.server, self.port = start_server(self, image_roots=ImageRoots([self.link]))

    def predict(self, path):
        return post(self.port, body("mcq", image={"path": path}))

    def test_files_under_the_root_are_read(self):
        for path in (os.path.join(self.link, "img.png"), os.path.join(self.root, "img.png"),
                     os.path.join(self.link, "sub", "..", "img.png")):
            status, a = self.predict(path)
            self.assertEqual((200, "png"), (status, a.get("meta", {}).get("image_format")),
                             "%s: %s" % (path, a))

    def test_refused_and_missing_paths_get_one_message(self):
        paths = [
            os.path.join(self.outside, "img.png"),           # exists, outside
            os.path.join(self.outside, "missing.png"),       # missing, outside
            "/etc/passwd", "/nonexistent/x.png",
            os.path.join(self.link, "..", "outside", "img.png"),  # .. out of the root
            os.path.join(self.link, "out.png"),              # symlink to a file outside
            os.path.join(self.link, "outdir", "img.png"),    # symlinked folder outside
            os.path.join(self.outside, "in.png"),            # outside, links back in
            os.path.join(self.link, "missing.png"),          # missing, inside
            os.path.join(self.link, "sub"),                  # a folder
            os.path.join(self.link, "fifo.png"),             # not a regular file: never blocks
            "img.png",                                       # relative
        ]
        for path in paths:
            status, a = self.predict(path)
            self.assertEqual(400, status, path)
            self.assertEqual("image path %s is not a readable image file under the server's "
                             "--image-root" % path, a["error"])


if __name__ == "__main__":
    unittest.main()

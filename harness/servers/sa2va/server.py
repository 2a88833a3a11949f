#!/usr/bin/env python3
"""A PerBench model server (docs/model-server.md): GET /v1/info, POST /v1/predict.

    python3 server.py --backend echo --port 8000
    python3 server.py --backend sa2va --model-path ByteDance/Sa2VA-4B --port 8000

The HTTP layer is the standard library's ThreadingHTTPServer (one thread per connection,
HTTP/1.1 keep-alive, TCP_NODELAY on every accepted socket); everything model-specific is in a
backend class (backends/). When the socket is bound and the backend is ready, one line
``listening on http://HOST:PORT`` goes to stdout (flushed), so that ``--port 0`` (a free port)
can be used by a test. Logs go to stderr.

Status codes: 200 with the answer; 400 with {"error": ...} for a request that can never succeed
(malformed JSON, a missing or wrong field, invalid RLE, a mask or image that is not image_size,
a <PromptN> without visual prompt N); 404 for other paths; 405 for a wrong method; 411 without a
Content-Length; 413 for a body over --max-body-mb; 503 (with Retry-After) when the backend says
"later"; 500 when the backend fails otherwise (retried by the harness).
"""

import argparse
import json
import os
import socket
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from backends import BACKENDS, backend_class  # noqa: E402
from backends.base import BadRequest, Unavailable, check_response, parse_request  # noqa: E402

SERVER_VERSION = "perbench-sa2va-server/1"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"      # keep-alive: every answer has a Content-Length
    disable_nagle_algorithm = True     # TCP_NODELAY on the accepted socket (see setup())
    server_version = SERVER_VERSION

    def setup(self):
        super().setup()
        # StreamRequestHandler sets it already when disable_nagle_algorithm is true; set it
        # explicitly too so that the intent does not depend on that.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    # --- routing -------------------------------------------------------------------------
    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/v1/info":
            self._json(200, self.server.info)
        elif path == "/v1/predict":
            self._method_not_allowed("POST")
        else:
            self._not_found(path)

    def do_POST(self):
        path = self.path.split("?", 1)[0]
        if path == "/v1/predict":
            self._predict()
        else:
            # the body is unread: close rather than misread it as the next request
            self.close_connection = True
            if path == "/v1/info":
                self._method_not_allowed("GET")
            else:
                self._not_found(path)

    def do_PUT(self):
        self.close_connection = True
        self._other_method()

    do_DELETE = do_PATCH = do_PUT

    def do_HEAD(self):
        self._other_method()

    # --- predict -------------------------------------------------------------------------
    def _predict(self):
        started = time.perf_counter()
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked" or length is None:
            self.close_connection = True
            return self._error(411, "POST /v1/predict needs a Content-Length")
        try:
            n = int(length)
            if n < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            return self._error(400, "invalid Content-Length %r" % length)
        if n > self.server.max_body:
            self.close_connection = True
            return self._error(413, "request body of %d bytes is over the limit of %d"
                               % (n, self.server.max_body))
        raw = self.rfile.read(n)
        if len(raw) != n:
            self.close_connection = True
            return self._error(400, "request body ended after %d of %d bytes" % (len(raw), n))
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            return self._error(400, "request body is not valid JSON: %s" % e)
        sample_id = body.get("sample_id") if isinstance(body, dict) else None
        try:
            request = parse_request(body)
            answer = self.server.backend.predict(request)
            check_response(answer, request)
        except BadRequest as e:
            return self._error(400, str(e), sample_id)
        except Unavailable as e:
            headers = {"Retry-After": str(int(e.retry_after))} if e.retry_after else {}
            return self._error(503, str(e), sample_id, headers)
        except Exception as e:  # the model failed: 500, retried by the harness
            self.server.log("error on sample %r: %s\n%s" % (sample_id, e, traceback.format_exc()))
            return self._error(500, "%s: %s" % (type(e).__name__, e), sample_id)
        meta = answer.get("meta")
        if isinstance(meta, dict):
            meta.setdefault("server_ms", round((time.perf_counter() - started) * 1000.0, 2))
        self.server.count()
        self._json(200, answer)

    # --- answers -------------------------------------------------------------------------
    def _json(self, status, obj, headers=None):
        data = json.dumps(obj, separators=(",", ":"), ensure_ascii=True).encode("ascii")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status, message, sample_id=None, headers=None):
        if status >= 400 and status != 404:
            self.server.log("%d %s%s" % (status, message,
                                         "" if sample_id is None else " (sample %r)" % sample_id))
        self._json(status, {"error": message}, headers)

    def _not_found(self, path):
        self._error(404, "no such path %s (the protocol has GET /v1/info and POST /v1/predict)"
                    % path)

    def _method_not_allowed(self, allow):
        self._error(405, "%s is not allowed on %s; use %s"
                    % (self.command, self.path.split("?", 1)[0], allow), headers={"Allow": allow})

    def _other_method(self):
        self._error(405, "%s is not allowed; the protocol has GET /v1/info and POST /v1/predict"
                    % self.command)

    def log_message(self, fmt, *args):
        if self.server.verbose:
            self.server.log("%s %s" % (self.address_string(), fmt % args))


class ModelServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, backend, verbose=False, max_body=512 * 1024 * 1024, quiet=False):
        super().__init__(address, Handler)
        self.backend = backend
        self.info = backend.info()
        self.verbose = verbose
        self.quiet = quiet
        self.max_body = max_body
        self._lock = threading.Lock()
        self.predictions = 0

    def count(self):
        with self._lock:
            self.predictions += 1

    def log(self, message):
        if self.quiet:
            return
        sys.stderr.write("[%s] %s\n" % (time.strftime("%H:%M:%S"), message))
        sys.stderr.flush()


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="PerBench model server (docs/model-server.md) around Sa2VA / Pixel-SAIL "
                    "predict_forward, or the weight-free echo backend.")
    p.add_argument("--backend", required=True, choices=sorted(BACKENDS),
                   help="echo: no weights, for tests; sa2va: a checkpoint with predict_forward")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (0: a free one; default 8000)")
    p.add_argument("--model-path", help="sa2va: hub id or local folder, e.g. ByteDance/Sa2VA-4B")
    p.add_argument("--device", default="cuda", help="sa2va: torch device (default cuda)")
    p.add_argument("--dtype", default="bf16", choices=["bf16", "fp16", "fp32"],
                   help="sa2va: weights dtype (default bf16)")
    p.add_argument("--name", help="the name reported by /v1/info (default: from the backend)")
    p.add_argument("--flash-attn", default="auto", choices=["auto", "on", "off"],
                   help="sa2va: pass use_flash_attn to the remote code (auto: if flash_attn "
                        "is importable)")
    p.add_argument("--model-factory", metavar="MODULE:FUNCTION",
                   help="sa2va: build the model with this function instead of transformers' "
                        "AutoModel (e.g. Pixel-SAIL's research checkpoint; see README.md)")
    p.add_argument("--max-body-mb", type=int, default=512, help="largest request body (MiB)")
    p.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    cls = backend_class(args.backend)
    try:
        backend = cls(model_path=args.model_path, device=args.device, dtype=args.dtype,
                      name=args.name, flash_attn=args.flash_attn,
                      model_factory=args.model_factory)
    except Exception as e:
        sys.stderr.write("cannot start the %s backend: %s: %s\n" % (args.backend, type(e).__name__, e))
        return 1
    if ":" in args.host:
        ModelServer.address_family = socket.AF_INET6
    server = ModelServer((args.host, args.port), backend, verbose=args.verbose,
                         max_body=args.max_body_mb * 1024 * 1024)
    if args.name:
        server.info["name"] = args.name
    host, port = server.server_address[:2]
    shown = "[%s]" % host if ":" in host else host
    sys.stdout.write("listening on http://%s:%d\n" % (shown, port))
    sys.stdout.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        backend.close()
        server.log("stopped after %d predictions" % server.predictions)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A PerBench model server (docs/model-server.md): GET /v1/info, POST /v1/predict.

    python3 server.py --backend echo --port 8000
    python3 server.py --backend sa2va --model-path ByteDance/Sa2VA-4B --port 8000

The HTTP layer is the standard library's ThreadingHTTPServer (one thread per connection, at most
--max-connections at once, each closed after --read-timeout seconds without a byte from the
client; HTTP/1.1 keep-alive, TCP_NODELAY on every accepted socket); everything model-specific is in a
backend class (backends/). When the socket is bound and the backend is ready, one line
``listening on http://HOST:PORT`` goes to stdout (flushed), so that ``--port 0`` (a free port)
can be used by a test. Logs go to stderr.

There is no authentication: bind it to 127.0.0.1 or a private network only (README.md).

One model per replica (``--replicas N``, default 1), each used by one request at a time: a
request waits for a free replica, first come first served, and no batching. A request whose
client has closed its connection (the harness's --timeout fired) is dropped before the model
starts on it: the server peeks at the socket before the request waits for a replica, while it
waits, and again just before generation, and sends no answer (logged as "skipped").

Status codes: 200 with the answer; 400 with {"error": ...} for a request that can never succeed
(malformed JSON or JSON nested too deeply, a missing or wrong field, invalid RLE, a mask or image
that is not image_size, a <PromptN> without visual prompt N, an image.path outside --image-root
or without one); 404 for other paths; 405 for a wrong method; 411 without a
Content-Length; 413 for a body over --max-body-mb; 503 (with Retry-After) when the backend says
"later"; 500 when the backend (or the server) fails otherwise (retried by the harness).
"""

import argparse
import json
import os
import select
import socket
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from backends import BACKENDS, backend_class  # noqa: E402
from backends.base import (BadRequest, ClientGone, Refused, Unavailable,  # noqa: E402
                           check_response, parse_request, ImageRoots)

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
        """Answers every request, whatever its body: an exception that escapes the checks
        below is a bug of the server, answered 500 (and logged) rather than a dropped
        connection."""
        self._answered = False
        try:
            self._checked_predict()
        except (TimeoutError, ConnectionError):
            raise  # the client is gone or too slow: http.server drops the connection
        except Exception as e:
            self.server.log("unexpected error: %s\n%s" % (e, traceback.format_exc()))
            self.close_connection = True
            if not self._answered:
                self._error(500, "internal server error: %s" % type(e).__name__)

    def _client_gone(self):
        """True when the client has closed its end of the connection (or reset it): the socket
        is readable and a peek returns no byte. A client that sent more (a pipelined request)
        or nothing yet is still there. Called before and while a request waits for the model."""
        sock = self.connection
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            if not readable:
                return False
            return sock.recv(1, socket.MSG_PEEK) == b""
        except (BlockingIOError, InterruptedError, socket.timeout):
            return False
        except (OSError, ValueError):
            return True  # reset, or closed under us

    def _checked_predict(self):
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
        except RecursionError:
            # json's decoder recurses once per nested array or object
            return self._error(400, "request body is nested too deeply (arrays and objects "
                               "nest at most about %d levels)" % sys.getrecursionlimit())
        sample_id = body.get("sample_id") if isinstance(body, dict) else None
        if not isinstance(sample_id, str):
            sample_id = None  # only a string is quoted in the log line of an error
        try:
            request = parse_request(body, self.server.image_roots)
            request.client_gone = self._client_gone
            if request.client_gone():
                raise ClientGone("the client closed its connection before the request was "
                                 "handed to the backend")
            answer = self.server.backend.predict(request)
            check_response(answer, request)
        except ClientGone as e:
            # nobody is waiting for the answer: do not compute it, send nothing, close
            self.close_connection = True
            self._answered = True
            self.server.skip("skipped sample %r: %s" % (sample_id, e))
            return None
        except BadRequest as e:
            return self._error(400, str(e), sample_id)
        except Unavailable as e:
            headers = {"Retry-After": str(int(e.retry_after))} if e.retry_after else {}
            return self._error(503, str(e), sample_id, headers)
        except RecursionError:
            return self._error(400, "request body is nested too deeply", sample_id)
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
        self._answered = True
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
    """One handler thread per connection, at most ``max_connections`` at once: when all are
    busy the accept loop waits for one to end, and further connections wait in the listen
    queue (``request_queue_size``) until then, or are refused by the kernel when it is full.
    A connection on which nothing arrives for ``read_timeout`` seconds (between requests, or
    within a request's line, headers or body) is closed, so idle or stalled clients free
    their thread; ``None`` waits forever."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, backend, verbose=False, max_body=512 * 1024 * 1024, quiet=False,
                 read_timeout=30.0, max_connections=64, image_roots=None):
        if max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        if read_timeout is not None and read_timeout <= 0:
            raise ValueError("read_timeout must be positive")
        super().__init__(address, Handler)
        self.backend = backend
        self.info = backend.info()
        self.verbose = verbose
        self.quiet = quiet
        self.max_body = max_body
        self.read_timeout = read_timeout
        self.max_connections = max_connections
        self.image_roots = image_roots
        self._slots = threading.BoundedSemaphore(max_connections)
        self._stopping = False
        self._lock = threading.Lock()
        self.predictions = 0
        self.connections = 0       # handler threads running now
        self.peak_connections = 0  # the most there ever were at once
        self.skipped = 0           # requests dropped because their client had gone

    def count(self):
        with self._lock:
            self.predictions += 1

    def skip(self, message):
        with self._lock:
            self.skipped += 1
        self.log(message)

    def process_request(self, request, client_address):
        # the accept loop's thread: wait for a free slot before starting a handler thread
        while not self._slots.acquire(timeout=0.2):
            if self._stopping:
                self.shutdown_request(request)
                return
        with self._lock:
            self.connections += 1
            self.peak_connections = max(self.peak_connections, self.connections)
        try:
            request.settimeout(self.read_timeout)
            super().process_request(request, client_address)
        except BaseException:
            self._release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._release()

    def _release(self):
        with self._lock:
            self.connections -= 1
        self._slots.release()

    def shutdown(self):
        self._stopping = True
        super().shutdown()

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
    p.add_argument("--revision", metavar="REV",
                   help="sa2va: hub revision (commit, branch or tag) passed to from_pretrained "
                        "for the weights, the remote code, the tokenizer and the processor; "
                        "recorded in /v1/info (default: the hub's main). See README.md for the "
                        "requirements file of each revision")
    p.add_argument("--device", default="cuda",
                   help="sa2va: only cuda (the remote code calls .cuda(): pick the GPU with "
                        "CUDA_VISIBLE_DEVICES); anything else is refused at start")
    p.add_argument("--dtype", default="bf16",
                   help="sa2va: only bf16 (the remote code casts its inputs to bfloat16); "
                        "anything else is refused at start")
    p.add_argument("--name", help="the name reported by /v1/info (default: from the backend)")
    p.add_argument("--flash-attn", default="auto", choices=["auto", "on", "off"],
                   help="sa2va: pass use_flash_attn to the remote code (auto: if flash_attn "
                        "is importable; on: refuse to start without it; off: eager attention)")
    p.add_argument("--res-masks", default="first", choices=["first", "merge"],
                   help="sa2va, res: when the answer has several [SEG] masks, send the first "
                        "(default: the paper-era Sa2VA and Pixel-SAIL scripts) or their union "
                        "(merge: the v2 Sa2VA RefCOCO script)")
    p.add_argument("--text-cleanup", default="authors", choices=["authors", "end-markers"],
                   help="sa2va: authors (default): as the authors' scripts (captions lose "
                        "<Prompt0> and <|endoftext|>, other text is left as generated); "
                        "end-markers: every end-of-sequence marker removed from every text")
    for task, what in (("res", "RefCOCO-style segmentation"), ("vres", "V-T RES"),
                       ("mcq", "multiple choice"), ("caption", "region captions")):
        p.add_argument("--max-new-tokens-" + task, type=int, metavar="N",
                       help="sa2va: at most N generated tokens for %s (default: the model's "
                            "own, 2048 for Sa2VA, 512 for Pixel-SAIL)" % what)
    p.add_argument("--replicas", type=int, default=1, metavar="N",
                   help="sa2va: load N copies of the model on the GPU (about 10 GB each for a "
                        "4B model in bf16), each serving one request at a time (default 1)")
    p.add_argument("--model-factory", metavar="MODULE:FUNCTION",
                   help="sa2va: build the model with this function instead of transformers' "
                        "AutoModel (e.g. Pixel-SAIL's research checkpoint; see README.md)")
    p.add_argument("--max-body-mb", type=int, default=512,
                   help="largest request body, MiB (default 512; a larger one is answered 413)")
    p.add_argument("--read-timeout", type=float, default=30.0, metavar="SECONDS",
                   help="close a connection on which nothing arrives for this long, between "
                        "requests or within one (default 30; 0: never)")
    p.add_argument("--max-connections", type=int, default=64, metavar="N",
                   help="at most N connections (one thread each) are served at once; more wait "
                        "to be accepted (default 64; the harness opens about --concurrency)")
    p.add_argument("--image-root", metavar="DIR", action="append",
                   help="accept image.path (the harness's --shared-fs) for files under DIR only, "
                        "symbolic links and .. resolved (repeatable: several folders); without "
                        "it image.path is refused")
    p.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return p.parse_args(argv)


class StartupError(Exception):
    """The server cannot start: ``status`` is the exit status (2: refused settings, 1: the
    backend failed to load)."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


def max_new_tokens(args):
    return {t: getattr(args, "max_new_tokens_" + t) for t in ("res", "vres", "mcq", "caption")}


def build_backend(args):
    """The backend of ``args`` (:func:`parse_args`), or :class:`StartupError`. Settings the
    sa2va code cannot run (dtype, device) are refused before anything is imported or loaded."""
    if args.backend == "sa2va":
        from backends.sa2va import check_dtype_device, check_max_new_tokens
        problem = (check_dtype_device(args.dtype, args.device)
                   or check_max_new_tokens(max_new_tokens(args)))
        if problem:
            raise StartupError("refused: " + problem, 2)
    if args.replicas < 1:
        raise StartupError("refused: --replicas must be at least 1", 2)
    cls = backend_class(args.backend)
    try:
        return cls(model_path=args.model_path, device=args.device, dtype=args.dtype,
                   name=args.name, flash_attn=args.flash_attn, model_factory=args.model_factory,
                   revision=args.revision, res_masks=args.res_masks,
                   text_cleanup=args.text_cleanup, max_new_tokens=max_new_tokens(args),
                   replicas=args.replicas)
    except Refused as e:
        raise StartupError("refused: %s" % e, 2)
    except Exception as e:
        raise StartupError("cannot start the %s backend: %s: %s"
                           % (args.backend, type(e).__name__, e), 1)


def build_server(args, backend=None, quiet=False):
    """The :class:`ModelServer` of ``args``, bound (port 0: a free one) but not serving yet."""
    image_roots = None
    if args.image_root:
        try:
            image_roots = ImageRoots(args.image_root)
        except ValueError as e:
            raise StartupError("--image-root: %s" % e, 2)
    if args.read_timeout < 0 or args.max_connections < 1 or args.max_body_mb < 1:
        raise StartupError("--read-timeout must be >= 0, --max-connections and --max-body-mb "
                           ">= 1", 2)
    if backend is None:
        backend = build_backend(args)
    cls = ModelServer
    if ":" in args.host:
        class ModelServer6(ModelServer):
            address_family = socket.AF_INET6
        cls = ModelServer6
    server = cls((args.host, args.port), backend, verbose=args.verbose,
                 max_body=args.max_body_mb * 1024 * 1024, read_timeout=args.read_timeout or None,
                 max_connections=args.max_connections, image_roots=image_roots, quiet=quiet)
    if args.name:
        server.info["name"] = args.name
    return server


def main(argv=None):
    args = parse_args(argv)
    try:
        server = build_server(args)
    except StartupError as e:
        sys.stderr.write("%s\n" % e)
        return e.status
    backend = server.backend
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
        server.log("stopped after %d predictions (%d skipped: client gone)"
                   % (server.predictions, server.skipped))
    return 0


if __name__ == "__main__":
    sys.exit(main())

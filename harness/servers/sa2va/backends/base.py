"""What every backend shares: the parsed request, the errors a backend may raise, and the base
class. Standard library only.

The protocol is docs/model-server.md (machine-readable: docs/model-server.openapi.yaml). The
server parses and checks each ``POST /v1/predict`` body into a :class:`PredictRequest` before a
backend sees it, so a backend can rely on it: the task is known, the image field is one of the
three, every visual-prompt mask is a valid RLE of ``image_size``, and every ``<PromptN>`` of the
prompt has a visual prompt with slot N.
"""

import base64
import binascii
import collections
import contextlib
import os
import re
import stat
import threading

import rle

TASKS = ("res", "vres", "mcq", "caption")
IMAGE_FIELDS = ("png_base64", "jpeg_base64", "path")
REQUEST_FIELDS = ("task", "sample_id", "prompt", "image", "image_size", "visual_prompts", "options")
RESPONSE_FIELDS = ("text", "masks", "no_target", "sample_id", "meta")
PROMPT_SLOT = re.compile(r"<Prompt(\d+)>")


class BadRequest(Exception):
    """The request can never succeed with this model: answered 400, not retried."""

    status = 400


class Unavailable(Exception):
    """Try later (weights loading, out of memory): answered 503, retried by the harness."""

    status = 503

    def __init__(self, message, retry_after=None):
        super().__init__(message)
        self.retry_after = retry_after


class Refused(Exception):
    """The server must not start with these settings (an unsupported dtype or device, a missing
    library that was asked for): ``server.py`` prints the message and exits with status 2,
    before any weights are loaded where the check allows it."""


class ClientGone(Exception):
    """The client closed its connection (the harness's ``--timeout`` fired) before the model
    started on its request: nothing is generated and no answer is sent."""


def _never_gone():
    return False


class VisualPrompt(object):
    """One region prompt: its slot (the N of ``<PromptN>``) and its mask as run lengths."""

    __slots__ = ("slot", "height", "width", "counts", "rle")

    def __init__(self, slot, height, width, counts, rle_obj):
        self.slot = slot
        self.height = height
        self.width = width
        self.counts = counts
        self.rle = rle_obj

    def flat(self):
        """The mask as a flat column-major 0/1 bytearray."""
        return rle.flat_from_counts(self.counts, self.height * self.width)


class PredictRequest(object):
    """A checked ``POST /v1/predict`` body."""

    def __init__(self, task, sample_id, prompt, image_kind, image_value, height, width,
                 visual_prompts, options):
        self.task = task
        self.sample_id = sample_id
        self.prompt = prompt
        self.image_kind = image_kind      # png_base64 | jpeg_base64 | path
        self.image_value = image_value
        self.height = height
        self.width = width
        self.visual_prompts = visual_prompts  # list of VisualPrompt, in the order sent
        self.options = options            # dict of str -> str
        self.image_path = None            # path: the file to read, symlinks and .. resolved
        # () -> bool: True once the client has closed its connection (set by the server;
        # a backend asks it before it waits for the model and again before it generates)
        self.client_gone = _never_gone

    @property
    def image_size(self):
        return [self.height, self.width]

    def image_bytes(self):
        """The image file's bytes: base64-decoded (strictly) or read from the shared path
        (already checked to resolve under the server's --image-root by :func:`parse_request`;
        ``image_path`` is that resolved path)."""
        if self.image_kind == "path":
            return read_image_file(self.image_value, self.image_path)
        try:
            return base64.b64decode(self.image_value, validate=True)
        except (binascii.Error, ValueError) as e:
            raise BadRequest("image %s is not valid base64: %s" % (self.image_kind, e))

    def prompt_slots(self):
        """The slot numbers the prompt names, in order of first mention."""
        seen = []
        for m in PROMPT_SLOT.finditer(self.prompt):
            n = int(m.group(1))
            if n not in seen:
                seen.append(n)
        return seen

    def option(self, name, default=None):
        return self.options.get(name, default)


class Backend(object):
    """One model family. Subclasses set ``name`` and implement :meth:`info` and :meth:`predict`.

    ``predict`` may be called from many threads at once (one per connection); a backend that
    drives one GPU serialises its model calls itself and keeps decoding/encoding outside the
    lock.
    """

    name = "base"

    def info(self):
        """The ``GET /v1/info`` object: at least ``name``, ``version``, ``tasks``."""
        raise NotImplementedError

    def predict(self, request):
        """The answer to one checked :class:`PredictRequest`: a dict with some of ``text``,
        ``masks`` (RLE objects of ``request.image_size``), ``no_target``, ``sample_id`` and
        ``meta``. Raise :class:`BadRequest` for a sample this model can never answer and
        :class:`Unavailable` for "try later"; any other exception is answered 500."""
        raise NotImplementedError

    def close(self):
        """Frees what the backend holds (called once at shutdown)."""


class ReplicaPool(object):
    """N model replicas, each used by one request at a time; a request takes the replica that
    is free, or waits for the next one to be given back, first come first served.

    ``acquire(client_gone)`` is a context manager yielding a replica. While it waits it asks
    ``client_gone()`` every ``poll`` seconds and raises :class:`ClientGone` (leaving the queue)
    once the client has gone; it asks once more after it got a replica, just before the caller
    generates, and then gives the replica back before raising."""

    def __init__(self, replicas, poll=0.05):
        if not replicas:
            raise ValueError("no replica")
        self.replicas = list(replicas)
        self.poll = poll
        self._lock = threading.Lock()
        self._free = collections.deque(self.replicas)
        self._waiters = collections.deque()  # [threading.Event, replica or None], oldest first
        self.waiting = 0                     # requests waiting for a replica now
        self.busy = 0                        # replicas in use now
        self.peak_busy = 0                   # the most ever in use at once

    def _take(self, client_gone):
        with self._lock:
            if self._free and not self._waiters:
                return self._hand_out(self._free.popleft())
            waiter = [threading.Event(), None]
            self._waiters.append(waiter)
            self.waiting += 1
        try:
            while not waiter[0].wait(self.poll):
                if client_gone():
                    with self._lock:
                        if waiter[1] is None:  # not handed a replica in the meantime
                            self._waiters.remove(waiter)
                            raise ClientGone("the client closed its connection while the "
                                             "request waited for a free model replica")
                    break
            return waiter[1]
        finally:
            with self._lock:
                self.waiting -= 1

    def _hand_out(self, replica):
        # under self._lock
        self.busy += 1
        self.peak_busy = max(self.peak_busy, self.busy)
        return replica

    def _give_back(self, replica):
        with self._lock:
            self.busy -= 1
            if self._waiters:
                waiter = self._waiters.popleft()
                waiter[1] = self._hand_out(replica)
                waiter[0].set()
            else:
                self._free.append(replica)

    @contextlib.contextmanager
    def acquire(self, client_gone=_never_gone):
        if client_gone():
            raise ClientGone("the client closed its connection before the request reached the "
                             "model")
        replica = self._take(client_gone)
        try:
            if client_gone():
                raise ClientGone("the client closed its connection before generation started")
            yield replica
        finally:
            self._give_back(replica)


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


class ImageRoots(object):
    """The folders of ``--image-root`` (one or more): each as given (absolute, ``..``
    collapsed) and resolved (symlinks too)."""

    def __init__(self, folders):
        self.given, self.resolved = [], []
        for folder in folders:
            if "\0" in folder:
                raise ValueError("not a folder: %r" % folder)
            resolved = os.path.realpath(folder)
            if not os.path.isdir(resolved):
                raise ValueError("not a folder: %s" % folder)
            self.given.append(os.path.normpath(os.path.abspath(folder)))
            self.resolved.append(resolved)
        if not self.resolved:
            raise ValueError("no folder given")

    def __str__(self):
        return ", ".join(self.given)


def _under(path, roots):
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _refused_path(value):
    # One message for every path that is refused or cannot be read, whatever the reason, so
    # that answers never tell a client whether some file exists (the log has the reason).
    return BadRequest("image path %s is not a readable image file under the server's "
                      "--image-root" % value)


def check_image_path(value, image_roots):
    """The file that ``image.path`` ``value`` names, symlinks and ``..`` resolved, if it lies
    under one of ``image_roots`` (:class:`ImageRoots`) both as written (``..`` collapsed,
    nothing looked up on disk, so that a path elsewhere is refused before the file system is
    asked anything about it) and resolved; else :class:`BadRequest`. Without roots every path
    is refused."""
    if image_roots is None:
        raise BadRequest("image.path is refused: this server was started without --image-root; "
                         "start it with --image-root DIR (the folder holding the images, e.g. "
                         "the harness's data folder) or run the harness without --shared-fs")
    if "\0" in value or not os.path.isabs(value):
        raise _refused_path(value)
    if not _under(os.path.normpath(value), image_roots.given + image_roots.resolved):
        raise _refused_path(value)
    resolved = os.path.realpath(value)
    if not _under(resolved, image_roots.resolved):
        raise _refused_path(value)
    return resolved


def read_image_file(value, resolved):
    """The bytes of the regular file ``resolved`` (checked by :func:`check_image_path`), or
    the same :class:`BadRequest` for every failure (missing, a folder, a FIFO, unreadable)."""
    if resolved is None:
        raise _refused_path(value)
    try:
        fd = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        raise _refused_path(value)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _refused_path(value)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError:
        raise _refused_path(value)
    finally:
        os.close(fd)


def parse_request(body, image_roots=None):
    """The :class:`PredictRequest` of a decoded JSON body, or :class:`BadRequest` saying what
    is wrong (first problem only). ``image_roots``: the :class:`ImageRoots` of
    ``--image-root``, or None (then ``image.path`` is refused)."""
    if not isinstance(body, dict):
        raise BadRequest("the request body must be a JSON object")
    missing = [f for f in REQUEST_FIELDS if f not in body]
    if missing:
        raise BadRequest("missing field(s): %s" % ", ".join(missing))
    task = body["task"]
    if task not in TASKS:
        raise BadRequest("\"task\" must be one of %s, not %r" % (", ".join(TASKS), task))
    sample_id = body["sample_id"]
    if not isinstance(sample_id, str):
        raise BadRequest("\"sample_id\" must be a string")
    prompt = body["prompt"]
    if not isinstance(prompt, str):
        raise BadRequest("\"prompt\" must be a string")

    image = body["image"]
    if not isinstance(image, dict) or len(image) != 1 or next(iter(image)) not in IMAGE_FIELDS:
        raise BadRequest("\"image\" must hold exactly one of png_base64, jpeg_base64, path")
    kind, value = next(iter(image.items()))
    if not isinstance(value, str) or not value:
        raise BadRequest("\"image\".%s must be a non-empty string" % kind)

    size = body["image_size"]
    if not isinstance(size, list) or len(size) != 2 or not all(_is_int(v) and v > 0 for v in size):
        raise BadRequest("\"image_size\" must be [h, w], two positive integers")
    h, w = size

    vps = body["visual_prompts"]
    if not isinstance(vps, list):
        raise BadRequest("\"visual_prompts\" must be a list")
    prompts, slots = [], set()
    for i, vp in enumerate(vps):
        where = "visual_prompts[%d]" % i
        if not isinstance(vp, dict) or set(vp) != {"slot", "mask"}:
            raise BadRequest("%s must be {\"slot\": int, \"mask\": RLE}" % where)
        slot = vp["slot"]
        if not _is_int(slot) or slot < 0:
            raise BadRequest("%s.slot must be a non-negative integer" % where)
        if slot in slots:
            raise BadRequest("%s repeats slot %d" % (where, slot))
        slots.add(slot)
        try:
            mh, mw, counts = rle.read_rle(vp["mask"], where + ".mask")
        except ValueError as e:
            raise BadRequest(str(e))
        if (mh, mw) != (h, w):
            raise BadRequest("%s.mask is %dx%d but image_size is %dx%d" % (where, mh, mw, h, w))
        prompts.append(VisualPrompt(slot, mh, mw, counts, vp["mask"]))

    options = body["options"]
    if not isinstance(options, dict) or not all(isinstance(v, str) for v in options.values()):
        raise BadRequest("\"options\" must be an object of strings")

    request = PredictRequest(task, sample_id, prompt, kind, value, h, w, prompts, options)
    if kind == "path":
        request.image_path = check_image_path(value, image_roots)
    for n in request.prompt_slots():
        if n not in slots:
            raise BadRequest("prompt has <Prompt%d> but no visual prompt has slot %d (%d visual "
                             "prompt%s sent)" % (n, n, len(prompts), "" if len(prompts) == 1 else "s"))
    return request


def check_response(answer, request):
    """Raises ``ValueError`` when a backend's answer would be refused by the harness (a bug in
    the backend: the server answers 500 rather than send it)."""
    if not isinstance(answer, dict):
        raise ValueError("backend answered %s, not a dict" % type(answer).__name__)
    unknown = set(answer) - set(RESPONSE_FIELDS)
    if unknown:
        raise ValueError("backend answer has unknown field(s) %s" % ", ".join(sorted(unknown)))
    text = answer.get("text")
    if text is not None and not isinstance(text, str):
        raise ValueError("backend answer's text is not a string")
    nt = answer.get("no_target")
    if nt is not None and not isinstance(nt, bool):
        raise ValueError("backend answer's no_target is not a boolean")
    if answer.get("sample_id") not in (None, request.sample_id):
        raise ValueError("backend answer echoes another sample_id")
    masks = answer.get("masks")
    if masks is not None:
        if not isinstance(masks, list):
            raise ValueError("backend answer's masks is not a list")
        for i, m in enumerate(masks):
            mh, mw, _ = rle.read_rle(m, "masks[%d]" % i)
            if [mh, mw] != request.image_size:
                raise ValueError("masks[%d] is %dx%d but the image is %dx%d"
                                 % (i, mh, mw, request.height, request.width))

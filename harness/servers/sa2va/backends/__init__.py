"""Model backends of the PerBench model server: one small class per model family.

A backend is a subclass of :class:`backends.base.Backend`; ``BACKENDS`` maps the name given to
``server.py --backend`` to ``(module, class)``. Modules are imported only when chosen, so the
``echo`` backend needs nothing but the standard library and ``sa2va`` imports torch only when
it is started. A new family is a new module and one line here.
"""

import importlib

BACKENDS = {
    "echo": ("backends.echo", "EchoBackend"),
    "sa2va": ("backends.sa2va", "Sa2vaBackend"),
}


def backend_class(name):
    """The class registered as ``name``."""
    try:
        module, cls = BACKENDS[name]
    except KeyError:
        raise ValueError("unknown backend %r (known: %s)" % (name, ", ".join(sorted(BACKENDS))))
    return getattr(importlib.import_module(module), cls)

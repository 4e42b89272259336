"""Derived data computed once per data version in each worker, safely shared by its threads.

What the server derives from a build at run time (the label index, the sub-property hierarchy)
depends on the data version only; :func:`per_version` computes it once per version, under a
lock (so concurrent requests neither compute it twice nor see a half-replaced cache), and keeps
the newest few versions (a request still reading the previous build finds its own).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from typing import Callable, TypeVar

T = TypeVar("T")
# Versions kept per cache: the current build and the one a slow request may still be reading.
KEEP_VERSIONS = 2


def per_version(compute: Callable[..., T]) -> Callable[..., T]:
    """Decorate ``compute(opened)``: its value is cached per ``opened.version`` (thread-safe)."""
    lock = threading.Lock()
    cached: OrderedDict[str, T] = OrderedDict()

    @functools.wraps(compute)
    def cached_compute(opened) -> T:
        with lock:  # held while computing: other threads wait for the value instead of computing it again
            if opened.version in cached:
                cached.move_to_end(opened.version)
                return cached[opened.version]
            value = compute(opened)
            cached[opened.version] = value
            while len(cached) > KEEP_VERSIONS:
                cached.popitem(last=False)
            return value

    def cache_clear() -> None:
        with lock:
            cached.clear()

    cached_compute.cache_clear = cache_clear  # for tests
    return cached_compute

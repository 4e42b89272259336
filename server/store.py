"""Access to the built store from request handlers (shaped like flaskr's db.py).

Each worker process opens the current build read-only once and reuses it; at most once per
``RELOAD_CHECK_SECONDS`` it checks whether ``current`` now points at a newer build (a
`citykg build` happened) and then opens that one, so a rebuild needs no restart.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from flask import Flask, current_app
from werkzeug.http import http_date

from citykg.graph.store import BuiltStore, current

# How stale the view of `current` may get; a readlink per second costs nothing measurable.
RELOAD_CHECK_SECONDS = 1.0


@dataclass
class OpenStore:
    """A build opened for reading in this process."""

    built: BuiltStore
    store: pyoxigraph.Store
    checked_at: float
    # When the build was published (its folder's mtime), read once: Last-Modified of every answer.
    modified: float = 0.0

    @property
    def http_modified(self) -> str:
        """Return the Last-Modified header value of every answer from this build."""
        return http_date(self.modified)

    @property
    def version(self) -> str:
        """Return the data version of the open build."""
        return self.built.version


# Process-wide: Oxigraph stores are thread-safe for reads, and opening one is not free.
_open: dict[str, OpenStore] = {}


def open_current(root: str) -> OpenStore:
    """Return the open store for *root*, reopening it if a newer build was published."""
    now = time.monotonic()
    cached = _open.get(root)
    if cached and now - cached.checked_at < RELOAD_CHECK_SECONDS:
        return cached
    link_target = (Path(root) / "current").resolve()
    if cached and cached.built.path == link_target:
        cached.checked_at = now
        return cached
    built = current(Path(root))
    _open[root] = OpenStore(built=built, store=built.open(), checked_at=now, modified=built.path.stat().st_mtime)
    return _open[root]


def forget(root: str) -> None:
    """Drop this process's open store for *root*, so the next request opens the newest build."""
    _open.pop(root, None)


def get_store() -> OpenStore:
    """Return the open store of the current application."""
    return open_current(str(current_app.config["STORE"]))


def init_app(app: Flask) -> None:
    """Make relative store paths absolute, so workers agree on them whatever their cwd."""
    app.config["STORE"] = str(Path(app.config["STORE"]).resolve())

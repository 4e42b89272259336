"""Access to the built store from request handlers (shaped like flaskr's db.py).

Each worker process opens the current build read-only once and reuses it. On every request it
reads the ``current`` link (one ``readlink``, a few microseconds) and opens the newer build when
the link has moved (a `citykg build` or a write happened), so a rebuild needs no restart and a
client that wrote through one worker reads its write from any other at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph
from flask import Flask, current_app, g
from werkzeug.http import http_date

from citykg.graph.store import BuiltStore, current


@dataclass
class OpenStore:
    """A build opened for reading in this process."""

    built: BuiltStore
    store: pyoxigraph.Store
    link: str  # what ``current`` pointed at when this build was opened
    # When the build was published (its folder's mtime), read once: Last-Modified of every answer.
    modified: float
    database: str  # the build's Oxigraph folder, as query processes open it

    @cached_property
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
    cached = _open.get(root)
    try:
        link = os.readlink(os.path.join(root, "current"))
    except OSError:
        link = ""  # nothing built yet: current() below says so
    if cached and cached.link == link:
        return cached
    built = current(Path(root))
    _open[root] = OpenStore(built=built, store=built.open(), link=link, modified=built.path.stat().st_mtime,
                            database=str(built.database))
    return _open[root]


def get_store() -> OpenStore:
    """Return the open store of the current request: one build for the whole request.

    Looked up once per request (kept on flask.g), so a rebuild published mid-request cannot give
    a body from one build and an ETag or Last-Modified from the next.
    """
    opened = g.get("citykg_store")
    if opened is None:
        opened = g.citykg_store = open_current(str(current_app.config["STORE"]))
    return opened


def init_app(app: Flask) -> None:
    """Make relative store paths absolute, so workers agree on them whatever their cwd."""
    app.config["STORE"] = str(Path(app.config["STORE"]).resolve())

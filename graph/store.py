"""The on-disk store: Oxigraph databases written atomically under one root folder.

Layout of a store root::

    ROOT/current -> builds/20261124T101500-3f2a9c1d   (symlink, swapped atomically)
    ROOT/builds/<build-id>/oxigraph/                  (the Oxigraph RocksDB database)
    ROOT/builds/<build-id>/build.json                 (data version, counts, sources)
    ROOT/builds/<build-id>/dumps/                     (the whole dataset, compressed)
    ROOT/builds/.incomplete-<build-id>/               (a build in progress; never served)

A build writes a complete new folder and only then repoints ``current`` with ``os.replace``
(an atomic rename on POSIX), so a failed or interrupted build leaves the last good store
serving. Servers open ``current`` read-only and notice when it moves.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from .errors import StoreError

# Older builds kept beside the current one, so a server still reading one is not cut off.
KEEP_PREVIOUS_BUILDS = 2
META_FILE = "build.json"
DUMP_FORMATS = {"citykg.nq.gz": pyoxigraph.RdfFormat.N_QUADS, "citykg.trig.gz": pyoxigraph.RdfFormat.TRIG}


@dataclass(frozen=True)
class BuiltStore:
    """One finished build: its folder and its metadata."""

    path: Path
    meta: dict

    @property
    def database(self) -> Path:
        """Return the Oxigraph database folder."""
        return self.path / "oxigraph"

    @property
    def version(self) -> str:
        """Return the data version (hash of the sources)."""
        return self.meta.get("version", "")

    def open(self) -> pyoxigraph.Store:
        """Open the database read-only (any number of processes may do so at once)."""
        return pyoxigraph.Store.read_only(str(self.database))


def current(root: Path) -> BuiltStore:
    """Return the build that ``ROOT/current`` points at.

    :raise StoreError: if nothing has been built there yet.
    """
    link = Path(root) / "current"
    if not link.exists():
        raise StoreError(f"{root}: no built store here; run `citykg build --store {root}` first")
    target = link.resolve()
    try:
        meta = json.loads((target / META_FILE).read_text())
    except (OSError, ValueError) as exc:
        raise StoreError(f"{target}: unreadable build metadata ({exc})") from exc
    return BuiltStore(path=target, meta=meta)


def new_build_id(version: str) -> str:
    """Name a build by its UTC time and data version (sortable, unique enough)."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    return f"{stamp}-{time.time_ns() % 1_000_000:06d}-{version[:8]}"


class StoreWriter:
    """Write a new build into an incomplete folder; :meth:`commit` publishes it atomically."""

    def __init__(self, root: Path, version: str):
        self.root = Path(root)
        self.builds = self.root / "builds"
        self.build_id = new_build_id(version)
        self.work = self.builds / f".incomplete-{self.build_id}"
        self.final = self.builds / self.build_id

    def __enter__(self) -> "StoreWriter":
        self.work.mkdir(parents=True)
        self.store = pyoxigraph.Store(str(self.work / "oxigraph"))
        return self

    def load(self, data: bytes, extension: str, to_graph: str | None = None) -> None:
        """Bulk-load serialized RDF (format by file extension) into the new database."""
        graph = pyoxigraph.NamedNode(to_graph) if to_graph else None
        self.store.bulk_load(input=data, format=pyoxigraph.RdfFormat.from_extension(extension), to_graph=graph)

    def write_dumps(self) -> dict:
        """Write the whole dataset as compressed N-Quads and TriG; return name -> size."""
        folder = self.work / "dumps"
        folder.mkdir()
        sizes = {}
        for name, fmt in DUMP_FORMATS.items():
            with gzip.open(folder / name, "wb", compresslevel=6) as out:
                self.store.dump(out, format=fmt)
            sizes[name] = (folder / name).stat().st_size
        return sizes

    def commit(self, meta: dict) -> BuiltStore:
        """Flush, write the metadata, move the build into place and repoint ``current``."""
        self.store.flush()
        self.store.optimize()
        del self.store  # closes the RocksDB instance before the folder moves
        (self.work / META_FILE).write_text(json.dumps(meta, indent=2))
        os.replace(self.work, self.final)
        link = self.root / "current"
        tmp_link = self.root / f".current-{self.build_id}"
        os.symlink(Path("builds") / self.build_id, tmp_link)
        os.replace(tmp_link, link)
        prune(self.builds, keep={self.build_id})
        return BuiltStore(path=self.final, meta=meta)

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.store = None
            shutil.rmtree(self.work, ignore_errors=True)


def prune(builds: Path, keep: set) -> None:
    """Remove incomplete builds and all but the newest few finished ones."""
    finished = sorted(p for p in builds.iterdir() if not p.name.startswith("."))
    for stale in finished[: -(KEEP_PREVIOUS_BUILDS + 1)]:
        if stale.name not in keep:
            shutil.rmtree(stale, ignore_errors=True)
    for incomplete in builds.glob(".incomplete-*"):
        if incomplete.name.removeprefix(".incomplete-") not in keep:
            shutil.rmtree(incomplete, ignore_errors=True)

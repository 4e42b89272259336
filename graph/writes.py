"""Writes through the endpoint: kept as files beside the store, applied by a full, validated rebuild.

Design (chosen for a curated, mostly-read dataset):

* Only named graphs under ``https://w3id.org/citykg/graph/writes/`` can be written; the graphs that
  come from source documents stay read-only (they are curated as files in git).
* Each written graph is a TriG file in ``STORE/writes/``. ``citykg build`` reads that folder as one
  more data folder, so a later build from the source files carries written data over.
* A write changes the file(s), then runs the normal build (SHACL validation, OWL RL inference,
  atomic swap). If the build fails — a shape violation, say — the files are restored and the
  published store is untouched: all or nothing. A lock file serialises writers.

A rebuild costs seconds on the Helsinki graph; at world scale writes would need an incremental
path (validate the changed graph against its neighbourhood, infer with targeted rules).
"""

from __future__ import annotations

import fcntl
import hashlib
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from . import GRAPH
from .errors import CitykgError
from .pipeline import BuildConfig, build
from .progress import Reporter
from .store import current

WRITABLE = str(GRAPH) + "writes/"


class WriteRefused(CitykgError):
    """Raised by :mod:`citykg.graph.writes` for a write to a graph that may not be written."""


def file_for(root: Path, graph: str) -> Path:
    """The TriG file that holds a written graph (named by a hash of its IRI: any IRI is safe)."""
    if not graph.startswith(WRITABLE) or len(graph) == len(WRITABLE):
        raise WriteRefused(f"only graphs under {WRITABLE} can be written (not <{graph}>); source graphs are curated as files")
    return Path(root) / "writes" / (hashlib.sha256(graph.encode()).hexdigest()[:24] + ".trig")


@contextmanager
def locked(root: Path):
    """Hold the store's write lock (one writer at a time, across processes)."""
    Path(root).mkdir(parents=True, exist_ok=True)
    with open(Path(root) / "write.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def config_of(root: Path) -> BuildConfig:
    """Rebuild with the configuration the current build was made with."""
    saved = current(root).meta.get("config")
    if not saved:
        raise CitykgError("the current build does not record its sources; run `citykg build` once")
    return BuildConfig(data_dirs=[Path(d) for d in saved["data_dirs"]], ontology_dir=Path(saved["ontology_dir"]),
                       shapes_dir=Path(saved["shapes_dir"]), store_root=Path(root), strict=saved.get("strict", False))


def apply(root: Path, changes: dict[str, bytes | None]) -> dict:
    """Write graphs (IRI -> TriG bytes, or None to delete) and rebuild; restore them on failure.

    :raise WriteRefused: a graph outside the writable space.
    :raise ValidationFailed / CitykgError: the rebuild failed; nothing changed.
    :return: the new build's metadata.
    """
    files = {graph: file_for(root, graph) for graph in changes}
    with locked(root):
        config = config_of(root)
        backup = {path: path.read_bytes() if path.exists() else None for path in files.values()}
        try:
            for graph, content in changes.items():
                path = files[graph]
                path.parent.mkdir(parents=True, exist_ok=True)
                if content is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_bytes(content)
            return build(config, Reporter(quiet=True)).meta
        except BaseException:
            for path, old in backup.items():
                if old is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_bytes(old)
            raise


def graph_as_trig(graph: str, triples) -> bytes:
    """Serialize triples as the TriG of one named graph."""
    name = ox.NamedNode(graph)
    return ox.serialize([ox.Quad(t.subject, t.predicate, t.object, name) for t in triples], format=ox.RdfFormat.TRIG)


def sparql_update(root: Path, update: str) -> dict:
    """Run a SPARQL Update on a scratch copy of the store; persist the writable graphs it changed.

    :raise WriteRefused: the update changed a graph outside the writable space (nothing is kept).
    """
    built = current(root)
    scratch = ox.Store()
    for quad in built.open().quads_for_pattern(None, None, None):
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            scratch.add(quad)
    before = snapshot(scratch)
    try:
        scratch.update(update)
    except SyntaxError as exc:
        raise CitykgError(f"SPARQL syntax error: {exc}") from exc
    after = snapshot(scratch)
    changed = {g for g in set(before) | set(after) if before.get(g) != after.get(g)}
    outside = sorted(g for g in changed if not g.startswith(WRITABLE))
    if outside:
        raise WriteRefused(f"the update would change graphs that are not writable: {', '.join(outside)}")
    changes = {}
    for graph in changed:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in scratch.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
        changes[graph] = graph_as_trig(graph, triples) if triples else None
    return apply(root, changes) if changes else current(root).meta


def snapshot(store: ox.Store) -> dict:
    """Graph IRI -> a digest of its content, to see which graphs an update changed."""
    digests: dict = {}
    for quad in store.quads_for_pattern(None, None, None):
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            key = quad.graph_name.value
            digests[key] = digests.get(key, 0) ^ int(hashlib.sha256(str(quad).encode()).hexdigest()[:16], 16)
    return digests

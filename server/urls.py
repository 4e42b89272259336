"""The one place that maps IRIs to paths on this server and back, with format suffixes.

The data's IRIs live under the configured ``BASE_IRI`` (https://w3id.org/citykg/); this server
serves ``/{path}`` for ``BASE_IRI + path``, so the same data browses correctly on localhost and
on a real domain.
"""

from __future__ import annotations

from flask import current_app

# File suffixes that select an RDF serialization of a page (name in citykg.graph.query.FORMATS).
SUFFIXES = {"ttl": "turtle", "nt": "ntriples", "jsonld": "jsonld", "rdf": "rdfxml", "trig": "trig", "nq": "nquads"}


def base() -> str:
    """The IRI base the data uses."""
    return current_app.config["BASE_IRI"]


def iri_for_path(path: str) -> str:
    """The IRI a request path (without leading slash and suffix) stands for."""
    return base() + path


def path_for(iri: str, suffix: str | None = None) -> str | None:
    """The local path of an IRI under the base (None for IRIs elsewhere), with an optional suffix."""
    if not iri.startswith(base()):
        return None
    return "/" + iri[len(base()):] + (f".{suffix}" if suffix else "")


def split_suffix(path: str, suffixes: dict | None = None) -> tuple[str, str | None]:
    """Split 'city/helsinki.ttl' into ('city/helsinki', 'turtle'); no known suffix -> (path, None).

    *suffixes* maps the suffixes known here to what they select (default :data:`SUFFIXES`).
    """
    table = SUFFIXES if suffixes is None else suffixes
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in table:
        return stem, table[suffix]
    return path, None

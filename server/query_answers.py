"""Answer one SPARQL query: limits, the query processes, the answer's validators and headers.

Nothing here needs Flask: the `/sparql` view (:mod:`.sparql`) and the WSGI fast path in front of
it (:mod:`.fast_path`) both answer queries through these functions, so the two cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass

from werkzeug.http import quote_etag
from werkzeug.wrappers import Request

from .executor import Outcome, QueryPool
from .negotiation import media_type
from .protocol import Operation
from .store import OpenStore

TRUNCATED_HEADER = "X-Citykg-Truncated"
ROWS_HEADER = "X-Citykg-Result-Rows"
# One pool of query processes per server worker process, made on first use (after the fork).
_pools: dict[int, QueryPool] = {}
_pools_lock = threading.Lock()


@dataclass(frozen=True)
class Limits:
    """The configured limits, named for messages and the service description."""

    timeout: float
    max_rows: int
    max_bytes: int
    max_depth: int

    @classmethod
    def from_config(cls, config) -> Limits:
        return cls(float(config["QUERY_TIMEOUT"]), int(config["MAX_RESULT_ROWS"]),
                   int(config["MAX_QUERY_BYTES"]), int(config["MAX_NESTING_DEPTH"]))


def pool(size: int) -> QueryPool:
    """Return this worker's pool of *size* query processes (made once, even when first requests race)."""
    found = _pools.get(size)
    if found is None:
        with _pools_lock:
            found = _pools.setdefault(size, QueryPool(size))
    return found


def start_query_processes(config) -> None:
    """Start this worker's query processes before the first request (see citykg.server.wsgi)."""
    pool(config["QUERY_PROCESSES"]).start()


def query_options(operation: Operation, request: Request) -> dict:
    """The engine options of a query: its protocol dataset and the base for relative IRIs."""
    return {
        "default_graph": operation.default_graphs or None,
        "named_graphs": operation.named_graphs or None,
        # Relative IRIs in a query resolve against the endpoint (the protocol's service-defined
        # base); built from its parts, as request.base_url's IRI decoding costs more than the query.
        "base_iri": f"{request.scheme}://{request.host}{request.root_path}{request.path}",
    }


def answer_etag(opened: OpenStore, text: str, options: dict, chosen: str, page_language: str | None) -> str:
    """The entity tag of an answer: the data version, the query, its dataset and the representation."""
    key = json.dumps([opened.version, text, options, chosen, page_language])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def execute(config, limits: Limits, opened: OpenStore, text: str, options: dict, format_name: str) -> Outcome:
    """Run a query in one of this worker's query processes, within the configured limits.

    :raise QueryTimeout: it ran past the time limit (or every process stayed busy that long).
    :raise QueryFailed: it is malformed, or the engine refused it.
    """
    return pool(config["QUERY_PROCESSES"]).run(opened.database, text, options, format_name, limits.max_rows, limits.timeout)


def answer_headers(outcome: Outcome, etag: str, opened: OpenStore, vary: str) -> dict[str, str]:
    """Headers of a query's answer, as plain strings (werkzeug's header properties cost more
    than a cheap query on this path)."""
    return {
        TRUNCATED_HEADER: "true" if outcome.truncated else "false",
        ROWS_HEADER: str(outcome.rows),
        "Vary": vary,
        "ETag": quote_etag(etag),
        "Last-Modified": opened.http_modified,
        "Cache-Control": "public, max-age=60",
    }


def content_type(format_name: str) -> str:
    """The Content-Type of an answer in a machine format."""
    return media_type(format_name) + "; charset=utf-8"

"""Writes: SPARQL Update at /sparql and the Graph Store HTTP Protocol at /graph-store and /graph/.

The Graph Store is reachable both ways the protocol defines: indirectly (``/graph-store?graph=IRI``)
and directly (``/graph/...`` is the named graph ``BASE_IRI + graph/...``, as data IRIs map to
paths).

Off unless ``CITYKG_UPDATE_TOKEN`` is set (403); then every write needs
``Authorization: Bearer <token>`` (401 otherwise). A write is validated against the shapes by a full
rebuild and is all or nothing (see citykg.graph.writes). Reading the Graph Store is open.
"""

from __future__ import annotations

import hmac
import uuid

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from citykg.graph.errors import CitykgError, ValidationFailed
from citykg.graph.query import FORMATS
from citykg.graph.writes import WRITABLE, WriteRefused, apply, graph_as_trig, sparql_update

from .negotiation import MEDIA_TYPES, media_type
from .describe import valid_iri
from .store import get_store
from .urls import iri_for_path

bp = Blueprint("updates", __name__)

RDF_INPUT = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}


def refuse_unauthorised() -> Response | None:
    """403 when writes are off, 401 without the right bearer token, None when allowed."""
    token = current_app.config["UPDATE_TOKEN"]
    if not token:
        return Response("writes are disabled on this server (set CITYKG_UPDATE_TOKEN to enable them)\n", status=403, mimetype="text/plain")
    given = request.headers.get("Authorization", "")
    if not given.startswith("Bearer ") or not hmac.compare_digest(given[7:].encode(), token.encode()):
        response = Response("a write needs 'Authorization: Bearer <token>'\n", status=401, mimetype="text/plain")
        response.headers["WWW-Authenticate"] = 'Bearer realm="citykg"'
        return response
    return None


def outcome(run) -> Response:
    """Run a write and turn its failure modes into HTTP answers (422 carries the SHACL report)."""
    try:
        meta = run()
    except ValidationFailed as exc:
        lines = [r.line() for r in exc.report.results if r.severity == "Violation"]
        return Response("the write was rejected; nothing changed.\n" + exc.message + "\n" + "\n".join(lines) + "\n", status=422, mimetype="text/plain")
    except WriteRefused as exc:
        return Response(exc.message + "\n", status=403, mimetype="text/plain")
    except CitykgError as exc:
        return Response(exc.message + "\n", status=400, mimetype="text/plain")
    return Response(f"ok: data version {meta['version']}, {meta['triples']} triples\n", status=200, mimetype="text/plain")


def run_update(text: str) -> Response:
    """Apply a SPARQL Update (called by the /sparql view once the protocol checks passed)."""
    refused = refuse_unauthorised()
    return refused or outcome(lambda: sparql_update(current_app.config["STORE"], text))


@bp.route("/graph-store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def graph_store():
    """Graph Store Protocol with indirect graph identification (?graph=IRI, ?default)."""
    if "default" in request.args:
        if request.method in ("GET", "HEAD"):
            return read(None)
        return Response("the default graph is the merge of all graphs and cannot be written; name a graph\n", status=400, mimetype="text/plain")
    graph = request.args.get("graph")
    if graph:
        return handle(graph)
    if request.method == "POST":
        # POST to the service itself creates a graph whose IRI the server mints (201 + Location).
        return handle(WRITABLE + uuid.uuid4().hex, minted=True)
    return Response("name a graph with ?graph=IRI (or ?default to read the default graph)\n", status=400, mimetype="text/plain")


@bp.route("/graph/<path:path>", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def graph_direct(path: str):
    """Graph Store Protocol with direct graph identification: a named graph's IRI is its URL here."""
    return handle(iri_for_path("graph/" + path))


def handle(graph: str, minted: bool = False) -> Response:
    """Read or write one named graph: GET/HEAD are open; PUT/POST/DELETE need the token."""
    if not valid_iri(graph):
        return Response(f"not an IRI: <{graph}>\n", status=400, mimetype="text/plain")
    if request.method in ("GET", "HEAD"):
        return read(graph)
    refused = refuse_unauthorised()
    if refused:
        return refused
    existed = graph_exists(graph)
    if request.method == "DELETE":
        if not existed:
            return Response(f"no graph <{graph}>\n", status=404, mimetype="text/plain")
        return outcome(lambda: apply(current_app.config["STORE"], {graph: None}))
    try:
        triples = request_triples()
    except ValueError as exc:
        return Response(f"{exc}\n", status=400, mimetype="text/plain")
    except LookupError as exc:
        return Response(f"{exc}\n", status=415, mimetype="text/plain")
    if request.method == "POST" and existed:
        opened = get_store()
        triples += [ox.Triple(q.subject, q.predicate, q.object) for q in opened.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
    response = outcome(lambda: apply(current_app.config["STORE"], {graph: graph_as_trig(graph, triples)}))
    if response.status_code == 200 and not existed:
        response.status_code = 201  # the protocol: a new graph is "201 Created"
        if minted:
            response.headers["Location"] = graph
    return response


def request_triples() -> list:
    """The triples of a write's body: one RDF document, or the files of a multipart/form-data POST.

    :raise LookupError: a media type this server cannot parse (415).
    :raise ValueError: a body that does not parse (400), with the parser's message.
    """
    mimetype = (request.mimetype or "").lower()
    if mimetype == "multipart/form-data" and request.method == "POST":
        parts = [(part.filename or name, (part.mimetype or "").lower(), part.read()) for name, part in request.files.items(multi=True)]
    else:
        parts = [("the body", mimetype, request.get_data())]
    triples = []
    for name, media, data in parts:
        fmt = RDF_INPUT.get(media)
        if fmt is None:
            raise LookupError(f"{name}: send RDF as one of: {', '.join(RDF_INPUT)} (got {media or 'no Content-Type'})")
        try:
            triples += [q.triple for q in ox.parse(data, format=fmt)]
        except SyntaxError as exc:
            raise ValueError(f"{name} does not parse: {exc}") from exc
    return triples


def graph_exists(graph: str) -> bool:
    """Say whether the store has a named graph of that IRI."""
    return get_store().store.contains_named_graph(ox.NamedNode(graph))


def read(graph: str | None) -> Response:
    """Answer GET/HEAD for a named graph (or the default graph) as Turtle or another RDF syntax."""
    if graph is not None and not graph_exists(graph):
        return Response(f"no graph <{graph}>\n", status=404, mimetype="text/plain")
    best = request.accept_mimetypes.best_match(list(MEDIA_TYPES["graph"])) or "text/turtle"
    name = MEDIA_TYPES["graph"][best]
    target = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in get_store().store.quads_for_pattern(None, None, None, target)]
    response = Response(ox.serialize(triples, format=FORMATS[name].oxigraph), mimetype=media_type(name))
    response.headers["Vary"] = "Accept"
    return response

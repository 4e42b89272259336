"""Writes: SPARQL Update at /sparql and the Graph Store HTTP Protocol at /graph-store.

Off unless ``CITYKG_UPDATE_TOKEN`` is set (403); then every write needs
``Authorization: Bearer <token>`` (401 otherwise). A write is validated against the shapes by a full
rebuild and is all or nothing (see citykg.graph.writes). Reading the Graph Store is open.
"""

from __future__ import annotations

import hmac

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from citykg.graph.errors import CitykgError, ValidationFailed
from citykg.graph.writes import WriteRefused, apply, graph_as_trig, sparql_update

from .negotiation import MEDIA_TYPES, media_type
from .store import forget, get_store

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
    forget(current_app.config["STORE"])  # this worker answers from the new build at once
    return Response(f"ok: data version {meta['version']}, {meta['triples']} triples\n", status=200, mimetype="text/plain")


def run_update(text: str) -> Response:
    """Apply a SPARQL Update (called by the /sparql view once the protocol checks passed)."""
    refused = refuse_unauthorised()
    return refused or outcome(lambda: sparql_update(current_app.config["STORE"], text))


@bp.route("/graph-store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def graph_store():
    """Graph Store Protocol with indirect graph identification (?graph=IRI)."""
    if "default" in request.args:
        if request.method in ("GET", "HEAD"):
            graph = None
        else:
            return Response("the default graph is the merge of all graphs and cannot be written; name a graph\n", status=400, mimetype="text/plain")
    else:
        graph = request.args.get("graph")
        if not graph:
            return Response("name a graph with ?graph=IRI (or ?default to read the default graph)\n", status=400, mimetype="text/plain")
    if request.method in ("GET", "HEAD"):
        return read(graph)
    refused = refuse_unauthorised()
    if refused:
        return refused
    if request.method == "DELETE":
        if not graph_exists(graph):
            return Response(f"no graph <{graph}>\n", status=404, mimetype="text/plain")
        return outcome(lambda: apply(current_app.config["STORE"], {graph: None}))
    fmt = RDF_INPUT.get((request.mimetype or "").lower())
    if fmt is None:
        return Response(f"send RDF as one of: {', '.join(RDF_INPUT)}\n", status=415, mimetype="text/plain")
    try:
        triples = [q.triple for q in ox.parse(request.get_data(), format=fmt)]
    except SyntaxError as exc:
        return Response(f"the body does not parse: {exc}\n", status=400, mimetype="text/plain")
    if request.method == "POST" and graph_exists(graph):
        opened = get_store()
        triples += [ox.Triple(q.subject, q.predicate, q.object) for q in opened.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
    return outcome(lambda: apply(current_app.config["STORE"], {graph: graph_as_trig(graph, triples)}))


def graph_exists(graph: str) -> bool:
    """Say whether the store has a named graph of that IRI."""
    return get_store().store.contains_named_graph(ox.NamedNode(graph))


def read(graph: str | None) -> Response:
    """Answer GET/HEAD for a named graph (or the default graph) as Turtle or another RDF syntax."""
    if graph is not None and not graph_exists(graph):
        return Response(f"no graph <{graph}>\n", status=404, mimetype="text/plain")
    best = request.accept_mimetypes.best_match(list(MEDIA_TYPES["graph"])) or "text/turtle"
    name = MEDIA_TYPES["graph"][best]
    from citykg.graph.query import FORMATS

    target = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in get_store().store.quads_for_pattern(None, None, None, target)]
    response = Response(ox.serialize(triples, format=FORMATS[name].oxigraph), mimetype=media_type(name))
    response.headers["Vary"] = "Accept"
    return response

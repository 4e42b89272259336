"""`/ontology`: the ontology itself, as generated HTML documentation or as RDF by content negotiation."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from citykg.graph import ONTOLOGY_GRAPH
from citykg.graph.query import FORMATS, serialize
from citykg.graph.store import ONTOLOGY_HTML

from .store import get_store

bp = Blueprint("ontology", __name__)

# What /ontology can be served as, in order of preference when the client does not mind.
OFFERS = ["text/html", "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
BY_MEDIA_TYPE = {f.media_type: f for f in FORMATS.values() if f.kind == "graph"}


@bp.get("/ontology")
def ontology():
    """Serve the ontology as pyLODE HTML (browsers) or RDF (by Accept or ?format=ttl|nt|jsonld|rdf).

    :raise 406: if the client accepts none of the offered types.
    """
    opened = get_store()
    by_suffix = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json", "rdf": "application/rdf+xml", "html": "text/html"}
    wanted = by_suffix.get(request.args.get("format", "")) or request.accept_mimetypes.best_match(OFFERS)
    if wanted is None:
        abort(406)
    if wanted == "text/html":
        body = (opened.built.path / ONTOLOGY_HTML).read_bytes()
    else:
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
        body = serialize(opened.store.query(query), BY_MEDIA_TYPE[wanted])
    response = Response(body, mimetype=wanted)
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = ", ".join(f'</ontology?format={k}>; rel="alternate"; type="{v}"' for k, v in by_suffix.items())
    response.set_etag(f"{opened.version}-ontology-{wanted}")
    return response.make_conditional(request)

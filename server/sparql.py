"""`/sparql`: the SPARQL 1.1 Protocol endpoint (query over GET, for now)."""

from flask import Blueprint, Response, request

from citykg.graph.errors import CitykgError
from citykg.graph.query import DEFAULT_FORMAT, FORMATS, execute, result_kind, serialize

from .store import get_store

bp = Blueprint("sparql", __name__)


@bp.get("/sparql")
def query():
    """Run the `query` parameter; SPARQL JSON for SELECT/ASK, Turtle for graphs; 400 for a bad query."""
    text = request.args.get("query")
    if not text:
        return Response("missing 'query' parameter\n", status=400, mimetype="text/plain")
    try:
        result = execute(get_store().store, text)
        fmt = FORMATS[DEFAULT_FORMAT[result_kind(result)]]
        body = serialize(result, fmt)
    except CitykgError as exc:
        return Response(exc.message + "\n", status=400, mimetype="text/plain")
    return Response(body, mimetype=fmt.media_type)

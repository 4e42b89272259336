"""`/sparql`: the SPARQL 1.1 Protocol endpoint, its Service Description and its query page.

A request is parsed strictly (:mod:`.protocol`), checked against the limits and the SERVICE
allow-list, then run in an isolated query process (:mod:`.executor`) with a deadline and a
result-size limit; the answer is negotiated (:mod:`.negotiation`). Updates go to :mod:`.updates`.
Queries answered in a machine format are usually served by :mod:`.fast_path`, in front of this
view, with the same functions (:mod:`.query_answers`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request

from .executor import QueryFailed, QueryTimeout
from .i18n import language
from .negotiation import FORMAT_NAMES, choose, media_type, query_kind
from .protocol import ProtocolError, check, parse_request
from .query_answers import Limits, answer_etag, answer_headers, content_type, execute, query_options
from .service_description import describe_service
from .store import get_store
from .updates import run_update
from .web import VARY

bp = Blueprint("sparql", __name__)

QUERIES_DIR = Path(__file__).parent / "queries"


@dataclass(frozen=True)
class Example:
    """An example query shown in the UI (a file in server/queries/)."""

    title: str
    text: str


def examples() -> list[Example]:
    """Read the example queries; the first line of each file is '# title: ...'."""
    found = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        found.append(Example(first.removeprefix("# title:").strip(), rest.strip() + "\n"))
    return found


def limits() -> Limits:
    """The configured limits."""
    return Limits.from_config(current_app.config)


def parameter(name: str) -> str | None:
    """A URL or form parameter for an error page; None where the request cannot be decoded
    (the error being reported may be just that)."""
    try:
        return request.values.get(name)
    except UnicodeDecodeError:
        return None


def error(status: int, message: str, kind: str = "results") -> Response:
    """Answer an error in the representation the client asked for (HTML, JSON or text)."""
    wants = request.accept_mimetypes.best_match(["text/plain", "application/json", "text/html"]) or "text/plain"
    if parameter("format") == "html" or wants == "text/html":
        page = render_template("sparql/index.html", query=parameter("query") or "", error=message,
                               formats=list(FORMAT_NAMES[kind]), examples=examples(), table=None)
        return Response(page, status=status, mimetype="text/html", headers={"Vary": VARY})
    if wants == "application/json":
        return Response(json.dumps({"status": status, "error": message}), status=status, mimetype="application/json")
    return Response(message + "\n", status=status, mimetype="text/plain")


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    """Answer a SPARQL Protocol request: a query, the service description, or the query page."""
    try:
        operation = parse_request(request)
    except ProtocolError as exc:
        return error(exc.status, exc.message)
    if operation is None:
        return describe_or_page()
    lim = limits()
    try:
        check(operation, lim.max_bytes, lim.max_depth, current_app.config["SERVICE_ALLOWLIST"])
    except ProtocolError as exc:
        return error(exc.status, exc.message)
    if operation.kind == "update":
        return run_update(operation.text)
    kind = query_kind(operation.text)
    chosen = choose(request, kind, requested=operation.format or "")
    if chosen is None:
        return error(406, f"cannot serve this {'graph' if kind == 'graph' else 'result'} in the requested format; "
                          f"available: {', '.join(FORMAT_NAMES[kind])}")
    return run(operation, kind, chosen, lim)


def run(operation, kind: str, chosen: str, lim: Limits) -> Response:
    """Execute the query in a query process and build the response (or the HTML page).

    Machine formats usually do not get here: :mod:`.fast_path` answers them with the same functions.
    """
    opened = get_store()
    format_name = chosen if chosen != "html" else ("json" if kind == "results" else "turtle")
    options = query_options(operation, request)
    # The HTML page also depends on the page language (fi/sv/en); machine formats do not.
    page_language = language() if chosen == "html" else None
    vary = VARY if chosen == "html" else "Accept"
    etag = answer_etag(opened, operation.text, options, chosen, page_language)
    if request.method == "GET" and etag in request.if_none_match:
        return not_modified(etag, vary)
    try:
        outcome = execute(current_app.config, lim, opened, operation.text, options, format_name)
    except (QueryTimeout, QueryFailed) as exc:
        return failure(exc, kind)
    headers = answer_headers(outcome, etag, opened, vary)
    if chosen == "html":
        return Response(render_page(operation.text, outcome, kind, lim), mimetype="text/html", headers=headers)
    return Response(outcome.body, content_type=content_type(format_name), headers=headers)


def failure(exc: QueryTimeout | QueryFailed, kind: str) -> Response:
    """The answer to a query that ran out of time (503) or failed in the engine (400)."""
    if isinstance(exc, QueryTimeout):
        return error(503, str(exc), kind)
    return error(400, ("SPARQL syntax error: " if exc.syntax else "query failed: ") + exc.message, kind)


def not_modified(etag: str, vary: str) -> Response:
    """The 304 answer for a conditional GET whose result has not changed."""
    response = Response(status=304)
    response.set_etag(etag)
    response.headers["Vary"] = vary
    return response


def render_page(query: str, outcome, kind: str, lim: Limits) -> str:
    """Render the query page with the result as an HTML table (or Turtle text for graphs)."""
    table = {"vars": [], "rows": [], "boolean": None}
    if kind == "results":
        data = json.loads(outcome.body)
        if "boolean" in data:
            table["boolean"] = data["boolean"]
        else:
            table["vars"] = data["head"]["vars"]
            table["rows"] = [[row.get(v, {}).get("value", "") for v in table["vars"]] for row in data["results"]["bindings"]]
    else:
        table["vars"] = ["Turtle"]
        table["rows"] = [[outcome.body.decode("utf-8")]]
    return render_template("sparql/index.html", query=query, table=table, truncated=outcome.truncated,
                           max_rows=lim.max_rows, formats=list(FORMAT_NAMES[kind]), examples=examples(), error=None)


def describe_or_page() -> Response:
    """No query: the HTML query page for browsers, the Service Description for RDF clients."""
    chosen = choose(request, "graph")
    if chosen == "html":
        first = examples()[0].text if examples() else ""
        # The template puts these in an inline script with Jinja's tojson, which escapes <, >, &.
        page = render_template("sparql/index.html", query=first, table=None, error=None,
                               formats=list(FORMAT_NAMES["results"]), examples=examples(),
                               yasgui=(Path(current_app.static_folder) / "vendor" / "yasgui.min.js").exists(),
                               example_data=[e.__dict__ for e in examples()], endpoint=request.base_url)
        return Response(page, mimetype="text/html", headers={"Vary": VARY})
    if chosen is None:
        return error(406, "the service description is available as Turtle, N-Triples, JSON-LD or RDF/XML")
    opened = get_store()
    graph = describe_service(request.base_url, opened.built.meta.get("graphs", []), len(opened.store), limits())
    rdflib_name = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml", "trig": "trig", "nquads": "nquads"}[chosen]
    response = Response(graph.serialize(format=rdflib_name, encoding="utf-8"), mimetype=media_type(chosen))
    response.headers["Vary"] = "Accept"
    return response

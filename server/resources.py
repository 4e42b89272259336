"""`/id/...`: every data IRI dereferences — an HTML page for people, RDF for machines.

Served from the IRI itself (no 303: the IRIs name things, and the page says so; one round trip
instead of two), with content negotiation by Accept, a file suffix (.ttl .nt .jsonld .rdf .trig
.nq) or ``format=``; ``Vary: Accept``, ``Link`` to every alternate, ``ETag`` and ``304``.
A path that is no IRI (``/id/city/a%20b``), an unknown IRI, and a page beyond the last all get
the 404 page (HTML for browsers, text for machines); a malformed ``page`` gets 400.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, make_response, render_template, request

from citykg.graph.query import FORMATS, PREFIXES

from .describe import PAGE_SIZE, describe, exists, rdf_description, valid_iri
from .diagrams import map_svg, relations_svg
from .i18n import LANGUAGES, MESSAGES, language
from .negotiation import choose_document
from .store import get_store
from .urls import SUFFIXES, iri_for_path, path_for, split_suffix
from .web import MAX_PAGE, VARY, etag_for, page_number

bp = Blueprint("resources", __name__)

__all__ = ["LANGUAGES", "MESSAGES", "language", "resource", "not_found"]


def negotiate(suffix_format: str | None) -> str | None:
    """Return 'html', an RDF format name, or None (406)."""
    return choose_document(request, suffix_format)


def alternates(iri: str) -> str:
    """The Link header value naming every representation of *iri*."""
    links = [f'<{path_for(iri, suffix)}>; rel="alternate"; type="{FORMATS[name].media_type}"' for suffix, name in SUFFIXES.items()]
    return ", ".join([f'<{path_for(iri)}>; rel="alternate"; type="text/html"', *links])


@bp.get("/id/<path:path>")
def resource(path: str):
    """Dereference a data IRI.

    :raise 400: ``page`` is not a non-negative integer.
    :raise 404: nothing in the graph is called that, or the page is beyond the last (HTML page with search hint, or text).
    :raise 406: no acceptable representation.
    """
    stem, suffix_format = split_suffix(path)
    iri = iri_for_path("id/" + stem)
    chosen = negotiate(suffix_format)
    page = page_number()
    opened = get_store()
    if not valid_iri(iri) or not exists(opened.store, iri):
        return not_found(iri, chosen)
    if chosen is None:
        abort(406)
    if page > MAX_PAGE:
        return not_found(iri, chosen, page)
    lang = language()
    more = False
    # The language selects the HTML page only: RDF is the same whatever the reader's language.
    etag = etag_for("id", stem, chosen, page, *((lang,) if chosen == "html" else ()))
    if request.if_none_match.contains_weak(etag):  # If-None-Match compares weakly (RFC 9110 13.1.2)
        response = Response(status=304)
    elif chosen == "html":
        context = describe(opened.store, iri, lang, page)
        if page > 0 and page * PAGE_SIZE >= context.incoming_total:
            return not_found(iri, chosen, page)
        response = make_response(render_template(
            "resources/resource.html", d=context, path_for=path_for,
            suffixes=SUFFIXES, page_size=PAGE_SIZE, relations=relations_svg(opened.store, iri, lang),
            map=map_svg(opened.store, iri, lang)))
    else:
        quads, more = rdf_description(opened.store, iri, page, current_app.config["RDF_PAGE_SIZE"])
        if page > 0 and not quads:
            return not_found(iri, chosen, page)
        fmt = FORMATS[chosen]
        if chosen not in ("trig", "nquads"):  # JSON-LD too: clients read it as one graph
            quads = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        prefixes = PREFIXES if fmt.name in ("turtle", "trig", "rdfxml") else None
        response = Response(ox.serialize(quads, format=fmt.oxigraph, prefixes=prefixes), mimetype=fmt.media_type)
    response.set_etag(etag)
    response.last_modified = opened.modified
    response.headers["Vary"] = VARY
    response.headers["Link"] = alternates(iri)
    for wanted, target, rel in ((more, page + 1, "next"), (page > 0, page - 1, "prev")):
        if wanted and chosen != "html" and response.status_code == 200:
            response.headers["Link"] += f', <{path_for(iri)}?page={target}&format={chosen}>; rel="{rel}"'
    return response


def suggestion_query(guess: str) -> str:
    """The SPARQL query the 404 page offers: labels containing *guess* (as a safely quoted literal)."""
    literal = json.dumps(guess.lower(), ensure_ascii=False)  # a JSON string is a valid SPARQL string literal
    return ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT DISTINCT ?resource ?label WHERE {\n"
            f"  ?resource rdfs:label ?label\n  FILTER(CONTAINS(LCASE(STR(?label)), {literal}))\n}} LIMIT 50")


def not_found(iri: str, chosen: str | None, page: int | None = None) -> Response:
    """A 404 people can act on: the IRI, a search hint; plain text for machines.

    With *page*, the resource exists but that page of its links does not: link to the first page.
    """
    lang = language()
    if chosen == "html" or chosen is None and request.accept_mimetypes.accept_html:
        from .search import search  # the suggestions are what a label search for the slug finds

        guess = iri.rsplit("/", 1)[-1].replace("-", " ")
        hits = [] if page is not None else [hit for word in guess.split() for hit in search(get_store(), word, lang)][:10]
        body = render_template("resources/not_found.html", iri=iri, guess=guess, hits=hits, page=page,
                               first=path_for(iri) if page is not None else None, sparql_query=suggestion_query(guess))
        response = Response(body, status=404, mimetype="text/html")
    elif page is not None:
        response = Response(f"404 Not Found: <{iri}> has no page {page}\n", status=404, mimetype="text/plain")
    else:
        response = Response(f"404 Not Found: nothing in the graph is called <{iri}>\n", status=404, mimetype="text/plain")
    response.headers["Vary"] = VARY
    return response

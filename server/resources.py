"""`/id/...`: every data IRI dereferences — an HTML page for people, RDF for machines.

Served from the IRI itself (no 303: the IRIs name things, and the page says so; one round trip
instead of two), with content negotiation by Accept, a file suffix (.ttl .nt .jsonld .rdf .trig
.nq) or ``format=``; ``Vary: Accept``, ``Link`` to every alternate, ``ETag`` and ``304``.
A path that is no IRI (``/id/city/a%20b``), an unknown IRI, and a page beyond the last all get
the 404 page (HTML for browsers, text for machines); a malformed ``page`` gets 400.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, make_response, render_template, request

from citykg.graph.query import FORMATS, PREFIXES

from .describe import PAGE_SIZE, describe, exists, rdf_description, sub_property_hierarchy
from .diagrams import map_svg, relations_svg
from .i18n import language
from .negotiation import choose_document
from .store import get_store
from .urls import SUFFIXES, iri_for_path, path_for, split_suffix
from .web import MAX_PAGE, answer, not_found, page_number

bp = Blueprint("resources", __name__)


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
    chosen = choose_document(request, suffix_format)
    page = page_number()
    opened = get_store()
    if not exists(opened.store, iri):  # a path that is no IRI included
        return not_found(iri, chosen, opened=opened)
    if chosen is None:
        abort(406)
    if page > MAX_PAGE:
        return not_found(iri, chosen, page, opened=opened)
    lang = language()
    more = False

    def html_page() -> Response:
        context = describe(opened.store, iri, lang, page, below=sub_property_hierarchy(opened))
        if page > 0 and page * PAGE_SIZE >= context.incoming_total:
            return not_found(iri, chosen, page, opened=opened)
        return make_response(render_template(
            "resources/resource.html", d=context, path_for=path_for,
            suffixes=SUFFIXES, page_size=PAGE_SIZE, relations=relations_svg(opened.store, iri, lang),
            map=map_svg(opened.store, iri, lang)))

    def rdf_page() -> Response:
        nonlocal more
        quads, more = rdf_description(opened.store, iri, page, current_app.config["RDF_PAGE_SIZE"])
        if page > 0 and not quads:
            return not_found(iri, chosen, page, opened=opened)
        fmt = FORMATS[chosen]
        if chosen not in ("trig", "nquads"):  # JSON-LD too: clients read it as one graph
            quads = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        prefixes = PREFIXES if fmt.name in ("turtle", "trig", "rdfxml") else None
        return Response(ox.serialize(quads, format=fmt.oxigraph, prefixes=prefixes), mimetype=fmt.media_type)

    # The language selects the HTML page only: RDF is the same whatever the reader's language.
    parts = ("id", stem, chosen, page, *((lang,) if chosen == "html" else ()))
    response = answer(opened, parts, html_page if chosen == "html" else rdf_page)
    if response.status_code >= 400:
        return response
    response.headers["Link"] = alternates(iri)
    for wanted, target, rel in ((more, page + 1, "next"), (page > 0, page - 1, "prev")):
        if wanted and chosen != "html" and response.status_code == 200:
            response.headers["Link"] += f', <{path_for(iri)}?page={target}&format={chosen}>; rel="{rel}"'
    return response

"""`/id/...`: every data IRI dereferences — an HTML page for people, RDF for machines.

Served from the IRI itself (no 303: the IRIs name things, and the page says so; one round trip
instead of two), with content negotiation by Accept, a file suffix (.ttl .nt .jsonld .rdf .trig
.nq) or ``format=``; ``Vary: Accept``, ``Link`` to every alternate, ``ETag`` and ``304``.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, make_response, render_template, request

from citykg.graph.query import FORMATS, PREFIXES

from .describe import PAGE_SIZE, describe, exists, rdf_description
from .diagrams import map_svg, relations_svg
from .store import get_store
from .urls import SUFFIXES, iri_for_path, path_for, split_suffix

bp = Blueprint("resources", __name__)

LANGUAGES = ("fi", "sv", "en")
# UI strings of the page in the three languages.
MESSAGES = {
    "en": {"types": "Types", "facts": "Facts", "incoming": "Mentioned by", "source": "Source", "quote": "Quote",
           "inferred": "inferred (OWL RL)", "general": "general knowledge", "as": "This resource as", "missing": "Not found",
           "missing_text": "Nothing in the graph is called", "more": "More", "language": "Language",
           "pictures": "Relations and places"},
    "fi": {"types": "Tyypit", "facts": "Tiedot", "incoming": "Viittaukset", "source": "Lähde", "quote": "Lainaus",
           "inferred": "päätelty (OWL RL)", "general": "yleistieto", "as": "Tämä resurssi muodossa", "missing": "Ei löytynyt",
           "missing_text": "Graafissa ei ole resurssia", "more": "Lisää", "language": "Kieli",
           "pictures": "Suhteet ja paikat"},
    "sv": {"types": "Typer", "facts": "Uppgifter", "incoming": "Nämns av", "source": "Källa", "quote": "Citat",
           "inferred": "härlett (OWL RL)", "general": "allmän kunskap", "as": "Denna resurs som", "missing": "Hittades inte",
           "missing_text": "Ingenting i grafen heter", "more": "Mer", "language": "Språk",
           "pictures": "Relationer och platser"},
}
RDF_MEDIA = {FORMATS[name].media_type: name for name in SUFFIXES.values()}


def language() -> str:
    """The page language: ?lang=, else the remembered cookie, else Accept-Language, else English."""
    chosen = request.args.get("lang") or request.cookies.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def negotiate(suffix_format: str | None) -> str | None:
    """Return 'html', an RDF format name, or None (406)."""
    if suffix_format:
        return suffix_format
    asked = request.args.get("format")
    if asked:
        return asked if asked == "html" or asked in FORMATS and FORMATS[asked].kind == "graph" else None
    best = request.accept_mimetypes.best_match(["text/html", *RDF_MEDIA])
    if best is None and not request.accept_mimetypes:
        return "html"
    return "html" if best == "text/html" else RDF_MEDIA.get(best)


def alternates(iri: str) -> str:
    """The Link header value naming every representation of *iri*."""
    links = [f'<{path_for(iri, suffix)}>; rel="alternate"; type="{FORMATS[name].media_type}"' for suffix, name in SUFFIXES.items()]
    return ", ".join([f'<{path_for(iri)}>; rel="alternate"; type="text/html"', *links])


@bp.get("/id/<path:path>")
def resource(path: str):
    """Dereference a data IRI.

    :raise 404: nothing in the graph is called that (HTML page with search hint, or text).
    :raise 406: no acceptable representation.
    """
    stem, suffix_format = split_suffix(path)
    iri = iri_for_path("id/" + stem)
    opened = get_store()
    chosen = negotiate(suffix_format)
    if not exists(opened.store, iri):
        return not_found(iri, chosen)
    if chosen is None:
        abort(406)
    lang = language()
    more = False
    page = max(0, request.args.get("page", 0, type=int))
    etag = f"{opened.version}-{stem}-{chosen}-{lang}-{page}"
    if etag in request.if_none_match:
        response = Response(status=304)
    elif chosen == "html":
        context = describe(opened.store, iri, lang, page)
        response = make_response(render_template(
            "resources/resource.html", d=context, t=MESSAGES[lang], lang=lang, languages=LANGUAGES, path_for=path_for,
            suffixes=SUFFIXES, page_size=PAGE_SIZE, relations=relations_svg(opened.store, iri, lang),
            map=map_svg(opened.store, iri, lang)))
    else:
        quads, more = rdf_description(opened.store, iri, page, current_app.config["RDF_PAGE_SIZE"])
        fmt = FORMATS[chosen]
        if chosen not in ("trig", "nquads"):  # JSON-LD too: clients read it as one graph
            quads = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        prefixes = PREFIXES if fmt.name in ("turtle", "trig", "rdfxml") else None
        response = Response(ox.serialize(quads, format=fmt.oxigraph, prefixes=prefixes), mimetype=fmt.media_type)
    response.set_etag(etag)
    response.last_modified = opened.modified
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"
    response.headers["Link"] = alternates(iri)
    for wanted, target, rel in ((more, page + 1, "next"), (page > 0, page - 1, "prev")):
        if wanted and chosen != "html" and response.status_code == 200:
            response.headers["Link"] += f', <{path_for(iri)}?page={target}&format={chosen}>; rel="{rel}"'
    if request.args.get("lang") in LANGUAGES:
        response.set_cookie("lang", request.args["lang"], max_age=365 * 24 * 3600, samesite="Lax")
    return response


def not_found(iri: str, chosen: str | None) -> Response:
    """A 404 people can act on: the IRI, a search hint; plain text for machines."""
    lang = language()
    if chosen == "html" or chosen is None and request.accept_mimetypes.accept_html:
        from .search import search  # the suggestions are what a label search for the slug finds

        guess = iri.rsplit("/", 1)[-1].replace("-", " ")
        hits = [hit for word in guess.split() for hit in search(get_store(), word, lang)][:10]
        body = render_template("resources/not_found.html", iri=iri, guess=guess, hits=hits, t=MESSAGES[lang], lang=lang)
        return Response(body, status=404, mimetype="text/html")
    return Response(f"404 Not Found: nothing in the graph is called <{iri}>\n", status=404, mimetype="text/plain")

"""`/ontology` and `/shapes`: the ontology and the SHACL shapes, as HTML documentation or as RDF.

Ontology terms are hash IRIs (``ontology#City``), so each term dereferences to the ontology
document and its anchor in the generated documentation; shapes likewise (``shapes#CityShape``).
Each document is served at its IRI with content negotiation (Accept, ``format=`` with the
endpoint's format names, or a suffix: ``/ontology.ttl`` ``.nt`` ``.jsonld`` ``.rdf`` ``.trig``
``.nq`` ``.html``), and at its ``owl:versionIRI`` (``/ontology/1.1.0``), read from the loaded
ontology so a new release needs no code change. Earlier versions the ontology names with
``owl:priorVersion`` (``/ontology/1.0.0``) are not served: this build holds only the current
one, so their IRIs get the 404 page.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, make_response, render_template, request

from citykg.graph import ONTOLOGY_GRAPH, ONTOLOGY_IRI, SHAPES_GRAPH, SHAPES_IRI
from citykg.graph.query import FORMATS, PREFIXES
from citykg.graph.store import ONTOLOGY_HTML

from .i18n import language
from .negotiation import choose_document
from .store import get_store
from .urls import SUFFIXES, iri_for_path, path_for, split_suffix
from .web import VARY, answer, not_found

bp = Blueprint("ontology", __name__)

SH = "http://www.w3.org/ns/shacl#"
OWL_VERSION_IRI = "http://www.w3.org/2002/07/owl#versionIRI"
# Prefixes of the documents' Turtle / TriG / RDF/XML: the data's, and the ontology languages'.
DOCUMENT_PREFIXES = {**PREFIXES, "owl": "http://www.w3.org/2002/07/owl#", "sh": SH, "vann": "http://purl.org/vocab/vann/",
                     "ckgsh": SHAPES_IRI + "#", "dcat": "http://www.w3.org/ns/dcat#", "void": "http://rdfs.org/ns/void#"}
DOCUMENT_SUFFIXES = {**SUFFIXES, "html": "html"}


def version_iris(store: ox.Store, document: str, graph: str) -> set:
    """The owl:versionIRI values the loaded *graph* gives *document*."""
    quads = store.quads_for_pattern(ox.NamedNode(document), ox.NamedNode(OWL_VERSION_IRI), None, ox.NamedNode(graph))
    return {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}


def serve(opened, name: str, document: str, graph_iri: str, render_html, suffix: str | None = None) -> Response:
    """Serve one named graph of the build *opened* as HTML (via *render_html*) or RDF, by suffix, format= or Accept.

    :raise 406: the client accepts none of the offered types, or names an unknown format.
    """
    chosen = choose_document(request, suffix)
    if chosen is None:
        abort(406)
    lang = language() if chosen == "html" and name in LOCALISED else ""

    def render() -> Response:
        if chosen == "html":
            response = make_response(render_html(opened))
            response.mimetype = "text/html"
            return response
        fmt = FORMATS[chosen]
        graph = ox.NamedNode(graph_iri)
        # Sorted, so each term's statements come together (and the output is stable between builds).
        quads = sorted(opened.store.quads_for_pattern(None, None, None, graph), key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
        if chosen not in ("trig", "nquads"):
            quads = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        prefixes = DOCUMENT_PREFIXES if chosen in ("turtle", "trig", "rdfxml") else None
        return Response(ox.serialize(quads, format=fmt.oxigraph, prefixes=prefixes), mimetype=fmt.media_type)

    response = answer(opened, (name, chosen, lang), render, vary=VARY if name in LOCALISED else "Accept")
    own = path_for(document) or "/" + name
    links = [f'<{own}>; rel="alternate"; type="text/html"']
    links += [f'<{own}.{suffix}>; rel="alternate"; type="{FORMATS[fmt].media_type}"' for suffix, fmt in SUFFIXES.items()]
    response.headers["Link"] = ", ".join(links)
    return response


def ontology_html(opened) -> bytes:
    """The pyLODE documentation the build generated."""
    return (opened.built.path / ONTOLOGY_HTML).read_bytes()


def shapes_html(opened) -> str:
    """List every node shape with its property shapes: path, constraint, severity, messages."""
    rows = opened.store.query(f"""SELECT ?node ?target ?shape ?name ?path ?severity ?en ?fi WHERE {{ GRAPH <{SHAPES_GRAPH}> {{
        ?node a <{SH}NodeShape> ; <{SH}targetClass> ?target .
        OPTIONAL {{ ?node <{SH}property> ?shape . ?shape <{SH}path> ?path ; <{SH}severity> ?severity ; <{SH}name> ?name .
                   OPTIONAL {{ ?shape <{SH}message> ?en FILTER(LANG(?en) = "en") }}
                   OPTIONAL {{ ?shape <{SH}message> ?fi FILTER(LANG(?fi) = "fi") }} }} }} }} ORDER BY ?node ?shape""")
    shapes: dict = {}
    for r in rows:
        entry = shapes.setdefault(r["node"].value, {"target": r["target"].value, "properties": []})
        if r["shape"] is not None:
            entry["properties"].append({
                "iri": r["shape"].value, "name": r["name"].value, "path": r["path"].value,
                "severity": r["severity"].value.rsplit("#", 1)[-1], "en": r["en"].value if r["en"] else "",
                "fi": r["fi"].value if r["fi"] else ""})
    return render_template("ontology/shapes.html", shapes=shapes)


DOCUMENTS = {"ontology": (ONTOLOGY_IRI, str(ONTOLOGY_GRAPH), ontology_html), "shapes": (SHAPES_IRI, str(SHAPES_GRAPH), shapes_html)}
# The generated ontology documentation is one page for everyone; the shapes page is localised.
LOCALISED = {"shapes"}


def document_view(name: str, suffix: str | None = None) -> Response:
    """Serve document *name* (optionally as the representation a file *suffix* names).

    :raise 404: unknown suffix.
    """
    document, graph, render_html = DOCUMENTS[name]
    if suffix is None:
        return serve(get_store(), name, document, graph, render_html)
    stem, suffix_format = split_suffix(f"{name}.{suffix}", DOCUMENT_SUFFIXES)
    if stem != name or suffix_format is None:  # /ontology.bogus, /ontology.x.ttl
        return missing(document + "." + suffix)
    return serve(get_store(), name, document, graph, render_html, suffix_format)


def version_view(name: str, rest: str) -> Response:
    """Serve document *name* at one of its owl:versionIRIs (``/ontology/1.1.0``, ``/ontology/1.1.0.ttl``, ``.html``).

    :raise 404: the loaded document has no such version IRI.
    """
    document, graph, render_html = DOCUMENTS[name]
    stem, suffix_format = split_suffix(rest, DOCUMENT_SUFFIXES)
    iri = iri_for_path(f"{name}/{stem}")
    opened = get_store()
    if iri not in version_iris(opened.store, document, graph):
        return missing(iri)
    return serve(opened, name, document, graph, render_html, suffix_format)


def missing(iri: str) -> Response:
    """The 404 page (or text) of an unknown document IRI (no label search: documents are no resources)."""
    return not_found(iri, suggest=False)


@bp.get("/ontology")
@bp.get("/ontology.<suffix>")
def ontology(suffix: str | None = None):
    """Serve the ontology: pyLODE documentation (generated by the build) or RDF."""
    return document_view("ontology", suffix)


@bp.get("/ontology/<path:rest>")
def ontology_version(rest: str):
    """Serve the ontology at its version IRI."""
    return version_view("ontology", rest)


@bp.get("/shapes")
@bp.get("/shapes.<suffix>")
def shapes(suffix: str | None = None):
    """Serve the SHACL shapes: an HTML listing or RDF."""
    return document_view("shapes", suffix)


@bp.get("/shapes/<path:rest>")
def shapes_version(rest: str):
    """Serve the shapes at a version IRI, if the shapes graph declares one."""
    return version_view("shapes", rest)

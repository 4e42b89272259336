"""The dataset as a whole: landing page, class indexes, VoID/DCAT description and the dumps."""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Blueprint, Response, abort, make_response, render_template, request, send_file
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, XSD

from citykg.graph import CKG, ONTOLOGY_GRAPH
from citykg.graph.store import DUMP_FORMATS

from .describe import labels_of, pick_label
from .i18n import language
from .sparql import examples
from .store import get_store
from .urls import base, path_for
from .web import answer, not_found, page_number

bp = Blueprint("dataset", __name__)

VOID = Namespace("http://rdfs.org/ns/void#")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
INDEX_PAGE_SIZE = 50
DUMP_MEDIA = {"citykg.nq.gz": "application/n-quads", "citykg.trig.gz": "application/trig"}
# What an index name may look like (a class's local name) before it is looked up in the ontology.
CLASS_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,99}")


def declared_class(store, name: str) -> str | None:
    """The IRI of the ontology class *name* (``City``) if the ontology declares it, else None.

    Only a declared class's IRI ever reaches a query: index names come from the URL.
    """
    if not CLASS_NAME.fullmatch(name):
        return None
    cls = ox.NamedNode(str(CKG) + name)
    declared = store.quads_for_pattern(cls, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OWL.Class)), ox.NamedNode(str(ONTOLOGY_GRAPH)))
    return cls.value if next(iter(declared), None) else None


def class_counts(store, lang: str) -> list:
    """(class IRI, label, instance count) for every declared ontology class with instances, by label."""
    rows = store.query(f"""SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c FILTER(STRSTARTS(STR(?c), "{CKG}"))
        FILTER EXISTS {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?c a <{OWL.Class}> }} }} }} GROUP BY ?c""")
    counts = {r["c"].value: int(r["n"].value) for r in rows}
    labels = labels_of(store, set(counts))
    return sorted(((c, pick_label(labels, c, lang), n) for c, n in counts.items()), key=lambda x: x[1].lower())


@bp.get("/")
def landing():
    """Explain the dataset and link to everything: classes, SPARQL, ontology, dumps, examples."""
    opened = get_store()
    lang = language()
    return answer(opened, ("landing", lang), lambda: make_response(render_template(
        "dataset/landing.html", classes=class_counts(opened.store, lang), meta=opened.built.meta,
        examples=examples(), dumps=list(DUMP_FORMATS))))


def index_not_found(name: str) -> Response:
    """The 404 of an index: HTML for browsers, text for machines (never a query on the name, nor a search)."""
    return not_found(base() + "index/" + name, suggest=False)


@bp.get("/index/<name>")
def index(name: str):
    """All instances of one ontology class, sorted by label, paged.

    :raise 400: ``page`` is not a non-negative integer.
    :raise 404: the ontology declares no such class, it has no instances, or the page is beyond the last.
    """
    opened = get_store()
    lang = language()
    page = page_number()
    cls = declared_class(opened.store, name)
    if cls is None:
        return index_not_found(name)
    # A triple pattern, not query text: the class IRI is a term, never SPARQL source (default graph = all data).
    typed = opened.store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), ox.NamedNode(cls), ox.DefaultGraph())
    members = sorted({q.subject.value for q in typed if isinstance(q.subject, ox.NamedNode)})
    if not members or page * INDEX_PAGE_SIZE >= len(members):
        return index_not_found(name)

    def render() -> Response:
        labels = labels_of(opened.store, set(members) | {cls})
        ordered = sorted(((m, pick_label(labels, m, lang)) for m in members), key=lambda x: x[1].lower())
        shown = ordered[page * INDEX_PAGE_SIZE:(page + 1) * INDEX_PAGE_SIZE]
        return make_response(render_template("dataset/index.html", cls=cls, title=pick_label(labels, cls, lang), items=shown,
                                             total=len(ordered), page=page, page_size=INDEX_PAGE_SIZE, path_for=path_for))

    return answer(opened, ("index", name, page, lang), render)


def void_graph(opened, endpoint: str, dumps_base: str) -> Graph:
    """Describe the dataset with VoID and DCAT: counts, vocabularies, endpoint, licence, dumps."""
    graph = Graph()
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    dataset = URIRef(base() + "dataset")
    meta = opened.built.meta
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("City diplomacy knowledge graph (citykg): Helsinki", lang="en")))
    graph.add((dataset, DCTERMS.description, Literal(
        "Cities, networks, partnerships, agreements, commitments and themes of Helsinki's international activity, "
        "each fact traceable to the official document and passage that states it.", lang="en")))
    graph.add((dataset, DCTERMS.license, LICENCE))
    graph.add((dataset, DCTERMS.modified, Literal(meta["built_at"], datatype=XSD.dateTime)))
    graph.add((dataset, VOID.triples, Literal(meta["triples"], datatype=XSD.integer)))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
    graph.add((dataset, VOID.uriSpace, Literal(base() + "id/")))
    for vocabulary in ("https://w3id.org/citykg/ontology#", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
                       "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/", str(FOAF),
                       "http://www.w3.org/2003/01/geo/wgs84_pos#", "http://schema.org/"):
        graph.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    sizes = meta.get("graph_triples", {})  # counted by the build (a build from before it counted them: none)
    for graph_iri in meta.get("graphs", []):
        subset = BNode()
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.inDataset, dataset))
        graph.add((subset, DCTERMS.identifier, URIRef(graph_iri)))
        if graph_iri in sizes:
            graph.add((subset, VOID.triples, Literal(sizes[graph_iri], datatype=XSD.integer)))
    for name, size in meta.get("dumps", {}).items():
        url = URIRef(dumps_base + name)
        graph.add((dataset, VOID.dataDump, url))
        distribution = BNode()
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + DUMP_MEDIA[name])))
        graph.add((distribution, DCAT.compressFormat, URIRef("https://www.iana.org/assignments/media-types/application/gzip")))
        graph.add((distribution, DCAT.byteSize, Literal(size, datatype=XSD.integer)))
    return graph


@bp.get("/.well-known/void")
def void():
    """The VoID/DCAT description (Turtle, or JSON-LD / RDF/XML / N-Triples by Accept)."""
    opened = get_store()
    offers = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml", "application/n-triples": "nt"}
    chosen = request.accept_mimetypes.best_match(list(offers)) or "text/turtle"

    def render() -> Response:
        graph = void_graph(opened, request.host_url + "sparql", request.host_url + "dumps/")
        return Response(graph.serialize(format=offers[chosen], encoding="utf-8"), mimetype=chosen)

    # The description names this server's endpoint and dumps: the host selects it too.
    return answer(opened, ("void", offers[chosen], request.host_url), render, vary="Accept")


@bp.get("/dumps/<name>")
def dump(name: str):
    """Download a compressed dump of the whole dataset, regenerated by every build."""
    if name not in DUMP_FORMATS:
        abort(404)
    opened = get_store()
    return send_file(opened.built.path / "dumps" / name, mimetype="application/gzip", as_attachment=True,
                     download_name=name, etag=f"{opened.version}-{name}", conditional=True)

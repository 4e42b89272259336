"""Choose the representation of a SPARQL answer: by the `format` parameter, else by Accept.

One table maps media types (including the aliases clients send) and `format` names to the
formats of :data:`citykg.graph.query.FORMATS`; q-values are werkzeug's business.
"""

from __future__ import annotations

import re

from flask import Request

from citykg.graph.query import FORMATS

from .protocol import masked

HTML = "text/html"
# Media types clients send, per result kind, mapped to our format names (first = default).
MEDIA_TYPES = {
    "results": {
        "application/sparql-results+json": "json",
        "application/json": "json",
        "application/sparql-results+xml": "xml",
        "application/xml": "xml",
        "text/xml": "xml",
        "text/csv": "csv",
        "text/tab-separated-values": "tsv",
    },
    "graph": {
        "text/turtle": "turtle",
        "application/x-turtle": "turtle",
        "application/n-triples": "ntriples",
        "text/plain": "ntriples",
        "application/ld+json": "jsonld",
        "application/json": "jsonld",
        "application/rdf+xml": "rdfxml",
        "application/xml": "rdfxml",
        "application/trig": "trig",
        "application/n-quads": "nquads",
        # Clients that ask every query for SPARQL results (rdflib's SPARQLStore does) get the
        # graph in the RDF syntax of the same family, as Fuseki and Virtuoso do, not a 406.
        "application/sparql-results+xml": "rdfxml",
        "application/sparql-results+json": "jsonld",
    },
}
# `format=` values (SPARQLWrapper sends json, xml, csv, tsv, turtle, n3, rdf+xml, json-ld ...).
FORMAT_NAMES = {
    "results": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {
        "turtle": "turtle", "ttl": "turtle", "n3": "turtle", "ntriples": "ntriples", "nt": "ntriples",
        "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld", "rdfxml": "rdfxml", "rdf+xml": "rdfxml",
        "xml": "rdfxml", "rdf": "rdfxml", "trig": "trig", "nquads": "nquads", "nq": "nquads",
    },
}
FORM_KEYWORD = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_kind(query: str) -> str:
    """Say whether a query answers with solutions ("results") or a graph ("graph")."""
    match = FORM_KEYWORD.search(masked(query))
    return "graph" if match and match.group(1).upper() in ("CONSTRUCT", "DESCRIBE") else "results"


def choose(request: Request, kind: str, allow_html: bool = True, requested: str | None = None) -> str | None:
    """Return a format name, "html", or None when nothing acceptable can be produced (406).

    *requested* is the `format` parameter when the caller has already read the parameters.
    """
    requested = requested if requested is not None else request.values.get("format")
    if requested:
        if requested.lower() == "html" and allow_html:
            return "html"
        return FORMAT_NAMES[kind].get(requested.lower())
    # One media type without parameters (what SPARQL clients usually send) needs no weighing.
    exact = MEDIA_TYPES[kind].get(request.headers.get("Accept", "").strip().lower())
    if exact:
        return exact
    offers = list(MEDIA_TYPES[kind])
    accept = request.accept_mimetypes
    if not accept or accept.best == "*/*":
        return next(iter(MEDIA_TYPES[kind].values()))
    best = accept.best_match(([HTML] if allow_html else []) + offers)
    if best == HTML:
        # Browsers send text/html first but */* too: show them the page, not a download.
        return "html"
    return MEDIA_TYPES[kind].get(best) if best else None


def media_type(format_name: str) -> str:
    """The media type (with charset where textual) served for a format name."""
    return FORMATS[format_name].media_type


def choose_document(request: Request, suffix_format: str | None = None) -> str | None:
    """Choose how to serve a document (a data IRI, the ontology, the shapes): "html", an RDF format name, or None (406).

    A file suffix wins, then ``format=`` (the same names as the SPARQL endpoint's, plus "html"),
    then Accept with q-values (aliases such as ``application/json`` -> JSON-LD included); a client
    that states no preference, or prefers ``text/html``, gets the page.
    """
    if suffix_format:
        return suffix_format
    asked = request.args.get("format")
    if asked is not None:
        asked = asked.strip().lower()
        return "html" if asked == HTML.split("/")[1] else FORMAT_NAMES["graph"].get(asked)
    if not request.accept_mimetypes:
        return "html"
    best = request.accept_mimetypes.best_match([HTML, *MEDIA_TYPES["graph"]])
    return "html" if best == HTML else MEDIA_TYPES["graph"].get(best) if best else None

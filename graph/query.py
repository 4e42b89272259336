"""Run SPARQL queries on a store and serialize their results: one format table for CLI and server.

The default graph of a query is the store's default graph, which the build fills with the RDF
merge of every named graph (asserted data, inferred triples, ontology), unless the caller names
graphs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .errors import CitykgError, UsageError


@dataclass(frozen=True)
class Format:
    """One serialization: its short name, media type and the Oxigraph format object."""

    name: str
    media_type: str
    oxigraph: object
    kind: str  # "results" (SELECT/ASK) or "graph" (CONSTRUCT/DESCRIBE)


FORMATS = {
    f.name: f
    for f in (
        Format("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON, "results"),
        Format("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML, "results"),
        Format("csv", "text/csv", ox.QueryResultsFormat.CSV, "results"),
        Format("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV, "results"),
        Format("turtle", "text/turtle", ox.RdfFormat.TURTLE, "graph"),
        Format("ntriples", "application/n-triples", ox.RdfFormat.N_TRIPLES, "graph"),
        Format("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, "graph"),
        Format("rdfxml", "application/rdf+xml", ox.RdfFormat.RDF_XML, "graph"),
        Format("trig", "application/trig", ox.RdfFormat.TRIG, "graph"),
        Format("nquads", "application/n-quads", ox.RdfFormat.N_QUADS, "graph"),
    )
}
DEFAULT_FORMAT = {"results": "json", "graph": "turtle"}
# Prefixes written into Turtle/TriG/RDF-XML output, so people can read what they download.
PREFIXES = {
    "ckg": "https://w3id.org/citykg/ontology#",
    "city": "https://w3id.org/citykg/id/city/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def result_kind(result) -> str:
    """Say whether a query result is solutions/boolean ("results") or triples ("graph")."""
    return "graph" if isinstance(result, ox.QueryTriples) else "results"


def execute(store: ox.Store, query: str, **options):
    """Execute *query* (default graph: the merge of all graphs, unless graphs are given).

    :raise CitykgError: with the parser's message for a malformed query.
    """
    try:
        return store.query(query, **options)
    except SyntaxError as exc:
        raise CitykgError(f"SPARQL syntax error: {exc}") from exc


def serialize(result, fmt: Format) -> bytes:
    """Serialize a query result in *fmt*.

    :raise UsageError: if the format does not fit the result kind.
    """
    if fmt.kind != result_kind(result):
        raise UsageError(f"format {fmt.name!r} cannot represent a {result_kind(result)} query result")
    return result.serialize(format=fmt.oxigraph)


def run_query(store: ox.Store, query: str, format_name: str | None = None) -> bytes:
    """Run *query* and return its serialized result (default format by result kind)."""
    result = execute(store, query)
    fmt = FORMATS[format_name or DEFAULT_FORMAT[result_kind(result)]]
    return serialize(result, fmt)

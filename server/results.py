"""Execute a query on an open store and serialize at most N results (runs in a query child).

Oxigraph can only serialize a whole result iterator, and a truncated result must stop at the limit,
so results are collected first. Graph results are then serialized by Oxigraph from the collected
triples. Solutions are written here as SPARQL JSON (a direct mapping of terms; the common case, and
cheaper than any round trip); the other result formats (XML, CSV, TSV) are Oxigraph's serializers
applied to that JSON parsed back, so every format is written by the engine's own code, RDF-star
triple terms included.
"""

from __future__ import annotations

import json
from itertools import islice

import pyoxigraph as ox

from citykg.graph.query import FORMATS, PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def dataset_options(options: dict) -> dict:
    """Turn picklable options (IRIs as strings) into pyoxigraph query arguments."""
    built = {}
    if options.get("default_graph") is not None:
        built["default_graph"] = [ox.NamedNode(iri) for iri in options["default_graph"]]
    if options.get("named_graphs") is not None:
        built["named_graphs"] = [ox.NamedNode(iri) for iri in options["named_graphs"]]
    return built


def json_term(term) -> dict:
    """One RDF term in the SPARQL 1.1 Query Results JSON Format (RDF-star triple terms included)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": json_term(term.subject), "predicate": json_term(term.predicate),
                                            "object": json_term(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def serialize_json(variables: list, rows: list) -> bytes:
    """SPARQL 1.1 JSON results; unbound variables are left out of their row, as the format says."""
    names = [v.value for v in variables]
    bindings = [{name: json_term(row[name]) for name in names if row[name] is not None} for row in rows]
    document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def serialize_solutions(solutions: ox.QuerySolutions, rows: list, format_name: str) -> bytes:
    """Serialize collected solution rows in *format_name* (json, xml, csv or tsv)."""
    body = serialize_json(solutions.variables, rows)
    if format_name == "json":
        return body
    return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=FORMATS[format_name].oxigraph)


def execute_and_serialize(store: ox.Store, query: str, options: dict, format_name: str, max_rows: int):
    """Run *query*; return (body, kind, rows, truncated) with at most *max_rows* results."""
    result = store.query(query, base_iri=options.get("base_iri"), **dataset_options(options))
    fmt = FORMATS[format_name]
    if isinstance(result, ox.QueryBoolean):
        return result.serialize(format=fmt.oxigraph), "results", 1, False
    if isinstance(result, ox.QueryTriples):
        triples = list(islice(result, max_rows + 1))
        truncated = len(triples) > max_rows
        triples = triples[:max_rows]
        prefixes = PREFIXES if format_name in ("turtle", "trig", "rdfxml") else None
        return ox.serialize(triples, format=fmt.oxigraph, prefixes=prefixes), "graph", len(triples), truncated
    rows = list(islice(result, max_rows + 1))
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    return serialize_solutions(result, rows, format_name), "results", len(rows), truncated

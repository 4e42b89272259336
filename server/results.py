"""Execute a query on an open store and serialize at most N results (runs in a query child).

Graph results are serialized by Oxigraph from the collected triples. Solutions are collected and
serialized by rdflib's SPARQL result serializers (JSON, XML, CSV, TSV), because Oxigraph can only
serialize a whole result iterator, and a truncated result must stop at the limit.
"""

from __future__ import annotations

import io
from itertools import islice

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result

from citykg.graph.query import FORMATS, PREFIXES

# rdflib's result serializer names for our format names (rdflib has no TSV: see serialize_tsv).
RDFLIB_RESULT_FORMATS = {"json": "json", "xml": "xml", "csv": "csv"}


def dataset_options(options: dict) -> dict:
    """Turn picklable options (IRIs as strings) into pyoxigraph query arguments."""
    built = {}
    if options.get("default_graph") is not None:
        built["default_graph"] = [ox.NamedNode(iri) for iri in options["default_graph"]]
    if options.get("named_graphs") is not None:
        built["named_graphs"] = [ox.NamedNode(iri) for iri in options["named_graphs"]]
    return built


def to_rdflib(term):
    """Convert an Oxigraph term to the rdflib term of the same meaning."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    plain = datatype == "http://www.w3.org/2001/XMLSchema#string"
    return Literal(term.value, datatype=None if plain else URIRef(datatype))


def serialize_tsv(variables: list, rows: list) -> bytes:
    """SPARQL 1.1 TSV: a header of ?variables, then terms in their N-Triples form (Oxigraph's str)."""
    lines = ["\t".join(f"?{v.value}" for v in variables)]
    lines += ["\t".join("" if row[v] is None else str(row[v]) for v in variables) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize_solutions(solutions: ox.QuerySolutions, rows: list, format_name: str) -> bytes:
    """Serialize collected solution rows (rdflib's serializers; TSV by hand, rdflib lacks it)."""
    if format_name == "tsv":
        return serialize_tsv(solutions.variables, rows)
    result = Result("SELECT")
    result.vars = [Variable(v.value) for v in solutions.variables]
    result.bindings = [
        {Variable(v.value): to_rdflib(row[v]) for v in solutions.variables if row[v] is not None} for row in rows
    ]
    out = io.BytesIO()
    result.serialize(out, encoding="utf-8", format=RDFLIB_RESULT_FORMATS[format_name])
    return out.getvalue()


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

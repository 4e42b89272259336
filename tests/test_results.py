"""The endpoint's own result serialization agrees with Oxigraph's, term for term, in every format.

The query child collects at most N solutions and writes SPARQL JSON itself (the other formats are
Oxigraph's serializers over that JSON), so each format is checked against Oxigraph serializing the
whole, untruncated result: parsed back by Oxigraph's result parser, or (CSV, which has no parser
and keeps only lexical forms) as text.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from citykg.graph.query import FORMATS
from citykg.server.results import execute_and_serialize

EX = "http://example.org/"
# Every kind of term: IRIs, blank nodes, plain, language-tagged and typed literals with
# characters that need escaping, an unbound variable, and an RDF-star triple term.
QUERY = f"""SELECT ?s ?o ?missing ?b ?t WHERE {{
  ?s <{EX}p> ?o .
  OPTIONAL {{ ?s <{EX}nothing> ?missing }}
  BIND(BNODE(STR(?o)) AS ?b)
  BIND(<<( ?s <{EX}p> ?o )>> AS ?t)
}} ORDER BY STR(?o)"""
OBJECTS = [
    ox.Literal("Helsingfors", language="sv"),
    ox.Literal('Päijät-Häme "quoted"\ttab\nnew line, comma'),
    ox.Literal("2019-09-16", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    ox.Literal("20000000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ox.NamedNode(f"{EX}o?x=1&y=%3C2%3E"),
]


@pytest.fixture(scope="module")
def store():
    store = ox.Store()
    for number, obj in enumerate(OBJECTS):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{number}"), ox.NamedNode(f"{EX}p"), obj))
    return store


def parsed(body: bytes, fmt) -> list[dict]:
    """Parse a serialized result with Oxigraph; blank node labels differ by design, so mask them."""
    rows = []
    for solution in ox.parse_query_results(body, format=fmt):
        row = {}
        for variable in ("s", "o", "missing", "b", "t"):
            value = solution[variable]
            row[variable] = "_:b" if isinstance(value, ox.BlankNode) else value
        rows.append(row)
    return rows


@pytest.mark.parametrize("format_name", ["json", "xml", "csv", "tsv"])
def test_solutions_match_oxigraph(store, format_name):
    fmt = FORMATS[format_name].oxigraph
    body, kind, rows, truncated = execute_and_serialize(store, QUERY, {}, format_name, max_rows=100)
    expected = store.query(QUERY).serialize(format=fmt)
    assert (kind, rows, truncated) == ("results", len(OBJECTS), False)
    if format_name == "csv":
        masked = [re.sub(r"_:\w+", "_:b", text.decode()) for text in (body, expected)]
        assert masked[0] == masked[1]
    else:
        assert parsed(body, fmt) == parsed(expected, fmt)


def test_a_truncated_result_says_so(store):
    body, _, rows, truncated = execute_and_serialize(store, QUERY, {}, "json", max_rows=2)
    assert (rows, truncated) == (2, True)
    assert len(parsed(body, ox.QueryResultsFormat.JSON)) == 2


def test_ask_and_construct(store):
    body, kind, _, _ = execute_and_serialize(store, f"ASK {{ ?s <{EX}p> ?o }}", {}, "json", max_rows=10)
    assert kind == "results" and bool(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)) is True
    body, kind, rows, _ = execute_and_serialize(store, f"CONSTRUCT WHERE {{ ?s <{EX}p> ?o }}", {}, "ntriples", max_rows=10)
    assert (kind, rows) == ("graph", len(OBJECTS))
    assert len(list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))) == len(OBJECTS)

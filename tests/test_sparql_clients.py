"""Real SPARQL clients against the running server: SPARQLWrapper and rdflib's SPARQLStore.

Every result format is parsed back by the client and compared with the same query run directly
on the store.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from citykg.graph.store import current

PARTNERS = """PREFIX ckg: <https://w3id.org/citykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE { ?r ckg:partnershipOf <https://w3id.org/citykg/id/city/helsinki> ; ckg:partner ?p .
  ?p rdfs:label ?name FILTER(LANG(?name) = "sv") } ORDER BY ?name"""
DESCRIBE = "CONSTRUCT WHERE { <https://w3id.org/citykg/id/city/pietari> ?p ?o }"


@pytest.fixture(scope="module")
def expected(helsinki_store):
    store = current(helsinki_store).open()
    return [str(row["name"].value) for row in store.query(PARTNERS)]


def wrapper(server, fmt):
    client = SPARQLWrapper(server.url + "/sparql")
    client.setReturnFormat(fmt)
    return client


def test_expected_answer_is_not_trivial(expected):
    assert "Sankt Petersburg" in expected and "Stockholm" in expected


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(helsinki_server, expected, method):
    client = wrapper(helsinki_server, JSON)
    client.setMethod(method)
    client.setQuery(PARTNERS)
    bindings = client.queryAndConvert()["results"]["bindings"]
    assert [b["name"]["value"] for b in bindings] == expected


def test_sparqlwrapper_xml(helsinki_server, expected):
    client = wrapper(helsinki_server, XML)
    client.setQuery(PARTNERS)
    document = client.queryAndConvert()
    names = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert names == expected


@pytest.mark.parametrize("fmt, separator", [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_tsv(helsinki_server, expected, fmt, separator):
    client = wrapper(helsinki_server, fmt)
    client.setQuery(PARTNERS)
    lines = client.queryAndConvert().decode("utf-8").splitlines()[1:]
    names = [line.split("@")[0].strip('"') for line in lines]
    assert names == expected


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_graph_formats(helsinki_server, helsinki_store, fmt):
    client = wrapper(helsinki_server, fmt)
    client.setQuery(DESCRIBE)
    result = client.queryAndConvert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle" if fmt in (TURTLE, N3) else "json-ld")
    direct = current(helsinki_store).open().query(DESCRIBE)
    assert len(graph) == len(list(direct)) > 3
    assert (URIRef("https://w3id.org/citykg/id/city/pietari"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Sankt Petersburg", lang="sv")) in graph


def test_rdflib_sparqlstore(helsinki_server, expected):
    graph = Graph(store=SPARQLStore(helsinki_server.url + "/sparql", returnFormat="json"))
    assert [str(row.name) for row in graph.query(PARTNERS)] == expected
    ask = graph.query("ASK { <https://w3id.org/citykg/id/city/helsinki> ?p ?o }")
    assert ask.askAnswer is True
    constructed = graph.query(DESCRIBE).graph
    assert len(constructed) > 3

"""Landing page, class indexes, search, VoID/DCAT, dumps and the server-drawn pictures."""

from __future__ import annotations

import gzip

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, RDF

from citykg.server import create_app

VOID = Namespace("http://rdfs.org/ns/void#")


@pytest.fixture(scope="module")
def client(helsinki_store):
    return create_app({"STORE": str(helsinki_store)}).test_client()


def test_landing_page_links_everything(client):
    page = client.get("/").get_data(as_text=True)
    for link in ('href="/sparql"', 'href="/ontology"', 'href="/.well-known/void"', 'href="/dumps/citykg.nq.gz"', 'href="/index/City"', 'role="search"'):
        assert link in page


def test_class_index_sorted_and_counted(client):
    page = client.get("/index/City", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Amsterdam" in page and page.index("Amsterdam") < page.index("Stockholm")
    assert client.get("/index/NoSuchClass").status_code == 404


@pytest.mark.parametrize("query", ["pietari", "PIETARI", "Sankt Petersburg", "St Petersburg", "saint petersburg"])
def test_search_is_case_and_accent_insensitive_across_languages(client, query):
    hits = client.get("/search", query_string={"q": query, "format": "json"}).get_json()["results"]
    assert hits[0]["iri"] == "https://w3id.org/citykg/id/city/pietari"


def test_search_folds_accents_both_ways(client):
    hits = client.get("/search", query_string={"q": "paijat hame", "format": "json"}).get_json()["results"]
    assert "https://w3id.org/citykg/id/organisation/paijat-hameen-liitto" in [h["iri"] for h in hits]
    page = client.get("/search", query_string={"q": "Päijät"}).get_data(as_text=True)
    assert "/id/organisation/paijat-hameen-liitto" in page


def test_void_and_dcat_describe_the_dataset(client):
    graph = Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    dataset = next(graph.subjects(RDF.type, VOID.Dataset))
    assert int(graph.value(dataset, VOID.triples)) > 4000
    assert graph.value(dataset, VOID.sparqlEndpoint) is not None
    assert URIRef("https://w3id.org/citykg/ontology#") in set(graph.objects(dataset, VOID.vocabulary))
    assert len(list(graph.objects(dataset, DCAT.distribution))) == 2


def test_dumps_download_and_decompress(client):
    response = client.get("/dumps/citykg.nq.gz")
    assert response.status_code == 200
    body = response.data
    response.close()  # send_file streams from the open dump file
    assert b"https://w3id.org/citykg/graph/source/002" in gzip.decompress(body)
    assert client.get("/dumps/../build.json").status_code == 404


def test_city_page_has_a_relations_diagram_and_a_map(client):
    page = client.get("/id/city/helsinki", headers={"Accept": "text/html", "Accept-Language": "en"}).get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="diagram"' in page and 'class="map"' in page
    assert '<title id="rel-title">Relations of Helsinki</title>' in page
    assert 'href="/id/city/tukholma"' in page
